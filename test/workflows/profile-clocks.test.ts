/**
 * Every built-in profile's first clocks fall due at the exact minute the profile's calendar gives, across
 * the lunch break, the weekend and a public holiday, and stay quiet until then.
 */
import { seedRole } from '../support/seed-roles';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { statusQuery } from '../../domain/complaint-contract';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Profile } from '../../domain/profile-schema';
import { GENERIC_PATH } from '../../domain/stages';
import { dueAt } from '../../domain/working-time';
import { createTimeSkippingEnv, skipTo } from '../support/time-skipping';
import { workflowInput } from '../support/workflow-input';
import { act, scenario } from '../support/workflow-scenario';
import { anchorMs, DAY, nextLocal } from '../support/test-dates';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

const MIN = 60_000;
const TYPES: Record<string, string> = {
  'industrial-fault': 'product_fault',
  'quality-improvement': 'product_quality',
  'engine-plant': 'product_quality',
  'after-sales': 'fault_repair',
  'cr-mp25': 'quality_in_warranty',
};

/** The test server's clock run to `instantMs`. */
const sleepUntil = (instantMs: number) => skipTo(env, instantMs);

// Each profile's complaint is registered on a Friday at 11:30 Shanghai (before lunch, before a weekend) at least
// a week after the tests' now, three weeks apart, and the Monday after is made a company holiday, so
// working-time clocks skip the lunch break, the weekend and the holiday.
const FIRST_FRIDAY = nextLocal(anchorMs(), { weekday: 5, time: '11:30', timeZone: 'Asia/Shanghai' });
const registeredFor = (i: number) => FIRST_FRIDAY + i * 21 * DAY;
const withHoliday = (p: Profile, registeredMs: number): Profile => {
  const holiday = new Date(registeredMs + 3 * DAY).toISOString().slice(0, 10);
  const year = Number(holiday.slice(0, 4));
  const range = p.calendar.coveredYears;
  return {
    ...p,
    calendar: {
      ...p.calendar,
      holidays: [...p.calendar.holidays, holiday],
      // the company holiday is listed, so its year counts as covered (the rest of it keeps weekdays only)
      coveredYears: range && { from: Math.min(range.from, year), to: Math.max(range.to, year) },
    },
  };
};

test.each(BUILT_IN_PROFILES.map((p, i) => [p.id, p, i] as const))(
  '%s: every running clock falls due at its exact minute',
  async (_id, builtIn, i) => {
    const registeredMs = registeredFor(i);
    const profile = withHoliday(builtIn, registeredMs);
    expect(registeredMs).toBeGreaterThan(await env.currentTimeMs());
    await sleepUntil(registeredMs - MIN);
    await scenario(
      env,
      (n) =>
        workflowInput(n, profile.id, { registeredAt: new Date(registeredMs).toISOString(), profile, channel: 'phone' }),
      async (h) => {
        // classified 5 minutes after registration: a clock counted from receipt and one of the same length from
        // classification fall due minutes apart, so each is seen quiet a minute before its due instant
        await sleepUntil(registeredMs + 5 * MIN);
        await act(h, 'classify', seedRole(profile.id, 'classify'), {
          type: TYPES[profile.id],
          faultCategory: 'hardware',
        });
        // 002 and 003 have no validity check (003: a hardware fault goes to dispatch, counted from the request).
        if ((profile.stagePath ?? GENERIC_PATH).includes('validity_check'))
          await act(h, 'checkValidity', seedRole(profile.id, 'checkValidity'), {
            valid: true,
            reason: 'confirmed',
            customerContacted: false,
          });
        const running = (await h.query(statusQuery)).deadlines;
        expect(running.length).toBeGreaterThan(0);
        for (const clock of [...running].sort((a, b) => a.dueAt.localeCompare(b.dueAt))) {
          expect(Date.parse(clock.dueAt)).toBe(dueAt(Date.parse(clock.startedAt), clock.duration, profile.calendar));
          await sleepUntil(Date.parse(clock.dueAt) - MIN);
          const before = (await h.query(statusQuery)).deadlines.find((d) => d.name === clock.name);
          expect({ clock: clock.name, breachedAt: before?.breachedAt }).toEqual({
            clock: clock.name,
            breachedAt: undefined,
          });
          await sleepUntil(Date.parse(clock.dueAt) + MIN);
          const after = (await h.query(statusQuery)).deadlines.find((d) => d.name === clock.name);
          expect({ clock: clock.name, breachedAt: after?.breachedAt }).toEqual({
            clock: clock.name,
            breachedAt: clock.dueAt,
          });
        }
      },
    );
  },
);

test('004: 7 working days from Friday 11:30 with the Monday a holiday is Wednesday 11:30', () => {
  // a pure function over explicit dates: 2026-12-04 is a Friday of the calendar's covered year
  const REGISTERED = '2026-12-04T03:30:00.000Z';
  const profile = withHoliday(
    BUILT_IN_PROFILES.find((p) => p.id === 'cr-mp25')!,
    Date.parse(REGISTERED),
  );
  // Fri 4th from 11:30: 0.5 h + 5 h; Mon 7th holiday; Tue 8th … Tue 15th: 6 days (48 h); Wed 16th until 11:30.
  expect(
    new Date(dueAt(Date.parse(REGISTERED), { amount: 7, unit: 'working_days' }, profile.calendar)).toISOString(),
  ).toBe('2026-12-16T03:30:00.000Z');
});
