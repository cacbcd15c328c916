/**
 * The fleet at a small size (issue 27): two API processes and three workers on one Temporal server and one
 * PostgreSQL take 200 registrations split across the APIs while two workers are SIGKILLed in turn; the soak's
 * checker then finds every complaint numbered once and running once, every email sent once, nothing stuck, and
 * every complaint in triage. `npm run bench -- --fleet` is the full size (2,000 registrations, 6 kills).
 */
import { formatFleet } from '../../scripts/fleet/bench';
import { runFleet } from '../../scripts/fleet/run';

test('two APIs and three workers, two of them killed during a burst of 200: every complaint once, every email once', async () => {
  const result = await runFleet({
    complaints: 200,
    kills: 2,
    apis: 2,
    workers: 3,
    concurrency: 20,
    settleSeconds: 240,
    say: () => undefined,
  });
  process.stdout.write(`${formatFleet(result)}\n`);
  expect(result.report.violations).toEqual([]);
  expect([result.registered, result.complaints, result.kills, result.notInTriage]).toEqual([200, 200, 2, []]);
  // both APIs answered a share of the burst
  const byApi = Object.values(result.requests.byApi);
  expect([byApi.length, Math.min(...byApi) > 50]).toEqual([2, true]);
  expect(result.emails).toBeGreaterThanOrEqual(200);
}, 600_000);
