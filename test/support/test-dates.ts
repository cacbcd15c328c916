/**
 * Dates of tests, chosen relative to now so the suite passes on whatever day it runs. The one place a test
 * reads TEST_DATE_SHIFT_DAYS: set it (e.g. 30, 90, 400) to run the date-sensitive suites as if on a later day —
 * time-skipping tests skip their server ahead to the anchor, and pure functions take it as their now.
 */
import { localDate } from '../../domain/maintenance/rules';
import { startOfLocalDay } from '../../domain/working-time';

export const DAY = 86_400_000;
const MINUTE = 60_000;

/** Days the tests' "now" lies ahead of the real one (TEST_DATE_SHIFT_DAYS, default 0). */
export function dateShiftDays(): number {
  const raw = process.env.TEST_DATE_SHIFT_DAYS ?? '0';
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 0) throw new Error(`TEST_DATE_SHIFT_DAYS must be a whole number ≥ 0: ${raw}`);
  return days;
}

/** The instant tests treat as now: the real now moved `dateShiftDays()` ahead. */
export function anchorMs(realNowMs: number = Date.now()): number {
  return realNowMs + dateShiftDays() * DAY;
}

/** The local date (YYYY-MM-DD) of an instant in `timeZone`. */
export function dateIn(ms: number, timeZone: string): string {
  return localDate(ms, timeZone);
}

/** The local date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** ISO weekday (1 Monday … 7 Sunday) of a local date. */
export function weekdayOf(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** The instant of `hh:mm` on the local `date` in `timeZone`. */
export function atLocal(date: string, hhmm: string, timeZone: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return startOfLocalDay(date, timeZone).getTime() + (h! * 60 + m!) * MINUTE;
}

/**
 * The first `weekday` (1 Monday … 7 Sunday) at `hhmm` in `timeZone` at least `minDaysAhead` days after `fromMs`:
 * "the next Friday 11:30 in Shanghai at least a week ahead".
 */
export function nextLocal(
  fromMs: number,
  options: { weekday: number; time: string; timeZone: string; minDaysAhead?: number },
): number {
  let date = dateIn(fromMs + (options.minDaysAhead ?? 7) * DAY, options.timeZone);
  while (weekdayOf(date) !== options.weekday) date = addDays(date, 1);
  return atLocal(date, options.time, options.timeZone);
}
