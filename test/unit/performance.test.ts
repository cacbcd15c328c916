import {
  BEST_TEAM_MIN_CLOCKS,
  bestTeam,
  classifyBreach,
  performanceRuleSchema,
  type PerformanceRule,
  type TeamMonth,
} from '../../domain/performance';
import { BUILT_IN_PROFILES } from '../../domain/profiles';

const seed002: Pick<PerformanceRule, 'breaches'> = { breaches: { kind: 'warning_then_penalty', warningsPerMonth: 1 } };
const warningOnly: Pick<PerformanceRule, 'breaches'> = { breaches: { kind: 'warning_only' } };
const twoWarnings: Pick<PerformanceRule, 'breaches'> = {
  breaches: { kind: 'warning_then_penalty', warningsPerMonth: 2 },
};
const noWarnings: Pick<PerformanceRule, 'breaches'> = {
  breaches: { kind: 'warning_then_penalty', warningsPerMonth: 0 },
};

test.each([
  ['seed 002', seed002, ['warning', 'penalty', 'penalty']],
  ['no section (pinned before the rule was data): the legacy rule, 002', undefined, ['warning', 'penalty', 'penalty']],
  ['warning only', warningOnly, ['warning', 'warning', 'warning']],
  ['two warnings a month', twoWarnings, ['warning', 'warning', 'penalty']],
  ['no warnings', noWarnings, ['penalty', 'penalty', 'penalty']],
])('%s: the 1st, 2nd and 3rd breach of a department in a month', (_name, rule, kinds) => {
  expect([0, 1, 2].map((earlier) => classifyBreach(rule, earlier))).toEqual(kinds);
});

test('each built-in profile states its rule; 002 as its seed says (ch. 7), the others record warnings only', () => {
  const rules = Object.fromEntries(BUILT_IN_PROFILES.map((p) => [p.id, p.performance]));
  const quiet = { ...warningOnly, praise: false, escalationBlame: false };
  expect(rules).toEqual({
    'industrial-fault': quiet,
    'quality-improvement': quiet,
    // ch. 7.1 praise rewards the handlers, ch. 7.2 an escalated complaint is held against the department
    'engine-plant': { ...seed002, praise: true, escalationBlame: true },
    'after-sales': quiet,
    'cr-mp25': quiet,
  });
});

test('the section is validated', () => {
  expect(performanceRuleSchema.safeParse({ breaches: { kind: 'warning_then_penalty' } }).success).toBe(false);
  expect(performanceRuleSchema.safeParse({ breaches: { kind: 'penalty_first' } }).success).toBe(false);
  expect(performanceRuleSchema.safeParse({ breaches: { kind: 'warning_only', extra: 1 } }).success).toBe(false);
  expect(performanceRuleSchema.safeParse(twoWarnings).success).toBe(true);
});

const team = (department: string, clocks: number, metOnTime: number, warnings = 0, penalties = 0): TeamMonth => ({
  department,
  clocks,
  metOnTime,
  warnings,
  penalties,
});

test.each([
  ['highest on-time rate wins', [team('a', 10, 9), team('b', 10, 10)], 'b'],
  ['too few clocks do not count', [team('a', 10, 9), team('b', BEST_TEAM_MIN_CLOCKS - 1, 4)], 'a'],
  ['exactly the minimum counts', [team('a', 10, 9), team('b', BEST_TEAM_MIN_CLOCKS, BEST_TEAM_MIN_CLOCKS)], 'b'],
  ['rates are compared exactly, not rounded', [team('a', 1000, 999), team('b', 1001, 1000)], 'b'],
  ['equal rates: fewer penalties', [team('a', 10, 8, 1, 1), team('b', 5, 4, 1, 0)], 'b'],
  ['then fewer warnings', [team('a', 10, 8, 1, 0), team('b', 5, 4, 0, 0)], 'b'],
  ['then more clocks', [team('a', 5, 5), team('b', 10, 10)], 'b'],
  ['then the name', [team('b', 5, 5), team('a', 5, 5)], 'a'],
])('best team: %s', (_name, months, best) => {
  expect(bestTeam(months)?.department).toBe(best);
});

test('no best team when no department had enough clocks', () => {
  expect(bestTeam([team('a', 1, 1)])).toBeUndefined();
  expect(bestTeam([])).toBeUndefined();
});
