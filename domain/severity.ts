import type { Profile } from './profile-schema';

/** What is known about a complaint that the severity rules look at. */
export interface SeverityFacts {
  safetyHazard?: boolean;
  regulatorOrMediaThreat?: boolean;
  mainFunctionLost?: boolean;
  cosmeticOrMinor?: boolean;
  majorComplaint?: boolean;
  itemValue?: number;
  /** Units of the complaint's batch reported defective within the rule's window, this complaint included. */
  batchDefectiveUnits?: number;
}

/** A severity with the rules that set it. */
export interface SeverityVerdict {
  severity: string;
  reasons: string[];
}

/** The highest-ranked severity any rule of the profile assigns; the profile's default when none fires. */
export function evaluateSeverity(profile: Profile, facts: SeverityFacts): SeverityVerdict {
  const rank = new Map(profile.severities.map((s) => [s.id, s.rank]));
  const fired: Array<{ severity: string; reason: string }> = [];
  for (const rule of profile.severityRules) {
    switch (rule.kind) {
      case 'safety_hazard':
        if (facts.safetyHazard) fired.push({ severity: rule.severity, reason: 'safety hazard' });
        break;
      case 'regulator_or_media_threat':
        if (facts.regulatorOrMediaThreat)
          fired.push({ severity: rule.severity, reason: 'threat to go to a regulator or the media' });
        break;
      case 'main_function_lost':
        if (facts.mainFunctionLost) fired.push({ severity: rule.severity, reason: 'main function lost' });
        break;
      case 'cosmetic_or_minor':
        if (facts.cosmeticOrMinor) fired.push({ severity: rule.severity, reason: 'cosmetic or minor defect' });
        break;
      case 'major_complaint':
        if (facts.majorComplaint) fired.push({ severity: rule.severity, reason: 'major complaint' });
        break;
      case 'item_value_above':
        if ((facts.itemValue ?? 0) >= rule.threshold) {
          fired.push({ severity: rule.severity, reason: `item value ${facts.itemValue} ≥ ${rule.threshold}` });
        }
        break;
      case 'batch_defect':
        if ((facts.batchDefectiveUnits ?? 0) >= rule.threshold) {
          fired.push({
            severity: rule.severity,
            reason: `batch defect: ${facts.batchDefectiveUnits} units of the batch within ${rule.windowDays} days (≥ ${rule.threshold})`,
          });
        }
        break;
    }
  }
  if (fired.length === 0) return { severity: profile.defaultSeverity, reasons: ['no rule applies: default'] };
  const top = Math.max(...fired.map((f) => rank.get(f.severity) ?? 0));
  const severity = fired.find((f) => (rank.get(f.severity) ?? 0) === top)!.severity;
  return { severity, reasons: fired.filter((f) => f.severity === severity).map((f) => f.reason) };
}

/** The batch-defect window of the profile, in days, if it has a batch rule. */
export function batchWindowDays(profile: Profile): number | undefined {
  const rule = profile.severityRules.find((r) => r.kind === 'batch_defect');
  return rule?.kind === 'batch_defect' ? rule.windowDays : undefined;
}

/** The higher-ranked of two severities. */
export function maxSeverity(profile: Profile, a: string, b: string): string {
  const rank = (id: string) => profile.severities.find((s) => s.id === id)?.rank ?? 0;
  return rank(b) > rank(a) ? b : a;
}
