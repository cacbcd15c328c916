import { z } from 'zod';

/** Units a procedure states deadlines in. Working units follow the profile's calendar. */
export const DURATION_UNITS = ['minutes', 'hours', 'days', 'working_hours', 'working_days'] as const;

/** A deadline length as a procedure states it ("within 7 working days"). */
export const durationSchema = z.object({ amount: z.number().positive(), unit: z.enum(DURATION_UNITS) }).strict();

/** A deadline length. */
export type Duration = z.infer<typeof durationSchema>;

/** Shorthand constructors used by the built-in profiles. */
export const minutes = (amount: number): Duration => ({ amount, unit: 'minutes' });
export const hours = (amount: number): Duration => ({ amount, unit: 'hours' });
export const days = (amount: number): Duration => ({ amount, unit: 'days' });
export const workingHours = (amount: number): Duration => ({ amount, unit: 'working_hours' });
export const workingDays = (amount: number): Duration => ({ amount, unit: 'working_days' });
