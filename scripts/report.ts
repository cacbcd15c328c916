/**
 * Runs the monthly quality report of a past month by hand — a backfill, or a month the schedule missed beyond
 * its catch-up window: the same workflow the schedule runs, `monthly-report-<YYYYMM>`, so running a month twice
 * opens no second corrective action and sends no second email.
 *   npm run report -- --month 202610              opens the top-three corrective actions, meeting notice, PDF email
 *   npm run report -- --month 202610 --no-email   everything but the management email
 * Uses TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE (TEMPORAL_API_KEY, TEMPORAL_TLS) and
 * COMPLAINT_TIMEZONE, nothing else; a worker must be running.
 */
import { parseArgs } from 'node:util';
import { MONTH_PATTERN, monthOf } from '../domain/months';
import { loadTemporalConfig } from '../infra/config';
import { startMonthlyReport } from '../infra/monthly-report-schedule';
import { connectClient } from '../infra/temporal-connection';
import { refuse, runCommand } from './cli';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { month: { type: 'string' }, 'no-email': { type: 'boolean', default: false } },
  });
  const config = loadTemporalConfig();
  const month = values.month ?? '';
  if (!MONTH_PATTERN.test(month)) return refuse('--month YYYYMM is required (e.g. --month 202610)');
  const current = monthOf(new Date(), config.COMPLAINT_TIMEZONE);
  if (month >= current) return refuse(`${month} has not ended yet in ${config.COMPLAINT_TIMEZONE} (now ${current})`);
  const client = await connectClient(config);
  try {
    const handle = await startMonthlyReport(client, config.TEMPORAL_TASK_QUEUE, {
      month,
      trigger: 'backfill',
      mailManagement: !values['no-email'],
    });
    process.stdout.write(`${handle.workflowId} started; waiting for it to finish\n`);
    const result = await handle.result();
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } finally {
    await client.connection.close();
  }
}

runCommand(main);
