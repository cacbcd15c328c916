/**
 * The daily run of the maintenance schedule (infra/maintenance-schedule.ts): asks the installed base for the
 * visits due within the lead time that have no order yet, page by page, and starts one maintenance order per
 * visit as an abandoned child (it outlives the run) with the ID of its visit and the reuse policy that rejects
 * a duplicate, so the same visit is never started twice, whatever runs overlap or catch up. At most WINDOW
 * starts are in flight; the run continues as new before its history grows large.
 */
import {
  ParentClosePolicy,
  WorkflowIdReusePolicy,
  continueAsNew,
  proxyActivities,
  setCurrentDetails,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { MaintenanceActivities } from '../../activities/maintenance';
import {
  maintenanceSummary,
  type DueVisit,
  type DueVisitsInput,
  type DueVisitsResult,
} from '../../domain/maintenance-contract';
import { addDays, localDate } from '../../domain/maintenance/rules';
import { MAINTENANCE_SETTINGS } from '../../domain/maintenance/settings';
import { databaseActivityOptions } from '../activity-options';
import { maintenanceOrderWorkflow } from './order.workflow';

const { findDueMaintenance } = proxyActivities<MaintenanceActivities>(databaseActivityOptions);

/** Due visits read per activity call. */
export const PAGE = 100;
/** Order starts in flight at once. */
export const WINDOW = 10;
/** History length past which the run hands over to a new one. */
const HISTORY_LIMIT = 4_000;

async function startOrder(visit: DueVisit, timeZone: string): Promise<boolean> {
  try {
    await startChild(maintenanceOrderWorkflow, {
      workflowId: visit.orderId,
      args: [{ ...visit, timeZone, settings: MAINTENANCE_SETTINGS }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: maintenanceSummary(visit),
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}

export async function maintenanceDueVisitsWorkflow(input: DueVisitsInput): Promise<DueVisitsResult> {
  const leadDays = input.leadDays ?? MAINTENANCE_SETTINGS.leadDays;
  const until = input.until ?? addDays(localDate(Date.now(), input.timeZone), leadDays);
  const counted: DueVisitsResult = { ...(input.counted ?? { started: 0, alreadyStarted: 0 }) };
  let after = input.after;
  const tell = (now: string) =>
    setCurrentDetails(
      `**Maintenance visits due up to ${until}**\n\n**Now:** ${now}\n\n**Orders started:** ${counted.started}; **already started before:** ${counted.alreadyStarted}`,
    );
  for (;;) {
    tell(after ? `reading the visits after unit ${after.serial} (due ${after.dueDate})` : 'reading the first visits');
    const page = await findDueMaintenance({ until, after, limit: PAGE });
    for (let i = 0; i < page.length; i += WINDOW) {
      const started = await Promise.all(page.slice(i, i + WINDOW).map((visit) => startOrder(visit, input.timeZone)));
      for (const yes of started) counted[yes ? 'started' : 'alreadyStarted'] += 1;
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) {
      tell('finished');
      return counted;
    }
    after = { dueDate: last.dueDate, serial: last.serial };
    const info = workflowInfo();
    if (info.historyLength > HISTORY_LIMIT || info.continueAsNewSuggested)
      return continueAsNew<typeof maintenanceDueVisitsWorkflow>({ ...input, leadDays, until, after, counted });
  }
}
