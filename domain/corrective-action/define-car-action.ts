/** The shape of one corrective-action step's whole rule: who, what data, when refused, what it does. */
import type * as Zod from 'zod';
import { lazy } from '../lazy-zod';
import type { Profile } from '../profile-schema';
import type { Role } from '../roles';
import type { CarState } from './state';
import type { CarStep } from './step';

export interface CarActionDefinition<S extends Zod.ZodType = Zod.ZodType> {
  roles(state: CarState, profile: Profile): Role[];
  schema: () => S;
  /**
   * Why it cannot be taken now (a conflict with where the corrective action stands), else undefined. Without a
   * payload: whether it is open now at all.
   */
  conflict(state: CarState, profile: Profile, payload?: Zod.infer<S>): string | undefined;
  /** What the profile requires of the payload beyond its shape (a 400), else undefined. */
  invalid?(profile: Profile, payload: Zod.infer<S>): string | undefined;
  apply(step: CarStep, payload: Zod.infer<S>): void;
}
/** Defines a step (keeps the payload type of `schema` in the rest; the schema is built on first use). */
export function define<S extends Zod.ZodType>(d: CarActionDefinition<S>): CarActionDefinition {
  return { ...d, schema: lazy(d.schema) };
}
