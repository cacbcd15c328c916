/** Complaint numbers `YYYYMM-NNN` (seed 000): a per-month sequence, at least three digits. */
import { dateFormat } from './date-formats';

const NUMBER_PATTERN = /^(\d{6})-(\d{3,})$/;

/** The month key `YYYYMM` of an instant in the given IANA time zone. */
export function monthKey(instant: Date, timeZone: string): string {
  const parts = dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(instant);
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  return `${year}${month}`;
}

/** Formats the number of the `sequence`-th complaint of `month`; past 999 it simply grows a digit. */
export function formatComplaintNumber(month: string, sequence: number): string {
  return `${month}-${String(sequence).padStart(3, '0')}`;
}

/** True when `value` has the shape of a complaint number. */
export function isComplaintNumber(value: string): boolean {
  return NUMBER_PATTERN.test(value);
}
