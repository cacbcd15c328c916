/** What the registration and the classification may say about the impact (SPEC §3.1, the severity rules). */
import { lazy, z } from './lazy-zod';

/** The facts the severity rules read, built on first use (see lazy-zod). */
export const severityFacts = lazy(() =>
  z
    .object({
      safetyHazard: z.boolean().optional(),
      regulatorOrMediaThreat: z.boolean().optional(),
      mainFunctionLost: z.boolean().optional(),
      cosmeticOrMinor: z.boolean().optional(),
      majorComplaint: z.boolean().optional(),
      itemValue: z.number().nonnegative().optional(),
    })
    .strict(),
);
