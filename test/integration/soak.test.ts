/**
 * The soak in CI (issue 28): three minutes of the mixed load on a stack of its own (two APIs, two workers as
 * processes; Temporal, PostgreSQL and SMTP that the fault loop stops, cuts and slows), seeded, then the
 * independent checker: no complaint lost, doubled or stuck, no email twice. `npm run soak` is the long run.
 */
import { formatSoak } from '../../scripts/soak/format';
import { runSoak } from '../../scripts/soak/run';

test('three minutes of load and faults: every invariant holds', async () => {
  const result = await runSoak({
    minutes: 3,
    seed: 28,
    clients: 3,
    apis: 2,
    workers: 2,
    faultEverySeconds: [15, 30],
    burstSize: 40,
    settleSeconds: 180,
    say: () => undefined,
  });
  process.stdout.write(`${formatSoak(result)}\n`);
  expect(result.report.violations).toEqual([]);
  // the run did what it says: load through every kind of scenario, and faults
  expect(result.load.registrations).toBeGreaterThan(20);
  expect(result.load.actions).toBeGreaterThan(50);
  expect(result.load.correctiveActionSteps).toBeGreaterThan(0);
  expect(result.load.reportRuns).toBeGreaterThan(0);
  expect(Object.values(result.faults).reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(4);
  expect(result.emails).toBeGreaterThan(0);
}, 900_000);
