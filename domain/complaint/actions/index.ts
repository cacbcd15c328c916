/**
 * Every staff action, each defined once (stages, roles, payload, refusals, effect) in the module of its
 * phase; and the three things everyone asks of them: may this actor take it now (`checkAction`), what
 * does it do (`applyAction`), which are open now (`openActions`).
 */
import type * as Zod from 'zod';
import type { Profile } from '../../profile-schema';
import type { Actor, Party, Role } from '../../roles';
import { FINAL_STAGES, GENERIC_PATH, STAGE_LABELS } from '../../stages';
import { UNSTORABLE_MESSAGE, unstorableTextPath } from '../../storable-text';
import { clockTrigger } from '../clock-table';
import { missingRequiredField } from '../required-fields';
import { ACTION_NAMES, type ActionName } from '../action-names';
import type { ActionDefinition } from '../define-action';
import type { ComplaintState, Effect, Refusal } from '../state';
import { finishStep, Step } from '../transitions';
import { arbitrate, recordCustomerDecision, recordPayment } from './decision';
import { escalate, pauseClocks, recordTemporaryPlan, resumeClocks } from './clocks';
import { openCorrectiveAction } from './corrective';
import { decideRecall } from './recall';
import {
  recordPartsConsent,
  recordServiceConfirmation,
  requestPartsConsent,
  requestServiceConfirmation,
} from './consent';
import { recordFollowUp, recordSurvey, reopen, withdraw } from './closure';
import { dispatchEngineer, recordArrival } from './dispatch';
import { recordProcessing, recordProgress, recordVerification } from './execution';
import { checkValidity, classify, customerObjects, requestLocalCheck } from './intake';
import { approvePlan, proposePlan, submitDiagnosis } from './plan';
import { sendPreliminaryReport } from './preliminary-report';

/** Every staff action by name, in the order a complaint normally meets them. */
export const ACTIONS = {
  classify,
  requestLocalCheck,
  checkValidity,
  customerObjects,
  submitDiagnosis,
  sendPreliminaryReport,
  proposePlan,
  approvePlan,
  recordCustomerDecision,
  arbitrate,
  recordPayment,
  dispatchEngineer,
  recordArrival,
  recordProgress,
  requestPartsConsent,
  recordPartsConsent,
  requestServiceConfirmation,
  recordServiceConfirmation,
  recordProcessing,
  recordVerification,
  recordSurvey,
  recordFollowUp,
  reopen,
  withdraw,
  pauseClocks,
  resumeClocks,
  escalate,
  recordTemporaryPlan,
  openCorrectiveAction,
  decideRecall,
} as const satisfies Record<ActionName, unknown>;

export { ACTION_NAMES, type ActionName };
/** The validated payload of an action. */
export type ActionPayload<A extends ActionName> = Zod.infer<ReturnType<(typeof ACTIONS)[A]['schema']>>;

const definition = (action: ActionName) => ACTIONS[action] as unknown as ActionDefinition;

/** The payload schema of an action (the API and OpenAPI read it). */
export function actionSchema<A extends ActionName>(action: A): ReturnType<(typeof ACTIONS)[A]['schema']> {
  return ACTIONS[action].schema() as ReturnType<(typeof ACTIONS)[A]['schema']>;
}

/** True when the procedure has a stage the action is taken in (002 has no approval: no `approvePlan`). */
const inProcedure = (action: ActionName, profile: Profile) =>
  definition(action).stages.some((stage) => (profile.stagePath ?? GENERIC_PATH).includes(stage));

/**
 * The roles that may take `action` now: the procedure's roles the profile names for it (as staff roles), else the
 * action's built-in ones; admin only where the profile says so. None when the procedure lacks the action.
 */
export function rolesFor(action: ActionName, profile: Profile, state: ComplaintState): Role[] {
  if (!inProcedure(action, profile)) return [];
  const named = procedureRolesFor(action, profile, state.type);
  const roles = named ? named.map((r) => r.staffRole) : definition(action).roles(profile, state);
  return [...new Set<Role>([...roles, ...(profile.permissions?.adminTakesSteps ? (['admin'] as const) : [])])];
}

/** The procedure's own roles that take `action` (on a complaint of `type`), when its profile names them. */
export function procedureRolesFor(action: ActionName, profile: Profile, type?: string) {
  const rule = profile.permissions?.actions[action];
  const by = (type !== undefined ? rule?.byType?.[type] : undefined) ?? rule?.by;
  return by?.map((id) => profile.permissions!.roles.find((r) => r.id === id)!);
}

/**
 * Who may take `action` in the procedure's words, for a refusal: "品质客诉工程师 quality complaint engineer
 * (quality_manager)"; undefined when the profile does not name them.
 */
export function actionTakers(action: ActionName, profile: Profile, type?: string): string | undefined {
  return procedureRolesFor(action, profile, type)
    ?.map((r) => `${r.label['zh-CN']} ${r.label.en} (${r.staffRole})`)
    .join(', ');
}

