/**
 * The soak's upkeep load, beside the complaints: preventive maintenance (a unit of the installed base falls due,
 * the daily run is triggered and opens its order, the engineer's visit is recorded) and the monthly report's
 * backfill of the month before (`npm run report` does the same start). The soak's complaints are all registered
 * in the current month, so the backfilled month is empty: the run is exercised under faults (its PDF, its email,
 * a second run that must send nothing twice), its figures by the monthly-totals invariant.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { MAINTENANCE_SCHEDULE_ID, maintenanceOrderId } from '../../domain/maintenance-contract';
import { addDays, addMonths, localDate } from '../../domain/maintenance/rules';
import { monthOf, monthRange } from '../../domain/months';
import { startMonthlyReport } from '../../infra/monthly-report-schedule';
import type { SoakClient } from './client';
import type { LoadLog } from './load-log';
import type { Rng } from './rng';

/** What the upkeep load drives besides the API: the Temporal server the daily run and the backfill start on. */
export interface Operations {
  temporal: Client;
  taskQueue: string;
  timeZone: string;
}

export interface UpkeepDeps {
  client: SoakClient;
  log: LoadLog;
  rng: Rng;
  operations: Operations;
  stopping: () => boolean;
  /** Counts a stopped scenario (why, and the detail to look into). */
  stop: (why: string, detail?: string) => false;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** `promise`, or a rejection after `ms` (a call to a stopped Temporal server may wait on its own retries). */
const within = <T>(ms: number, promise: Promise<T>) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref()),
  ]);
const now = () => new Date().toISOString();
const VISIT = {
  checklist: { inspect: { done: true }, clean: { done: true }, calibrate: { done: true } },
  signedBy: 'Soak Customer',
};

/** Registers a unit due within the lead time, triggers the daily run until its order opens, records the visit. */
export async function visitMaintenance(deps: UpkeepDeps): Promise<boolean> {
  const { client, log, rng, operations } = deps;
  const serial = `SN-SOAK-${randomUUID().slice(0, 8)}`;
  const dueOn = addDays(localDate(Date.now(), operations.timeZone), rng.int(2, 10));
  const unit = {
    serial,
    customer: { name: 'Soak Customer', email: `${serial.toLowerCase()}@example.com`, language: 'en', region: 'east' },
    productModel: 'HX-300',
    installedOn: addMonths(dueOn, -6),
    intervalMonths: 6,
  };
  const registered = await client.call('POST', '/api/v1/installed-base', 'customer_service', unit);
  if (!registered || registered.status >= 300) return deps.stop(`installed-base ${registered?.status ?? 'unanswered'}`);
  const due = (registered.body as { nextDueOn: string }).nextDueOn;
  log.installedUnits.push({ serial, dueOn: due, at: now() });
  const orderId = maintenanceOrderId(serial, due);
  if (!(await orderScheduled(deps, orderId)))
    return deps.stopping() ? false : deps.stop('maintenance order never opened', orderId);
  for (let attempt = 0; attempt < 5 && !deps.stopping(); attempt++) {
    const key = `soak-${randomUUID()}`;
    const visit = { ...VISIT, visitedAt: now() };
    const answer = await client.call('POST', `/api/v1/maintenance-orders/${orderId}/visit`, 'repair', visit, key);
    if (answer?.status === 200) {
      const nextDueDate = (answer.body as { nextDueDate?: string }).nextDueDate ?? '';
      log.maintenanceVisits.push({ orderId, serial, idempotencyKey: key, nextDueDate, at: now() });
      return true;
    }
    if (answer && answer.status < 500 && answer.status !== 409) break;
    await pause(2_000);
  }
  return deps.stopping() ? false : deps.stop('maintenance visit refused', orderId);
}

/** Until the order reads `scheduled` with its engineer, triggering the daily run every 15 s (bounded). */
async function orderScheduled({ client, operations, stopping }: UpkeepDeps, orderId: string): Promise<boolean> {
  const until = Date.now() + 180_000;
  let triggeredAt = 0;
  while (Date.now() < until && !stopping()) {
    if (Date.now() - triggeredAt > 15_000) {
      triggeredAt = Date.now();
      // Temporal may be down (a fault): the next round triggers again
      await within(10_000, operations.temporal.schedule.getHandle(MAINTENANCE_SCHEDULE_ID).trigger()).catch(
        () => undefined,
      );
    }
    const answer = await client.call('GET', `/api/v1/maintenance-orders/${orderId}`, 'repair');
    const order = answer?.body as { state?: string; engineer?: string } | undefined;
    if (answer?.status === 200 && order?.state === 'scheduled' && order.engineer) return true;
    await pause(1_000);
  }
  return false;
}

/** The month before the current one in the company's time zone. */
export function previousMonth(timeZone: string, at = new Date()): string {
  const { from } = monthRange(monthOf(at, timeZone), timeZone);
  return monthOf(new Date(from.getTime() - 1), timeZone);
}

/** Starts last month's report as `npm run report` does and waits for it to finish (bounded; Temporal may stop). */
export async function backfillMonthlyReport({ log, operations, stopping, stop }: UpkeepDeps): Promise<boolean> {
  const month = previousMonth(operations.timeZone);
  const until = Date.now() + 300_000;
  while (Date.now() < until && !stopping()) {
    const run = startMonthlyReport(operations.temporal, operations.taskQueue, {
      month,
      trigger: 'backfill',
      mailManagement: true,
    }).then((handle) => handle.result());
    const finished = await within(120_000, run)
      .then(() => true)
      .catch(() => false);
    if (finished) {
      log.reportRuns.push({ month, at: now() });
      return true;
    }
    await pause(5_000);
  }
  return stopping() || stop('monthly report backfill never finished', month);
}
