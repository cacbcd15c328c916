import { z } from 'zod';
import { profileIdSchema } from './profile-id';
import { durationSchema } from './duration';

const id = profileIdSchema;

/**
 * The lengths of the engine's built-in clock table, as profiles pinned before clock rules (v4 and earlier) state
 * them; a profile with `clockRules` needs none.
 */
export const deadlinesSchema = z
  .object({
    acknowledge: durationSchema,
    /** Channel-specific acknowledgement deadlines (002: email complaints within 1 hour). */
    acknowledgeByChannel: z.record(z.string(), durationSchema).optional(),
    notifyOwners: durationSchema.optional(),
    firstContact: durationSchema.optional(),
    responseBySeverity: z.record(id, durationSchema).optional(),
    investigation: durationSchema.optional(),
    preliminaryPlan: durationSchema.optional(),
    planBySeverity: z.record(id, durationSchema).optional(),
    preliminaryReportWithoutRootCause: durationSchema.optional(),
    answer: durationSchema.optional(),
    revisionAfterObjection: durationSchema,
    dispatchBySeverity: z.record(id, durationSchema).optional(),
    arrivalBySeverity: z.record(id, durationSchema).optional(),
    restoreBySeverity: z.record(id, durationSchema).optional(),
    escalatedResolution: durationSchema.optional(),
    resultFeedback: durationSchema.optional(),
    effectivenessCheck: durationSchema.optional(),
    callback: durationSchema,
    followUp: durationSchema.optional(),
  })
  .strict();
