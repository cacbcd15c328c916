/**
 * Contract of the monthly quality report's run (issue 13; seed 004 §5.7): the Temporal Schedule that starts it
 * on the 1st of each month, the month's own workflow (`monthly-report-<YYYYMM>`, also started by
 * `npm run report -- --month YYYYMM`), inputs, results and the status query. Nothing else spells these names.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, type WorkflowInfo } from '@temporalio/workflow';
import { MONTH_PATTERN } from './months';

/** The schedule (`temporal schedule describe --schedule-id monthly-report`). */
export const MONTHLY_REPORT_SCHEDULE_ID = 'monthly-report';

/** The workflow type the schedule starts (workflows/monthly-report/scheduled.workflow.ts). */
/** The month's report run: started by this name outside a workflow (infra/monthly-report-schedule.ts). */
export const MONTHLY_REPORT_WORKFLOW_TYPE = 'monthlyReportWorkflow';

export const MONTHLY_REPORT_SCHEDULED_WORKFLOW_TYPE = 'monthlyReportScheduledWorkflow';

/** Workflow ID prefix of the schedule's runs (Temporal appends the scheduled time). */
export const MONTHLY_REPORT_SCHEDULED_RUN_ID = 'monthly-report-scheduled';

/** Workflow ID of a month's report run: `monthly-report-<YYYYMM>`, whoever starts it (schedule or backfill). */
export function monthlyReportWorkflowId(month: string): string {
  if (!MONTH_PATTERN.test(month)) throw new TypeError(`not a month YYYYMM: ${month}`);
  return `monthly-report-${month}`;
}

/** What a month's report emails are about in the outbox (`monthly_report:<YYYYMM>:<event>:<recipient>`). */
export function monthlyReportSubject(month: string): { kind: 'monthly_report'; id: string } {
  return { kind: 'monthly_report', id: month };
}

/** Who started a month's run. */
export type MonthlyReportTrigger = 'schedule' | 'backfill';

/** What a month's report run is started with. */
export interface MonthlyReportInput {
  /** The month reported, `YYYYMM` in the company's time zone. */
  month: string;
  trigger: MonthlyReportTrigger;
  /** Email the PDF report to management (default true; once per month and recipient, whatever the runs). */
  mailManagement?: boolean;
}

/** What the schedule starts its run with: the zone its scheduled time is read in (COMPLAINT_TIMEZONE). */
/** The signature of the month's report run, for a typed handle without importing the workflow. */
export type MonthlyReportRun = (input: MonthlyReportInput) => Promise<MonthlyReportResult>;

export interface ScheduledMonthlyReportInput {
  timeZone: string;
}

/** How the schedule's run ended: the month's result, or `alreadyRunning` when a run of the month was in progress. */
export interface ScheduledMonthlyReportResult {
  month: string;
  scheduledAt: string;
  result?: MonthlyReportResult;
  alreadyRunning?: true;
}

/** The search attribute a Temporal Schedule sets on each run it starts: the time the run was due. */
export const SCHEDULED_START_TIME = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

/** A run's scheduled time (`TemporalScheduledStartTime`); undefined for a run no schedule started. */
export function scheduledStartTime(
  info: Pick<WorkflowInfo, 'typedSearchAttributes' | 'searchAttributes'>,
): Date | undefined {
  const typed = info.typedSearchAttributes.get(SCHEDULED_START_TIME);
  if (typed) return typed;
  // older servers send it without its type
  const untyped = info.searchAttributes?.[SCHEDULED_START_TIME.name]?.[0];
  return untyped === undefined ? undefined : new Date(untyped as string | Date);
}

/** A top-three Pareto item and the standalone corrective action it opened (or had opened by an earlier run). */
export interface MonthlyCorrectiveAction {
  rank: number;
  /** The defect (004 §5.7 c): a code of the procedure's list, else the cause class); absent in older runs. */
  defect?: string;
  cause: string;
  /** The procedure it was opened under (the one of most of its complaints); absent in older runs. */
  profileId?: string;
  productModel: string;
  complaints: number;
  /** `car-<YYYYMM>-<NNN>` (the month it was opened in). */
  number: string;
  /** False when an earlier run of the same month opened it. */
  created: boolean;
}

/** Where a month's run stands. */
export type MonthlyReportPhase = 'figures' | 'corrective_actions' | 'meeting' | 'management' | 'done';

/** The live state of a month's run, read by query. */
export interface MonthlyReportStatus {
  month: string;
  trigger: MonthlyReportTrigger;
  phase: MonthlyReportPhase;
  topThree: Array<{ rank: number; cause: string; productModel: string; complaints: number }>;
  correctiveActions: MonthlyCorrectiveAction[];
  /** Repeats (same customer and cause, same lot) that call a quality improvement plan meeting. */
  meetingItems: number;
  /** Mailboxes (departments) told of the meeting; empty when there are no repeats. */
  meetingTo: string[];
  /** Management mailboxes the PDF report went to (once per month and recipient). */
  managementTo: string[];
}

/** How a month's run ended. */
export interface MonthlyReportResult {
  month: string;
  correctiveActions: MonthlyCorrectiveAction[];
  meeting: { items: number; to: string[]; sent: number };
  management: { to: string[]; sent: number; alreadySent: number };
}

/** Query: the live state of a month's run. */
export const monthlyReportStatusQuery = defineQuery<MonthlyReportStatus>('monthlyReportStatus');

/** Web UI list summary: "Monthly quality report 2026-10". */
export function monthlyReportSummary(month: string): string {
  return `Monthly quality report ${month.slice(0, 4)}-${month.slice(4)}`;
}
