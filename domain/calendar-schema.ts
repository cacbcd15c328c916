import { z } from 'zod';
import { profileIdSchema } from './profile-id';

const id = profileIdSchema;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** Working-time calendar of a profile: the clock that "working hours/days" deadlines run on. */
export const calendarSchema = z
  .object({
    timeZone: z.string().min(1),
    /** ISO weekdays 1 (Monday) … 7 (Sunday). */
    workingDays: z.array(z.number().int().min(1).max(7)).min(1),
    /** Working periods of a working day, e.g. 09:00–12:00 and 13:30–18:00 (the break is the gap). */
    workingHours: z.array(z.object({ start: time, end: time }).strict()).min(1),
    /** Public holidays (YYYY-MM-DD) on which no working time passes. */
    holidays: z.array(z.iso.date()).default([]),
    /** Weekend days that are working days (make-up days), YYYY-MM-DD. */
    extraWorkingDays: z.array(z.iso.date()).default([]),
    /** Names the calendar, so a calendar file (CALENDAR_FILES) can add a year to every profile that uses it. */
    id: id.optional(),
    /**
     * The years whose holidays and make-up days are listed. A clock counting into another year runs on weekdays
     * and working hours only and is marked "calendar missing"; the service warns 60 days before `to` ends.
     * Absent: the calendar has no year-bound days (every year alike).
     */
    coveredYears: z
      .object({ from: z.number().int().min(1970).max(9999), to: z.number().int().min(1970).max(9999) })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from must not be after to' })
      .optional(),
  })
  .strict()
  .superRefine((calendar, ctx) => {
    const range = calendar.coveredYears;
    if (!range) return;
    for (const key of ['holidays', 'extraWorkingDays'] as const)
      calendar[key].forEach((day, i) => {
        const year = Number(day.slice(0, 4));
        if (year < range.from || year > range.to)
          ctx.addIssue({
            code: 'custom',
            path: [key, i],
            message: `${day} lies outside coveredYears ${range.from}–${range.to}`,
          });
      });
  });
