import { z } from 'zod';

/** An id a profile gives (profile, severity, department, clock, calendar): lower-case letters, digits, - and _. */
export const profileIdSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ only');
