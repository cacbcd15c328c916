/**
 * Issue 23: every clock of every built-in profile on the time-skipping server, one test each, named after its rule.
 * Each walks a complaint to the event that starts the clock, checks where it counts from (receipt or the start)
 * and that it falls due at the exact minute its length gives under the profile's calendar — quiet one minute
 * before, breached at that instant one minute after — and then takes the step the profile says meets it.
 */
import type { ClockRule } from '../../domain/clock-rules';
import { statusQuery, type ComplaintStatus } from '../../domain/complaint-contract';
import type { Duration } from '../../domain/duration';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { dueAt } from '../../domain/working-time';
import { serverPerTest } from '../support/server-per-test';
import { skipTo } from '../support/time-skipping';
import { workflowInput } from '../support/workflow-input';
import { act } from '../support/workflow-scenario';
import { CLOCK_PATHS, clockTestTitle, type StepPath, type Step } from '../support/clock-paths';

const MIN = 60_000;
/** Every complaint here reached the company this long before it was registered. */
const RECEIVED_EARLIER = 5 * MIN;

// a server per test: a scenario leaves workflows behind (a retention clock, an 8D) that can stall time skipping
const server = serverPerTest();

const running = (s: ComplaintStatus, name: string) => s.deadlines.find((d) => d.name === name);

function lengthOf(rule: ClockRule, severity: string, channel: string): Duration {
  const { fixed, bySeverity, byChannel, otherwise } = rule.length;
  const length = fixed ?? bySeverity?.[severity] ?? (byChannel ? (byChannel[channel] ?? otherwise) : undefined);
  if (!length) throw new Error(`${rule.name}: no length for severity ${severity}`);
  return length;
}

async function take(h: Parameters<typeof act>[0], steps: readonly Step[]): Promise<void> {
  for (const [action, role, payload] of steps) await act(h, action, role, payload);
}

/** Starts the clock, checks its start and due minute, lets it breach, then meets it. */
async function atItsMinute(profileId: string, rule: ClockRule, path: StepPath): Promise<void> {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === profileId)!;
  const registeredMs = await server.env().currentTimeMs();
  const receivedMs = registeredMs - RECEIVED_EARLIER;
  const input = { registeredAt: new Date(registeredMs).toISOString(), receivedAt: new Date(receivedMs).toISOString() };
  const recorded = await server.scenario(
    (n) => workflowInput(n, profileId, { ...input, ...path.input }),
    async (h) => {
      const steps = path.toStart.map(withRelativeDates(registeredMs));
      await take(h, steps.slice(0, -1));
      const beforeMs = await server.env().currentTimeMs();
      await take(h, steps.slice(-1));
      const status = await h.query(statusQuery);
      const clock = running(status, rule.name);
      if (!clock) throw new Error(`${rule.name} is not running after ${path.toStart.map((s) => s[0]).join(', ')}`);
      const startMs = Date.parse(clock.startedAt);
      if (rule.from === 'receipt') expect(startMs).toBe(receivedMs);
      else expect(startMs).toBeGreaterThanOrEqual(steps.length ? beforeMs : registeredMs);
      const length = lengthOf(rule, status.severity, path.input?.channel ?? 'phone');
      const due = dueAt(startMs, length, profile.calendar);
      expect(clock.dueAt).toBe(new Date(due).toISOString());
      await skipTo(server.env(), due - MIN);
      expect(running(await h.query(statusQuery), rule.name)?.breachedAt).toBeUndefined();
      await skipTo(server.env(), due + MIN);
      expect(running(await h.query(statusQuery), rule.name)?.breachedAt).toBe(new Date(due).toISOString());
      await take(h, path.meet.map(withRelativeDates(registeredMs)));
      expect(running(await h.query(statusQuery), rule.name)).toBeUndefined();
    },
  );
  const saved = [...recorded.clocks.values()].filter((c) => c.name === rule.name).at(-1);
  expect(saved).toMatchObject({ metAt: expect.any(String), breachedAt: expect.any(String) });
}

/** Clocks met by registration itself (the acknowledgement, the owners told): counted, due and met at once. */
async function metAtRegistration(profileId: string, rule: ClockRule, channel = 'phone'): Promise<void> {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === profileId)!;
  const registeredMs = await server.env().currentTimeMs();
  const receivedMs = registeredMs - RECEIVED_EARLIER;
  const recorded = await server.scenario(
    (n) =>
      workflowInput(n, profileId, {
        registeredAt: new Date(registeredMs).toISOString(),
        receivedAt: new Date(receivedMs).toISOString(),
      }),
    async () => undefined,
  );
  const saved = [...recorded.clocks.values()].find((c) => c.name === rule.name)!;
  const startMs = rule.from === 'receipt' ? receivedMs : registeredMs;
  expect(saved.startedAt).toBe(new Date(startMs).toISOString());
  expect(saved.dueAt).toBe(
    new Date(dueAt(startMs, lengthOf(rule, 'general', channel), profile.calendar)).toISOString(),
  );
  expect(saved).toMatchObject({ metAt: expect.any(String) });
  expect(saved.breachedAt).toBeUndefined();
}

/** A test plan's dates are a month after registration, whatever today is. */
function withRelativeDates(registeredMs: number) {
  const inAMonth = new Date(registeredMs + 30 * 24 * 60 * MIN).toISOString().slice(0, 10);
  return ([action, role, payload]: Step): Step =>
    action === 'sendPreliminaryReport'
      ? [
          action,
          role,
          { ...(payload as object), testPlan: [{ test: 'thermal cycling', method: '500 cycles', due: inAMonth }] },
        ]
      : [action, role, payload];
}

for (const profile of BUILT_IN_PROFILES) {
  describe(`${profile.id}: every clock at its minute`, () => {
    for (const rule of profile.clockRules ?? []) {
      const path = CLOCK_PATHS[profile.id]?.[rule.name];
      test(clockTestTitle(rule), async () => {
        if (!path) throw new Error(`no path to ${profile.id} ${rule.name} in test/support/clock-paths.ts`);
        if (path === 'registration') await metAtRegistration(profile.id, rule);
        else await atItsMinute(profile.id, rule, path);
      });
    }
  });
}
