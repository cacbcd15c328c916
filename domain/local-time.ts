import { dateFormat } from './date-formats';
import type { Profile } from './profile-schema';

/** An instant as the company's staff read it: "2026-12-08 09:00". */
export function localTime(instant: string, profile: Pick<Profile, 'calendar'>): string {
  return dateFormat('sv-SE', {
    timeZone: profile.calendar.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(instant));
}
