/** What the API checks of a staff action before it reaches the workflow, with the workflow's own rules. */
import { forbidden, notInProcedure, stageConflict, type ActionName } from '../domain/complaint/actions';
import type { ComplaintStatus } from '../domain/complaint-contract';
import { matchEngineer } from '../domain/engineer-matching';
import type { Registration } from '../domain/registration';
import type { Actor } from '../domain/roles';
import { FINAL_STAGES, type Stage } from '../domain/stages';
import type { Directory } from '../infra/directory';
import type { ComplaintRecord } from './complaint-store';
import { ConflictError, ForbiddenError } from './errors';

/** 409 for a complaint already closed (its workflow takes no more actions). */
export function assertOpen(complaint: ComplaintRecord): void {
  if (FINAL_STAGES.includes(complaint.stage as Stage))
    throw new ConflictError(`complaint ${complaint.number} is already ${complaint.stage}`);
}

/**
 * The workflow's own rule, read from its status before anything reaches it: the exact roles for this
 * complaint now (403, the general manager's approval of company-paid out-of-warranty repairs included),
 * then the stage (409) — the same action definition, in the same order, as the update validator, so the
 * two can never disagree. Without a live status the workflow's validator decides.
 */
export function assertAllowed(action: ActionName, live: ComplaintStatus | null, actor: Actor): void {
  if (!live) return;
  const roles = live.actionRoles[action];
  if (!roles.length) throw new ConflictError(notInProcedure(action, live.profile.id).message);
  if (!roles.includes(actor.role))
    throw new ForbiddenError(forbidden(action, roles, actor.role, live.actionTakers?.[action]).message);
  // a complaint still being registered takes the action once registered (the workflow checks it then)
  if (live.stage !== 'registered' && !live.openActions.some((a) => a.action === action))
    throw new ConflictError(stageConflict(action, live.stage).message);
}

/**
 * For on-site service, the engineer of the customer's region qualified for the product (seed 003 §2.2.1); for a
 * local check (000 二(二)) the technical staff of the customer's region.
 */
export function withMatchedEngineer(
  directory: Directory,
  complaint: ComplaintRecord,
  live: ComplaintStatus | null,
  payload: object,
  action: ActionName,
): object {
  if (live?.serviceMode !== 'on_site' && action !== 'requestLocalCheck') return payload;
  const registration = complaint.registration as unknown as Registration;
  const engineer = matchEngineer(directory.engineers, registration.customer.region, complaint.productModel);
  return engineer ? { ...payload, engineer } : payload;
}
