/**
 * The checks across a profile's sections (its schema checks each section alone): the settings its stages need, its
 * stage path, the severities, actions, levels and complaint types other sections name.
 */
import type { z } from 'zod';
import { ACTION_NAMES } from './complaint/action-names';
import { clockRuleIssues } from './clock-rules';
import type { profileFieldsSchema } from './profile-fields';
import { GENERIC_PATH, STAGES, type Stage } from './stages';

/** A profile as its schema parses it, before these checks. */
type ParsedProfile = z.output<typeof profileFieldsSchema>;

/** Settings a stage needs: required when the profile's path has the stage. */
const STAGE_SETTINGS: Array<[Stage, 'approvals' | 'objection']> = [
  ['approval', 'approvals'],
  ['escalated', 'objection'],
];
/** Adds an issue for each rule across sections the profile breaks. */
export function checkProfile(profile: ParsedProfile, ctx: z.RefinementCtx): void {
  if (!profile.deadlines && !profile.clockRules)
    ctx.addIssue({ code: 'custom', path: ['clockRules'], message: 'required: a profile states its clockRules' });
  const path = profile.stagePath ?? GENERIC_PATH;
  for (const [stage, key] of STAGE_SETTINGS)
    if (path.includes(stage) && !profile[key])
      ctx.addIssue({ code: 'custom', path: [key], message: `required: the stage path has the ${stage} stage` });
  if (profile.stagePath) {
    const path = profile.stagePath;
    const ordered = path.every((stage, i) => i === 0 || STAGES.indexOf(stage) > STAGES.indexOf(path[i - 1]!));
    const ends = ['registered', 'triage'].every((s, i) => path[i] === s) && path.slice(-2).join() === 'closed,archived';
    if (!ordered || !ends)
      ctx.addIssue({
        code: 'custom',
        path: ['stagePath'],
        message: 'stages in lifecycle order, from registered and triage to closed and archived, each once',
      });
  }
  const severities = new Set(profile.severities.map((s) => s.id));
  const check = (value: string, path: (string | number)[]) => {
    if (!severities.has(value)) ctx.addIssue({ code: 'custom', path, message: `unknown severity "${value}"` });
  };
  check(profile.defaultSeverity, ['defaultSeverity']);
  profile.severityRules.forEach((rule, i) => check(rule.severity, ['severityRules', i, 'severity']));
  for (const key of ['responseBySeverity', 'planBySeverity', 'dispatchBySeverity', 'arrivalBySeverity'] as const) {
    for (const severity of Object.keys(profile.deadlines?.[key] ?? {})) check(severity, ['deadlines', key, severity]);
  }
  Object.keys(profile.ownersBySeverity).forEach((s) => check(s, ['ownersBySeverity', s]));
  for (const issue of clockRuleIssues(profile.clockRules ?? [], { severities, stages: STAGES }))
    ctx.addIssue({ code: 'custom', ...issue });
  profile.remedies.forEach((r, i) => r.severity && check(r.severity, ['remedies', i, 'severity']));
  if (profile.recall?.trigger.on === 'severity')
    profile.recall.trigger.severities.forEach((s, i) => check(s, ['recall', 'trigger', 'severities', i]));
  profile.requiredFields.forEach(({ field }, i) => {
    const action = field.split('.')[0]!;
    if (!(ACTION_NAMES as readonly string[]).includes(action))
      ctx.addIssue({ code: 'custom', path: ['requiredFields', i, 'field'], message: `unknown action "${action}"` });
  });
  const types = new Set(profile.complaintTypes.map((t) => t.id));
  for (const [action, rule] of Object.entries(profile.permissions?.actions ?? {}))
    for (const type of Object.keys(rule?.byType ?? {}))
      if (!types.has(type))
        ctx.addIssue({
          code: 'custom',
          path: ['permissions', 'actions', action, 'byType', type],
          message: `unknown complaint type "${type}"`,
        });
  if (profile.satisfaction.kind === 'levels') {
    const levels = new Set(profile.satisfaction.levels.map((l) => l.id));
    profile.satisfaction.satisfied.forEach((l, i) => {
      if (!levels.has(l))
        ctx.addIssue({ code: 'custom', path: ['satisfaction', 'satisfied', i], message: `unknown level "${l}"` });
    });
  }
}
