/**
 * Calendar months `YYYYMM` in one IANA time zone — the company's (COMPLAINT_TIMEZONE), the zone complaint
 * numbers use — so a complaint number, a department's performance entry and the monthly report agree on
 * which month an instant belongs to. Pure: boundaries come from the zone's rules through Intl, never from a
 * fixed offset, so they are right across daylight-saving changes, including zones where the 1st starts at
 * 01:00 because midnight was skipped.
 */
import { monthKey } from './complaint-number';

/** A month as YYYYMM. */
export const MONTH_PATTERN = /^(\d{4})(0[1-9]|1[0-2])$/;

/** The month `YYYYMM` an instant belongs to in `timeZone`. */
export function monthOf(instant: Date, timeZone: string): string {
  return monthKey(instant, timeZone);
}

/** Widest distance of a zone's local time from UTC (UTC−12 … UTC+14), with margin. */
const MAX_OFFSET_MS = 15 * 3_600_000;

/**
 * The first instant whose local month in `timeZone` is the month of `year`/`monthIndex` (0-based; 12 rolls
 * over into the next year) or later: a binary search over instants with the zone's own month function,
 * so the result is exactly where `monthOf` changes.
 */
function monthStart(year: number, monthIndex: number, timeZone: string): Date {
  const utcFirst = Date.UTC(year, monthIndex, 1);
  const first = new Date(utcFirst);
  const target = `${first.getUTCFullYear()}${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
  let before = utcFirst - MAX_OFFSET_MS; // still in the month before, in every zone
  let atOrAfter = utcFirst + MAX_OFFSET_MS; // already in the target month, in every zone
  while (atOrAfter - before > 1) {
    const mid = Math.floor((before + atOrAfter) / 2);
    if (monthKey(new Date(mid), timeZone) >= target) atOrAfter = mid;
    else before = mid;
  }
  return new Date(atOrAfter);
}

/** The instants [from, to) of month `YYYYMM` in `timeZone`. */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a month YYYYMM: ${month}`);
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  return { from: monthStart(year, monthIndex, timeZone), to: monthStart(year, monthIndex + 1, timeZone) };
}
