/**
 * Every clock rule of every built-in profile, one test each named after the rule as its seed writes it: started by
 * its first trigger, counted from receipt or from that start, due at the exact instant its length gives on the
 * profile's calendar, and met by each output the rule names (and by nothing it does not name).
 */
import { clockTrigger, ladderOf, warnedOf, type Trigger } from '../../domain/complaint/clock-table';
import { newComplaintState, type ComplaintState } from '../../domain/complaint/state';
import type { ClockRule } from '../../domain/clock-rules';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Profile } from '../../domain/profile-schema';
import { dueAt } from '../../domain/working-time';

// pure functions over explicit instants: Monday 2026-11-23 09:00 Shanghai, received an hour before
const REGISTERED = Date.parse('2026-11-23T01:00:00.000Z');
const RECEIVED = REGISTERED - 3_600_000;
const STARTED = REGISTERED + 2 * 3_600_000;

/** A complaint the rule applies to: a severity it has a length for, its service mode, before or after an objection. */
function complaintFor(profile: Profile, rule: ClockRule): ComplaintState {
  const state = newComplaintState(
    profile,
    {
      number: '202611-001',
      registeredAt: new Date(REGISTERED).toISOString(),
      receivedAt: new Date(RECEIVED).toISOString(),
      channel: 'phone',
      warranty: 'in',
      facts: {},
    },
    true,
  );
  if (rule.length.bySeverity) state.severity = Object.keys(rule.length.bySeverity)[0]!;
  if (rule.when?.serviceMode) state.serviceMode = rule.when.serviceMode;
  if (rule.when?.afterObjection) state.objectionRounds = 1;
  return state;
}

const cases = BUILT_IN_PROFILES.flatMap((profile) =>
  (profile.clockRules ?? []).map((rule) => [`${rule.section} ${rule.name}: ${rule.rule}`, profile, rule] as const),
);

test('every built-in profile states its clocks as rules', () => {
  for (const p of BUILT_IN_PROFILES) expect(p.clockRules?.length).toBeGreaterThan(3);
  expect(cases.length).toBeGreaterThanOrEqual(30);
});

test.each(cases)('%s', (_title, profile, rule) => {
  const state = complaintFor(profile, rule);
  clockTrigger(state, profile, rule.startedBy[0] as Trigger, STARTED);
  const clock = state.deadlines.find((d) => d.name === rule.name);
  expect(clock).toBeDefined();
  const from = rule.from === 'receipt' ? RECEIVED : STARTED;
  const duration = rule.length.fixed ?? rule.length.bySeverity?.[state.severity] ?? rule.length.otherwise!;
  expect([clock!.startedAt, clock!.dueAt]).toEqual([
    new Date(from).toISOString(),
    new Date(dueAt(from, duration, profile.calendar)).toISOString(),
  ]);
  for (const output of rule.metBy) {
    const met = structuredClone(state);
    clockTrigger(met, profile, output as Trigger, STARTED + 60_000);
    expect({ output, metAt: met.deadlines.find((d) => d.name === rule.name)!.metAt }).toEqual({
      output,
      metAt: new Date(STARTED + 60_000).toISOString(),
    });
  }
  // an internal step the rule does not name leaves it running
  const other = structuredClone(state);
  clockTrigger(other, profile, 'action:classify', STARTED + 60_000);
  if (!rule.metBy.includes('action:classify'))
    expect(other.deadlines.find((d) => d.name === rule.name)!.metAt).toBeUndefined();
});

test("who is told follows the rule where it says (003 §2.2.1: a late dispatch goes to the service supervisor), else the profile's ladder and the owners", () => {
  const p003 = BUILT_IN_PROFILES.find((p) => p.id === 'after-sales')!;
  expect(ladderOf(p003, 'dispatch').map((l) => l.notify)).toEqual([['department_head'], ['general_manager']]);
  expect(warnedOf(p003, 'dispatch', ['technical_support'])).toEqual(['department_head']);
  expect(ladderOf(p003, 'arrival')).toEqual(p003.clocks.escalation);
  expect(warnedOf(p003, 'arrival', ['technical_support'])).toEqual(['technical_support']);
});
