/** The shape of one staff action's whole rule: where, who, what data, when refused, what it does. */
import type * as Zod from 'zod';
import { lazy, z } from '../lazy-zod';
import type { Profile } from '../profile-schema';
import type { Party, Role } from '../roles';
import { FINAL_STAGES, STAGES, type Stage } from '../stages';
import type { ComplaintState, Refusal } from './state';
import type { Step } from './transitions';

/** Every stage before closure. */
export const OPEN_STAGES: readonly Stage[] = STAGES.filter((stage) => !FINAL_STAGES.includes(stage));

/** One action, defined once: the API, the update validator and the handler all read this. */
export interface ActionDefinition<S extends Zod.ZodType = Zod.ZodType> {
  /** The stages in which it may be taken. */
  stages: readonly Stage[];
  /** The customer's own answer: staff relay it, or the customer gives it by link; its forms say which. */
  customersAnswer?: boolean;
  /** The roles that may take it now (admin always may). */
  roles(profile: Profile, state: ComplaintState): Role[];
  /** The payload, built on first use (see lazy-zod). */
  schema: () => S;
  /**
   * Why it cannot be taken now whatever the payload (a string is a stage conflict): the clocks are not paused,
   * the procedure has no such step. Open actions leave it out; the API answers 409.
   */
  unavailable?(state: ComplaintState, profile: Profile): Refusal | string | undefined;
  /** A business refusal beyond the payload's shape (a string is an invalid-action refusal). */
  refuse?(state: ComplaintState, profile: Profile, payload: Zod.infer<S>, actor: Party): Refusal | string | undefined;
  /** What it changes; effects go through the step. */
  apply(step: Step, payload: Zod.infer<S>): void;
}

/** Defines an action (keeps the payload type of `schema` in `refuse` and `apply`). */
export function defineAction<S extends Zod.ZodType>(definition: ActionDefinition<S>): ActionDefinition<S> {
  return { ...definition, schema: lazy(definition.schema) };
}

/** Roles that do not depend on the profile. */
export const fixedRoles =
  (...roles: Role[]) =>
  (): Role[] =>
    roles;

/** Free text as staff type it. */
export const text = lazy(() => z.string().trim().min(1).max(5_000));
/** A short list of free-text items. */
export const textList = lazy(() => z.array(text()).max(50));

/** A refusal when `severity` is given and the profile has no such severity. */
export function unknownSeverity(profile: Profile, severity: string | undefined): string | undefined {
  if (!severity || profile.severities.some((s) => s.id === severity)) return undefined;
  return `severity must be one of ${profile.severities.map((s) => s.id).join(', ')}`;
}

/** True when the company bears the cost of an out-of-warranty repair (needs the extra approver). */
export function companyPaysOutOfWarranty(state: ComplaintState): boolean {
  return state.warranty === 'out' && state.plan?.costBorneBy === 'company';
}

/**
 * The plan charges the customer: charged to them out of warranty, or in warranty too where the profile says a
 * fault the customer caused is charged whatever the warranty (000 §(四)).
 */
export function chargesCustomer(state: ComplaintState, profile: Profile): boolean {
  return state.plan?.costBorneBy === 'customer' && (state.warranty === 'out' || profile.chargeWhateverWarranty);
}

/** The plan charges the customer and they have not paid yet. */
export function needsPayment(state: ComplaintState, profile: Profile): boolean {
  return chargesCustomer(state, profile) && !state.paid;
}

/** Where an agreed plan goes: payment first where it holds back the repair, else the repair. */
export const afterAgreement = (state: ComplaintState, profile: Profile) =>
  needsPayment(state, profile) && profile.paymentBefore !== 'return' ? 'payment' : 'execution';

/** Where a repaired unit goes: payment where it holds back the return (004 §5.4 c)), else verification. */
export const afterRepair = (state: ComplaintState, profile: Profile) =>
  needsPayment(state, profile) && profile.paymentBefore === 'return' ? 'payment' : 'verification';
