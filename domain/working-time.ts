/**
 * Deadline arithmetic on a profile's calendar, deterministic (no clock reads), usable inside workflows.
 * Calendar units count real time. Working units count only the calendar's working periods:
 * `working_hours` are hours of working time; `working_days` are that many full working days of working
 * time (N × the length of a working day), so "3 working days" from Monday 10:00 is Thursday 10:00.
 */
import { dateFormat } from './date-formats';
import type { Duration } from './duration';
import type { Profile } from './profile-schema';

type Calendar = Profile['calendar'];

const MINUTE = 60_000;
const DAY = 86_400_000;

interface LocalDate {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  return dateFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  });
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function parts(ms: number, timeZone: string) {
  const out: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) out[p.type] = p.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour),
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: WEEKDAYS[out.weekday!]!,
  };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant of a local wall-clock time in the zone. */
function zonedInstant(date: LocalDate, minutesOfDay: number, timeZone: string): number {
  const guess = Date.UTC(date.year, date.month - 1, date.day) + minutesOfDay * MINUTE;
  const first = guess - offsetAt(guess, timeZone);
  return guess - offsetAt(first, timeZone);
}

/** Where the day `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(zonedInstant({ year: year!, month: month!, day: day!, weekday: 0 }, 0, timeZone));
}

function localDateOf(ms: number, timeZone: string): LocalDate {
  const p = parts(ms, timeZone);
  return { year: p.year, month: p.month, day: p.day, weekday: p.weekday };
}

function nextDate(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day) + DAY);
  return {
    year: next.getUTCFullYear(),
    month: next.getUTCMonth() + 1,
    day: next.getUTCDate(),
    weekday: (date.weekday % 7) + 1,
  };
}

function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** True when the local date is a working day of the calendar. */
export function isWorkingDay(calendar: Calendar, date: LocalDate): boolean {
  const iso = isoDate(date);
  if (calendar.extraWorkingDays?.includes(iso)) return true;
  if (calendar.holidays?.includes(iso)) return false;
  return calendar.workingDays.includes(date.weekday);
}

/** Working periods of one local date as [start, end) instants. */
function periodsOf(calendar: Calendar, date: LocalDate): Array<[number, number]> {
  if (!isWorkingDay(calendar, date)) return [];
  return calendar.workingHours.map(
    (p) =>
      [
        zonedInstant(date, toMinutes(p.start), calendar.timeZone),
        zonedInstant(date, toMinutes(p.end), calendar.timeZone),
      ] as [number, number],
  );
}

/** Minutes of working time in one working day of the calendar. */
export function workingMinutesPerDay(calendar: Calendar): number {
  return calendar.workingHours.reduce((sum, p) => sum + toMinutes(p.end) - toMinutes(p.start), 0);
}

const MAX_DAYS = 3_660;

/** The instant when `amountMs` of working time has passed after `startMs`. */
function addWorkingTime(startMs: number, amountMs: number, calendar: Calendar): number {
  let remaining = amountMs;
  let date = localDateOf(startMs, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i += 1) {
    for (const [from, to] of periodsOf(calendar, date)) {
      const segmentStart = Math.max(from, startMs);
      if (segmentStart >= to) continue;
      const available = to - segmentStart;
      if (remaining <= available) return segmentStart + remaining;
      remaining -= available;
    }
    date = nextDate(date);
  }
  throw new Error(`calendar has no working time within ${MAX_DAYS} days`);
}

/** The due instant (epoch ms) of a deadline of length `duration` that starts at `startMs`. */
export function dueAt(startMs: number, duration: Duration, calendar: Calendar): number {
  switch (duration.unit) {
    case 'minutes':
      return startMs + duration.amount * MINUTE;
    case 'hours':
      return startMs + duration.amount * 60 * MINUTE;
    case 'days':
      return startMs + duration.amount * DAY;
    case 'working_hours':
      return addWorkingTime(startMs, duration.amount * 60 * MINUTE, calendar);
    case 'working_days':
      return addWorkingTime(startMs, duration.amount * workingMinutesPerDay(calendar) * MINUTE, calendar);
  }
}

/** Working time (ms) that passes between two instants. */
export function workingTimeBetween(fromMs: number, toMs: number, calendar: Calendar): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  let date = localDateOf(fromMs, calendar.timeZone);
  for (let i = 0; i < MAX_DAYS; i += 1) {
    const periods = periodsOf(calendar, date);
    for (const [from, to] of periods) {
      if (from >= toMs) return total;
      total += Math.max(0, Math.min(to, toMs) - Math.max(from, fromMs));
    }
    if (zonedInstant(date, 0, calendar.timeZone) > toMs) return total;
    date = nextDate(date);
  }
  return total;
}
