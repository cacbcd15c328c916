/**
 * The run the monthly-report schedule starts (infra/monthly-report-schedule.ts) on the 1st of each month: reads
 * its scheduled time (the `TemporalScheduledStartTime` search attribute the schedule sets; a catch-up run has the
 * time it was due, not the time it ran), takes the month before it in the company's zone, and runs that month's
 * report as the child `monthly-report-<YYYYMM>` — the same ID a backfill uses — abandoned, so it finishes even
 * if this run is terminated. A run of the month already in progress is left to finish.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, executeChild, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import {
  monthlyReportSummary,
  monthlyReportWorkflowId,
  scheduledStartTime,
  type ScheduledMonthlyReportInput,
  type ScheduledMonthlyReportResult,
} from '../../domain/monthly-report-contract';
import { reportedMonth } from '../../domain/monthly-report/monthly-actions';
import { monthlyReportWorkflow } from './monthly-report.workflow';

export async function monthlyReportScheduledWorkflow(
  input: ScheduledMonthlyReportInput,
): Promise<ScheduledMonthlyReportResult> {
  const info = workflowInfo();
  const scheduledAt = scheduledStartTime(info) ?? info.runStartTime;
  const month = reportedMonth(scheduledAt, input.timeZone);
  setCurrentDetails(
    `**Now:** running the report of ${month} as ${monthlyReportWorkflowId(month)} (due ${scheduledAt.toISOString().slice(0, 10)})`,
  );
  try {
    const result = await executeChild(monthlyReportWorkflow, {
      workflowId: monthlyReportWorkflowId(month),
      args: [{ month, trigger: 'schedule' }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: monthlyReportSummary(month),
    });
    return { month, scheduledAt: scheduledAt.toISOString(), result };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      return { month, scheduledAt: scheduledAt.toISOString(), alreadyRunning: true };
    throw error;
  }
}
