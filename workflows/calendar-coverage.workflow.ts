/** The daily calendar coverage check (domain/calendar-coverage-contract.ts): one activity, retried while transient. */
import { proxyActivities, setCurrentDetails } from '@temporalio/workflow';
import type { CalendarCoverageActivities } from '../activities/calendar-coverage';
import type { CalendarCoverageResult } from '../domain/calendar-coverage-contract';

const { warnCalendarCoverage } = proxyActivities<CalendarCoverageActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10 },
});

export async function calendarCoverageWorkflow(): Promise<CalendarCoverageResult> {
  setCurrentDetails("**Now:** checking that each procedure's working calendar has its holidays for 60 days ahead");
  const result = await warnCalendarCoverage();
  const warned = result.warnings.map((w) => `- ${w.calendar}: holidays listed to ${w.lastCoveredYear} (${w.state})`);
  setCurrentDetails(
    `**Done:** ${warned.length ? `${warned.length} calendar(s) to extend, ${result.sent} email(s) sent` : 'every calendar covered'}` +
      (warned.length ? `\n\n${warned.join('\n')}` : ''),
  );
  return result;
}
