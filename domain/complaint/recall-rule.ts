/**
 * 002 §4.2: a severe safety issue with a known lot starts a recall at once and the customers are told — the
 * profile's `recall.trigger` (`on: severity`) says which severities. Checked after every step (once).
 */
import type { Profile } from '../profile-schema';
import type { ComplaintState } from './state';

/** What a recall is started with. */
export interface RecallDecision {
  risk: string;
  remedy: string;
  lots: string[];
  serials: string[];
  deadline?: string;
}

/** The recall the complaint's severity calls for now, if the profile says so and none was started for it. */
export function severityRecall(state: ComplaintState, profile: Profile): RecallDecision | undefined {
  const trigger = profile.recall?.trigger;
  if (trigger?.on !== 'severity' || !trigger.severities.includes(state.severity)) return undefined;
  if (state.recalls.some((r) => r.trigger === 'severity') || !state.batchNumber) return undefined;
  return {
    risk: `severe safety issue reported in complaint ${state.number}: ${state.severityReasons.join('; ') || state.severity}`,
    remedy: profile.recall!.defaultRemedy,
    lots: [state.batchNumber],
    serials: [],
  };
}
