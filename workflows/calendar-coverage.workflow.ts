/** The daily calendar coverage check (domain/calendar-coverage-contract.ts): one activity, retried while transient. */
import { proxyActivities } from '@temporalio/workflow';
import type { CalendarCoverageActivities } from '../activities/calendar-coverage';
import type { CalendarCoverageResult } from '../domain/calendar-coverage-contract';

const { warnCalendarCoverage } = proxyActivities<CalendarCoverageActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10 },
});

export async function calendarCoverageWorkflow(): Promise<CalendarCoverageResult> {
  return warnCalendarCoverage();
}
