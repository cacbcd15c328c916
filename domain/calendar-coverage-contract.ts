/**
 * Contract of the calendar coverage check (issue 22): a daily Temporal Schedule runs `calendarCoverageWorkflow`,
 * whose activity emails the admin and the quality manager once per calendar and year when a working calendar
 * nears the end of the years whose holidays it lists.
 */
import { COMPLAINT_TASK_QUEUE } from './complaint-contract';
import type { CalendarCoverage } from './calendar-coverage';

/** Runs on the complaints' task queue (one worker deployment). */
export const CALENDAR_COVERAGE_TASK_QUEUE = COMPLAINT_TASK_QUEUE;

/** The daily schedule (`temporal schedule describe --schedule-id calendar-coverage`). */
export const CALENDAR_COVERAGE_SCHEDULE_ID = 'calendar-coverage';

/** The workflow type the schedule starts (workflows/calendar-coverage.workflow.ts). */
export const CALENDAR_COVERAGE_WORKFLOW_TYPE = 'calendarCoverageWorkflow';

/** Workflow ID prefix of the schedule's runs (Temporal appends the scheduled time). */
export const CALENDAR_COVERAGE_RUN_ID = 'calendar-coverage';

/** What a run found and told. */
export interface CalendarCoverageResult {
  /** Calendars within 60 days of the end of what they cover, or past it. */
  warnings: CalendarCoverage[];
  /** Emails sent by this run (an email already sent for the same calendar and year is not sent again). */
  sent: number;
}
