/**
 * The monthly report's schedule (issue 13; seed 004 §5.7): at 06:00 on the 1st of each month in the company's
 * time zone (COMPLAINT_TIMEZONE) a run of `monthlyReportScheduledWorkflow` reports the month just ended. Runs
 * never overlap; a run missed while Temporal was down is caught up within 7 days (it reports the month it was
 * due for: its scheduled time decides). `npm run report -- --month YYYYMM` runs a past month by hand.
 */
import { ScheduleOverlapPolicy, type Client, type ScheduleOptions, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  monthlyReportSummary,
  monthlyReportWorkflowId,
  MONTHLY_REPORT_WORKFLOW_TYPE,
  type MonthlyReportRun,
  MONTHLY_REPORT_SCHEDULE_ID,
  MONTHLY_REPORT_SCHEDULED_RUN_ID,
  MONTHLY_REPORT_SCHEDULED_WORKFLOW_TYPE,
  type MonthlyReportInput,
  type ScheduledMonthlyReportInput,
} from '../domain/monthly-report-contract';
import type { Config } from './config';

/** When the schedule fires: the day of the month and the local time. */
export const MONTHLY_REPORT_AT = { dayOfMonth: 1, hour: 6, minute: 0 } as const;

/** How long after its time a missed run is still made. */
export const MONTHLY_REPORT_CATCHUP = '7 days';

export function monthlyReportSchedules(config: Config): ScheduleOptions[] {
  const args: [ScheduledMonthlyReportInput] = [{ timeZone: config.COMPLAINT_TIMEZONE }];
  return [
    {
      scheduleId: MONTHLY_REPORT_SCHEDULE_ID,
      spec: { calendars: [{ ...MONTHLY_REPORT_AT }], timezone: config.COMPLAINT_TIMEZONE },
      action: {
        type: 'startWorkflow',
        workflowType: MONTHLY_REPORT_SCHEDULED_WORKFLOW_TYPE,
        workflowId: MONTHLY_REPORT_SCHEDULED_RUN_ID,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args,
        staticSummary: 'Monthly quality report of the month just ended',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: MONTHLY_REPORT_CATCHUP },
      memo: { purpose: 'monthly quality report (seed 004 §5.7)' },
    },
  ];
}

/**
 * Starts the report run of a month by hand (`npm run report -- --month YYYYMM`) under the month's own ID: a run of
 * the month in progress is joined, a finished one runs again and, its steps being idempotent, opens and sends
 * nothing it did before.
 */
export function startMonthlyReport(
  client: Client,
  taskQueue: string,
  input: MonthlyReportInput,
): Promise<WorkflowHandle<MonthlyReportRun>> {
  return client.workflow.start<MonthlyReportRun>(MONTHLY_REPORT_WORKFLOW_TYPE, {
    taskQueue,
    workflowId: monthlyReportWorkflowId(input.month),
    args: [input],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    staticSummary: monthlyReportSummary(input.month),
  });
}
