/** The working calendars of the loaded profiles that near (or passed) the end of the years they cover. */
import { calendarCoverage, type CalendarCoverage } from '../domain/calendar-coverage';
import type { ProfileRegistry } from './profile-registry';

/** One entry per calendar (its `id`, else the profile's) and last covered year, with the profiles on it. */
export function calendarCoverages(
  profiles: ProfileRegistry,
  nowMs: number,
): Array<CalendarCoverage & { profiles: string[] }> {
  const byKey = new Map<string, CalendarCoverage & { profiles: string[] }>();
  for (const { profile } of profiles.list()) {
    const coverage = calendarCoverage(profile.calendar, nowMs, profile.calendar.id ?? profile.id);
    if (!coverage) continue;
    const key = `${coverage.calendar}|${coverage.lastCoveredYear}`;
    const known = byKey.get(key);
    if (known) known.profiles.push(profile.id);
    else byKey.set(key, { ...coverage, profiles: [profile.id] });
  }
  return [...byKey.values()];
}

/** The calendars the service warns about (within 60 days of their last covered year's end, or past it). */
export function calendarWarnings(profiles: ProfileRegistry, nowMs: number) {
  return calendarCoverages(profiles, nowMs).filter((c) => c.state !== 'covered');
}

/** "calendar cn-mainland lists holidays up to 2026 (25 days left): add 2027 with a calendar file (CALENDAR_FILES)". */
export function warningText(c: CalendarCoverage & { profiles: string[] }): string {
  const left = c.state === 'ended' ? 'its last covered year has ended' : `${c.daysLeft} days left`;
  return `calendar ${c.calendar} (profiles ${c.profiles.join(', ')}) lists public holidays up to ${c.lastCoveredYear} (${left}): add ${c.lastCoveredYear + 1} with a calendar file (CALENDAR_FILES); until then working-time clocks counting into ${c.lastCoveredYear + 1} run on weekdays and working hours only and are marked "calendar missing"`;
}
