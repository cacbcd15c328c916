/**
 * The soak: its own stack (Temporal, PostgreSQL and SMTP behind proxies, APIs and workers as processes), a
 * steady mixed load and a seeded fault loop for the minutes asked, then the invariant checker. Exits non-zero on
 * any violation.
 *   npm run soak -- [--minutes 30] [--seed 1] [--clients 6] [--apis 2] [--workers 2]
 *                   [--fault-every 20-60] [--burst 200] [--settle 300] [--json FILE]
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { formatSoak } from './soak/format';
import { runSoak } from './soak/run';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
    clients: { type: 'string', default: '6' },
    apis: { type: 'string', default: '2' },
    workers: { type: 'string', default: '2' },
    'fault-every': { type: 'string', default: '20-60' },
    burst: { type: 'string', default: '200' },
    settle: { type: 'string', default: '300' },
    json: { type: 'string' },
  },
});

async function main(): Promise<number> {
  const [min, max] = values['fault-every'].split('-').map(Number) as [number, number];
  const result = await runSoak({
    minutes: Number(values.minutes),
    seed: Number(values.seed),
    clients: Number(values.clients),
    apis: Number(values.apis),
    workers: Number(values.workers),
    faultEverySeconds: [min, max ?? min],
    burstSize: Number(values.burst),
    settleSeconds: Number(values.settle),
    say: (line) => process.stderr.write(`soak: ${line}\n`),
  });
  process.stdout.write(`${formatSoak(result)}\n`);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify(result, null, 1));
  return result.report.violations.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