/** The refusal of an action the procedure does not have. */
export function notInProcedure(action: string, profileId: string): Refusal {
  return { type: 'StageConflict', message: `${action} is not part of the ${profileId} procedure` };
}

/** The message of a stage conflict. */
export function stageConflict(action: string, stage: ComplaintState['stage']): Refusal {
  return {
    type: 'StageConflict',
    message: `${action} is not allowed while the complaint is ${STAGE_LABELS[stage]} (stage ${stage})`,
  };
}

/** The message of a role refusal; `takers` names them in the procedure's words when its profile does. */
export function forbidden(action: string, roles: Role[], role: Role, takers?: string): Refusal {
  const who = takers ?? (roles.join(', ') || 'no one');
  return { type: 'Forbidden', message: `${action} may be taken by ${who}, not by ${role}` };
}

/** Checks that `actor` may take `action` now with `raw` data: role, stage, payload, business rules. */
export function checkAction<A extends ActionName>(
  state: ComplaintState,
  profile: Profile,
  action: A,
  actor: Actor,
  raw: unknown,
): { payload: ActionPayload<A> } | Refusal {
  if (!inProcedure(action, profile)) return notInProcedure(action, profile.id);
  const roles = rolesFor(action, profile, state);
  if (!roles.includes(actor.role))
    return forbidden(action, roles, actor.role, actionTakers(action, profile, state.type));
  return checkTaking(state, profile, action, actor, raw);
}

/**
 * The checks of an action besides the taker's role: stage, payload, business rules. The customer's answer by
 * link (no staff role) is checked by these alone.
 */
export function checkTaking<A extends ActionName>(
  state: ComplaintState,
  profile: Profile,
  action: A,
  actor: Party,
  raw: unknown,
): { payload: ActionPayload<A> } | Refusal {
  const def = definition(action);
  if (!inProcedure(action, profile)) return notInProcedure(action, profile.id);
  if (!def.stages.includes(state.stage)) return stageConflict(action, state.stage);
  const blocked = def.unavailable?.(state, profile);
  if (typeof blocked === 'string') return { type: 'StageConflict', message: blocked };
  if (blocked) return blocked;
  const unstorable = unstorableTextPath(raw);
  if (unstorable !== undefined) return { type: 'InvalidAction', message: `${unstorable}: ${UNSTORABLE_MESSAGE}` };
  const parsed = def.schema().safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    return { type: 'InvalidAction', message };
  }
  const missing = missingRequiredField(profile, action, parsed.data);
  if (missing) return { type: 'InvalidAction', message: missing };
  const problem = def.refuse?.(state, profile, parsed.data, actor);
  if (typeof problem === 'string') return { type: 'InvalidAction', message: problem };
  if (problem) return problem;
  return { payload: parsed.data as ActionPayload<A> };
}

/**
 * Applies an allowed action; returns the effects to carry out. `payload` must come from `checkAction` (or
 * `checkTaking` for the customer). The forms of a customer's answer say who gave it: the customer by link,
 * or staff relaying it.
 */
export function applyAction<A extends ActionName>(
  state: ComplaintState,
  profile: Profile,
  action: A,
  payload: ActionPayload<A>,
  actor: Party,
  nowMs: number,
): Effect[] {
  const before = state.stage;
  const step = new Step(state, profile, nowMs, action, actor);
  clockTrigger(state, profile, `action:${action}`, nowMs);
  definition(action).apply(step, payload);
  if (definition(action).customersAnswer) {
    const answeredBy = actor.role === 'customer' ? 'customer_by_link' : 'staff_relayed';
    for (const form of step.forms) form.data = { ...(form.data as object), answeredBy };
  }
  return finishStep(step, before);
}

/**
 * The actions that can be taken now, with the roles that may take them: in this stage, in the procedure, not
 * unavailable (clocks not paused, nothing asked yet), and someone may take them.
 */
export function openActions(state: ComplaintState, profile: Profile): Array<{ action: ActionName; roles: Role[] }> {
  if (FINAL_STAGES.includes(state.stage)) return [];
  return ACTION_NAMES.filter((action) => {
    const def = definition(action);
    return def.stages.includes(state.stage) && !def.unavailable?.(state, profile);
  })
    .map((action) => ({ action, roles: rolesFor(action, profile, state) }))
    .filter((open) => open.roles.length > 0);
}

/** Who takes each action the profile names on a complaint of `type`, in the procedure's words (the API's 403 quotes them). */
export function actionTakerNames(profile: Profile, type?: string): Partial<Record<ActionName, string>> {
  return Object.fromEntries(
    ACTION_NAMES.flatMap((action) => {
      const takers = actionTakers(action, profile, type);
      return takers ? [[action, takers]] : [];
    }),
  );
}

/** The roles that may take each action on this complaint now, whatever the stage (the API checks these). */
export function actionRoles(state: ComplaintState, profile: Profile): Record<ActionName, Role[]> {
  return Object.fromEntries(ACTION_NAMES.map((action) => [action, rolesFor(action, profile, state)])) as Record<
    ActionName,
    Role[]
  >;
}
