/**
 * Department performance (seed 002 ch. 7) as profile data: how a department's missed deadlines are graded
 * within a month, and which department is the month's best team. Pure.
 */
import { z } from 'zod';

/** How the missed deadlines of one department within one month are graded. */
const breachGradingSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('warning_then_penalty'),
      /** Missed deadlines of a department in a month that are warnings; every further one is a penalty. */
      warningsPerMonth: z.number().int().min(0),
    })
    .strict(),
  /** Every missed deadline is recorded as a warning; the procedure names no penalty. */
  z.object({ kind: z.literal('warning_only') }).strict(),
]);

/** The `performance` section of a profile. */
export const performanceRuleSchema = z
  .object({
    breaches: breachGradingSchema,
    /** 002 §7.1: a customer's own praise is credited to the handling department. */
    praise: z.boolean().default(false),
    /**
     * 002 §7.2: an escalated complaint is held against the responsible department (its head shares the blame and
     * loses the award): counted once per complaint, and a department with one in the month is not the best team.
     */
    escalationBlame: z.boolean().default(false),
  })
  .strict();

/** A profile's performance rule. */
export type PerformanceRule = z.infer<typeof performanceRuleSchema>;

/** What a missed deadline counts as against its department. */
export type BreachKind = 'warning' | 'penalty';

/** Every kind of department performance entry: graded breaches, praise, escalations (002 §7). */
export type PerformanceKind = BreachKind | 'praise' | 'escalation';

/**
 * The rule for complaints whose pinned profile has no `performance` section (pinned before the rule was
 * profile data): seed 002's "first late handling a warning, each further one a penalty", which every
 * profile used then — so running complaints are graded as before.
 */
export const LEGACY_PERFORMANCE_RULE: PerformanceRule = {
  breaches: { kind: 'warning_then_penalty', warningsPerMonth: 1 },
  praise: false,
  escalationBlame: false,
};

/** Grades a department's missed deadline, given how many it already had in the same month. */
export function classifyBreach(
  rule: Pick<PerformanceRule, 'breaches'> | undefined,
  breachesAlreadyThisMonth: number,
): BreachKind {
  const grading = (rule ?? LEGACY_PERFORMANCE_RULE).breaches;
  if (grading.kind === 'warning_only') return 'warning';
  return breachesAlreadyThisMonth < grading.warningsPerMonth ? 'warning' : 'penalty';
}

/** A department's month, as far as the best-team choice needs it. */
export interface TeamMonth {
  department: string;
  clocks: number;
  metOnTime: number;
  warnings: number;
  penalties: number;
  /** Escalated complaints held against it in the month (002 §7.2); absent: none. */
  escalations?: number;
}

/** A department's month with nothing counted yet (the performance report's and the monthly report's line). */
export function emptyDepartmentMonth(department: string) {
  return {
    department,
    clocks: 0,
    metOnTime: 0,
    breaches: 0,
    onTimeRate: null as number | null,
    warnings: 0,
    penalties: 0,
    praise: 0,
    escalations: 0,
  };
}

/** Clocks a department needs in a month to be considered for best team. */
export const BEST_TEAM_MIN_CLOCKS = 5;

/** The definition of the month's best team (seed 002 ch. 7.1), as the report states it. */
export const BEST_TEAM_RULE =
  `the department with the highest on-time rate among those with at least ${BEST_TEAM_MIN_CLOCKS} clocks due ` +
  'in the month and no escalated complaint; ties go to fewer penalties, then fewer warnings, then more clocks, ' +
  'then the department name';

/** Orders candidates best first, as BEST_TEAM_RULE says (on-time rates compared exactly, not rounded). */
function compareTeams(a: TeamMonth, b: TeamMonth): number {
  return (
    b.metOnTime * a.clocks - a.metOnTime * b.clocks ||
    a.penalties - b.penalties ||
    a.warnings - b.warnings ||
    b.clocks - a.clocks ||
    (a.department < b.department ? -1 : a.department > b.department ? 1 : 0)
  );
}

/** The month's best team, or undefined when no department had enough clocks. */
export function bestTeam<T extends TeamMonth>(months: readonly T[], minClocks = BEST_TEAM_MIN_CLOCKS): T | undefined {
  return months.filter((m) => m.clocks >= minClocks && !m.escalations).sort(compareTeams)[0];
}
