/**
 * Calendar files (CALENDAR_FILES): a company adds a year of public holidays and make-up working days as data.
 * Each file names the calendar (`calendar.id` of a profile, `cn-mainland` for the built-ins) and one year; every
 * profile on that calendar gets the year's days and a new version (version + 1 per year added), so new complaints
 * count with them while running ones keep the version they started with.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { profileSchema, type Profile } from '../domain/profile-schema';

export const calendarYearSchema = z
  .object({
    calendar: z.string().min(1),
    year: z.number().int().min(1970).max(9999),
    /** Where the days come from (the State Council's notice, a works agreement). */
    source: z.string().min(1),
    holidays: z.array(z.iso.date()),
    extraWorkingDays: z.array(z.iso.date()).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const key of ['holidays', 'extraWorkingDays'] as const)
      file[key].forEach((day, i) => {
        if (Number(day.slice(0, 4)) !== file.year)
          ctx.addIssue({ code: 'custom', path: [key, i], message: `${day} is not in ${file.year}` });
      });
  });

/** One year of a calendar, as a file states it. */
export type CalendarYear = z.infer<typeof calendarYearSchema>;

/** Reads and validates a calendar file; the error names the file and every bad path. */
export function loadCalendarFile(file: string): CalendarYear {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`calendar file ${file}: ${(error as Error).message}`);
  }
  const parsed = calendarYearSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`calendar file ${file} is invalid:\n${issues.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The profile with the years of `years` that belong to its calendar and that it does not cover yet; a year
 * right after (or before) the covered range extends it. A year already covered is left as it is.
 */
export function withCalendarYears(profile: Profile, years: CalendarYear[]): Profile {
  let calendar = profile.calendar;
  let added = 0;
  const mine = years.filter((y) => calendar.id && y.calendar === calendar.id).sort((a, b) => a.year - b.year);
  for (const y of mine) {
    const range = calendar.coveredYears;
    if (range && y.year >= range.from && y.year <= range.to) continue;
    if (range && y.year !== range.to + 1 && y.year !== range.from - 1)
      throw new Error(
        `calendar ${y.calendar} covers ${range.from}–${range.to}: add ${y.year} after the years between (no gaps)`,
      );
    calendar = {
      ...calendar,
      holidays: [...calendar.holidays, ...y.holidays],
      extraWorkingDays: [...calendar.extraWorkingDays, ...y.extraWorkingDays],
      coveredYears: range
        ? { from: Math.min(range.from, y.year), to: Math.max(range.to, y.year) }
        : { from: y.year, to: y.year },
    };
    added += 1;
  }
  return added ? profileSchema.parse({ ...profile, version: profile.version + added, calendar }) : profile;
}
