/**
 * The calendar coverage check (issue 22): every day at 06:30 in the company's time zone, and once when the
 * schedule is first created, a run of `calendarCoverageWorkflow` warns about working calendars near the end of
 * the years they cover.
 */
import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import {
  CALENDAR_COVERAGE_RUN_ID,
  CALENDAR_COVERAGE_SCHEDULE_ID,
  CALENDAR_COVERAGE_WORKFLOW_TYPE,
} from '../domain/calendar-coverage-contract';
import type { Config } from './config';

export function calendarCoverageSchedules(config: Config): ScheduleOptions[] {
  return [
    {
      scheduleId: CALENDAR_COVERAGE_SCHEDULE_ID,
      spec: { calendars: [{ hour: 6, minute: 30 }], timezone: config.COMPLAINT_TIMEZONE },
      action: {
        type: 'startWorkflow',
        workflowType: CALENDAR_COVERAGE_WORKFLOW_TYPE,
        workflowId: CALENDAR_COVERAGE_RUN_ID,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [],
        staticSummary: 'Working calendars: warn 60 days before the last year with holidays ends',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      state: { triggerImmediately: true },
      memo: { purpose: 'calendar coverage warning (issue 22)' },
    },
  ];
}
