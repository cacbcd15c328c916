/**
 * The calendar coverage warning (issue 22): the admin and the quality manager are emailed once per calendar and
 * last covered year (the outbox key), in their language, when a working calendar nears the end of the years
 * whose holidays it lists.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { CalendarCoverageResult } from '../domain/calendar-coverage-contract';
import type { Language } from '../domain/registration';
import { calendarWarnings, warningText } from '../infra/calendar-warnings';
import { resolveMailboxes } from '../infra/directory';
import type { ActivityDeps } from './deps';
import { deliverThroughOutbox } from '../mail/outbox';

/** Who is told (seed-independent: the people who keep the profiles). */
export const CALENDAR_WARNING_RECIPIENTS = ['admin', 'quality_manager'];

type Warning = ReturnType<typeof calendarWarnings>[number];

function render(w: Warning, language: Language): { subject: string; text: string; html: string } {
  const next = w.lastCoveredYear + 1;
  const [subject, lines] =
    language === 'zh-CN'
      ? [
          `工作日历 ${w.calendar} 缺少 ${next} 年的节假日安排`,
          [
            `工作日历 ${w.calendar}（流程：${w.profiles.join('、')}）只列出了截至 ${w.lastCoveredYear} 年的法定节假日和调休上班日${w.state === 'ended' ? '，该年已结束' : `，还剩 ${w.daysLeft} 天`}。`,
            `请在国务院公布 ${next} 年安排后，用日历文件（CALENDAR_FILES）添加 ${next} 年；在此之前，跨入 ${next} 年的工作时间时限只按工作日和工作时间计算，并标记为“日历缺失”。`,
          ],
        ]
      : [`Working calendar ${w.calendar} has no ${next} holidays yet`, [`${warningText(w)}.`]];
  const text = lines.join('\n\n');
  const html = lines.map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
  return { subject, text, html };
}

export function createCalendarCoverageActivities(deps: ActivityDeps) {
  return {
    async warnCalendarCoverage(): Promise<CalendarCoverageResult> {
      const profiles = deps.standalone?.profiles;
      if (!profiles) throw ApplicationFailure.nonRetryable('the worker has no profile registry', 'NoProfileRegistry');
      const warnings = calendarWarnings(profiles, deps.now().getTime());
      const { recipients, unknown } = resolveMailboxes(deps.directory, CALENDAR_WARNING_RECIPIENTS);
      if (unknown.length) deps.logger.warn({ unknown }, 'no mailbox in the directory for the calendar warning');
      let sent = 0;
      for (const w of warnings) {
        deps.logger.warn({ calendar: w.calendar, daysLeft: w.daysLeft }, warningText(w));
        for (const r of recipients) {
          const outcome = await deliverThroughOutbox(deps, {
            complaintNumber: null,
            about: { kind: 'calendar', id: `${w.calendar}-${w.lastCoveredYear}` },
            event: 'coverage_warning',
            recipient: r.email,
            language: r.language,
            ...render(w, r.language),
          });
          if (outcome === 'sent') sent += 1;
        }
      }
      return { warnings: warnings.map(({ profiles: _p, ...w }) => w), sent };
    },
  };
}

/** The activity interface the calendar coverage workflow proxies. */
export type CalendarCoverageActivities = ReturnType<typeof createCalendarCoverageActivities>;
