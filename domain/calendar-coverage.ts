/**
 * Which years a working calendar knows the public holidays and make-up working days of. Outside them a
 * working-time clock still runs on weekdays and working hours, but may count a holiday as working time (or a
 * make-up Saturday as rest): such a clock is marked "calendar missing", and the service warns ahead of time.
 * Pure and deterministic (usable inside workflows).
 */
import { dateFormat } from './date-formats';
import type { Duration } from './duration';
import type { Profile } from './profile-schema';

type Calendar = Profile['calendar'];

/** Days before the last covered year ends from which the service warns (issue 22). */
export const CALENDAR_WARNING_DAYS = 60;

const DAY = 86_400_000;

/** The year of an instant in the calendar's zone. */
export function localYear(ms: number, timeZone: string): number {
  return Number(dateFormat('en-US', { timeZone, year: 'numeric' }).format(new Date(ms)));
}

/** True when the calendar lists the year's holidays (a calendar without a stated range has none to list). */
export function coversYear(calendar: Calendar, year: number): boolean {
  const range = calendar.coveredYears;
  return !range || (year >= range.from && year <= range.to);
}

/** Local years between two instants (inclusive) whose holidays the calendar does not list. */
export function uncoveredYearsBetween(calendar: Calendar, fromMs: number, toMs: number): number[] {
  const years: number[] = [];
  const last = localYear(Math.max(fromMs, toMs), calendar.timeZone);
  for (let y = localYear(Math.min(fromMs, toMs), calendar.timeZone); y <= last; y += 1)
    if (!coversYear(calendar, y)) years.push(y);
  return years;
}

/** Years a clock of `duration` from `startedAt` to `dueAt` counts without knowing their holidays. */
export function missingCalendarYears(
  calendar: Calendar,
  clock: { startedAt: string; dueAt: string; duration: Duration },
): number[] {
  if (clock.duration.unit !== 'working_hours' && clock.duration.unit !== 'working_days') return [];
  return uncoveredYearsBetween(calendar, Date.parse(clock.startedAt), Date.parse(clock.dueAt));
}

/** How close a calendar is to the end of what it covers, as of `nowMs`. */
export interface CalendarCoverage {
  calendar: string;
  /** Last year whose holidays are listed. */
  lastCoveredYear: number;
  /** Whole days from `nowMs` (local date) to the end of that year; negative once it has passed. */
  daysLeft: number;
  /** `ending`: within the warning window; `ended`: the current year is not covered. */
  state: 'covered' | 'ending' | 'ended';
}

/** The calendar's coverage as of `nowMs`; undefined for a calendar with no stated range (every year alike). */
export function calendarCoverage(calendar: Calendar, nowMs: number, name: string): CalendarCoverage | undefined {
  const range = calendar.coveredYears;
  if (!range) return undefined;
  const today = dateFormat('en-CA', { timeZone: calendar.timeZone }).format(new Date(nowMs));
  const daysLeft = Math.round((Date.parse(`${range.to}-12-31`) - Date.parse(today)) / DAY) + 1;
  const state = daysLeft <= 0 ? 'ended' : daysLeft <= CALENDAR_WARNING_DAYS ? 'ending' : 'covered';
  return { calendar: name, lastCoveredYear: range.to, daysLeft, state };
}
