/** A process profile: one company's complaint procedure as data — its fields, and the checks across them. */
import type { z } from 'zod';
import { profileFieldsSchema } from './profile-fields';
import { checkProfile } from './profile-checks';

export const profileSchema = profileFieldsSchema.superRefine(checkProfile);

/** A validated process profile. */
export type Profile = z.infer<typeof profileSchema>;
/** A profile as written in a file (defaults not applied). */
export type ProfileInput = z.input<typeof profileSchema>;
