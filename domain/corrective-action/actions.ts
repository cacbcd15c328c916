/**
 * Every corrective-action step, each defined once: the phase it may be taken in, who may take it, its form,
 * when it is refused, what it does. The API, the update validators and the handlers all read these.
 */
import type * as Zod from 'zod';
import type { CarActionName } from '../corrective-action-contract';
import { z } from '../lazy-zod';
import type { Profile } from '../profile-schema';
import type { Actor, Role } from '../roles';
import { UNSTORABLE_MESSAGE, unstorableTextPath } from '../storable-text';
import { DISCIPLINE_ACTIONS } from './action-names';
import { preliminaryReportForm } from './discipline-forms';
import { DISCIPLINES, type Discipline } from './action-names';
import {
  PRELIMINARY_CLOCK,
  disciplineClock,
  sectionOf,
  verificationClock,
  type CarEffect,
  type CarRefusal,
  type CarState,
} from './state';
import { CarStep, finishCarStep } from './step';
import { define, type CarActionDefinition } from './define-car-action';
import { disciplineAction, ruleOf, whereItStands } from './discipline-steps';

const at = (d: Discipline) => DISCIPLINES.indexOf(d);
const reason = () => z.object({ reason: z.string().trim().min(1).max(5_000) }).strict();

const CAR_ACTIONS: Record<CarActionName, CarActionDefinition> = {
  ...(Object.fromEntries(DISCIPLINES.map((d) => [DISCIPLINE_ACTIONS[d], disciplineAction(d)])) as Record<
    (typeof DISCIPLINE_ACTIONS)[Discipline],
    CarActionDefinition
  >),

  approveBlock: define({
    roles: (state) => (state.awaitingApproval ? [state.awaitingApproval.approver] : ['quality_manager']),
    schema: () => z.object({ note: z.string().trim().min(1).max(5_000).optional() }).strict(),
    conflict: (state) =>
      state.phase === 'awaiting_approval' ? undefined : `nothing awaits approval (${whereItStands(state)})`,
    apply(step, p) {
      const { state } = step;
      const block = state.awaitingApproval!.disciplines;
      for (const record of state.disciplines)
        if (!record.supersededAt && block.includes(record.discipline) && !record.approvedAt) {
          record.approvedAt = new Date(step.nowMs).toISOString();
          record.approvedBy = step.actor.id;
        }
      step.note(`approved ${block.join('–')}${p.note ? `: ${p.note}` : ''}`);
      step.advanceAfter(block.at(-1)!);
    },
  }),

  rejectBlock: define({
    roles: (state) => (state.awaitingApproval ? [state.awaitingApproval.approver] : ['quality_manager']),
    schema: reason,
    conflict: (state) =>
      state.phase === 'awaiting_approval' ? undefined : `nothing awaits approval (${whereItStands(state)})`,
    apply(step, p) {
      const first = step.state.awaitingApproval!.disciplines[0]!;
      step.note(`rejected: ${p.reason}`);
      step.reopenFrom(first);
    },
  }),

  stepBack: define({
    roles: (state) => [state.owner.role, 'quality_manager'],
    schema: () => z.object({ to: z.enum(DISCIPLINES), reason: z.string().trim().min(1).max(5_000) }).strict(),
    conflict: (state, profile, p) => {
      const reached = reachedDiscipline(state);
      if (!reached) return `cannot step back: ${whereItStands(state)}`;
      if (!p) return undefined;
      if (!ruleOf(profile, p.to)) return `the form has no ${p.to}`;
      return at(p.to) < at(reached) ? undefined : `can only step back to a discipline before ${reached}`;
    },
    apply(step, p) {
      step.note(`back to ${p.to}: ${p.reason}`);
      step.reopenFrom(p.to);
    },
  }),

  submitPreliminaryReport: define({
    roles: (state) => [state.owner.role, 'quality_manager'],
    schema: preliminaryReportForm,
    conflict: (state) =>
      state.deadlines.some((d) => d.name === PRELIMINARY_CLOCK && !d.metAt) && state.phase === 'open'
        ? undefined
        : 'no preliminary report is due (only a major complaint without a root cause needs one, before D4)',
    apply(step, p) {
      const { state } = step;
      state.preliminaryReport = { at: new Date(step.nowMs).toISOString(), by: step.actor.id, data: p };
      step.meet(PRELIMINARY_CLOCK);
      step.note('preliminary report and test plan');
      // the formal 8D's root cause is counted from the preliminary report
      if (state.current === 'D4') {
        step.meet(disciplineClock('D4', state.round));
        step.start('D4');
      }
    },
  }),

  verifyEffectiveness: define({
    roles: (_state, profile) => [sectionOf(profile).verification.by],
    schema: () => z.object({ effective: z.boolean(), evidence: z.string().trim().min(1).max(5_000) }).strict(),
    conflict: (state) => (state.phase === 'verification' ? undefined : `nothing to verify (${whereItStands(state)})`),
    apply(step, p) {
      const { state } = step;
      state.verdicts.push({
        round: state.round,
        effective: p.effective,
        evidence: p.evidence,
        at: new Date(step.nowMs).toISOString(),
        by: step.actor.id,
      });
      step.meet(verificationClock(state.round));
      state.verificationDue = undefined;
      step.note(p.effective ? 'effective' : 'not effective: a new round from D4');
      if (p.effective) return step.advanceAfter('D6', true);
      state.round += 1;
      step.reopenFrom(sectionOf(step.profile).disciplines.find((d) => at(d.id) >= at('D4'))!.id);
    },
  }),

  cancel: define({
    roles: () => ['quality_manager'],
    schema: reason,
    conflict: (state) =>
      state.phase === 'closed' || state.phase === 'cancelled' ? `already ${state.phase}` : undefined,
    apply(step, p) {
      step.note(`cancelled: ${p.reason}`);
      step.close(p.reason);
    },
  }),
};

/** The furthest discipline reached now (a step back goes before it), if the corrective action is under way. */
function reachedDiscipline(state: CarState): Discipline | undefined {
  if (state.phase === 'open') return state.current;
  if (state.phase === 'awaiting_approval') return state.awaitingApproval!.disciplines[0];
  if (state.phase === 'verification') return 'D7';
  return undefined;
}

/** Who may take an action now (admin always may). */
export function carActionRoles(state: CarState, profile: Profile, name: CarActionName): Role[] {
  return [...new Set<Role>([...CAR_ACTIONS[name].roles(state, profile), 'admin'])];
}

/** The payload schema of an action (the API and OpenAPI read it). */
export function carActionSchema(name: CarActionName): Zod.ZodType {
  return CAR_ACTIONS[name].schema();
}

/** May this actor take the action now with this payload? The parsed payload, or why not. */
export function checkCarAction(
  state: CarState,
  profile: Profile,
  name: CarActionName,
  actor: Actor,
  payload: unknown,
): { payload: unknown } | CarRefusal {
  const action = CAR_ACTIONS[name];
  if (!carActionRoles(state, profile, name).includes(actor.role))
    return {
      type: 'Forbidden',
      message: `role ${actor.role} may not ${name} (allowed: ${carActionRoles(state, profile, name).join(', ')})`,
    };
  const parsed = action.schema().safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { type: 'InvalidAction', message: `${issue.path.join('.') || 'payload'}: ${issue.message}` };
  }
  const unstorable = unstorableTextPath(parsed.data);
  if (unstorable !== undefined) return { type: 'InvalidAction', message: `${unstorable}: ${UNSTORABLE_MESSAGE}` };
  const invalid = action.invalid?.(profile, parsed.data);
  if (invalid) return { type: 'InvalidAction', message: invalid };
  const conflict = action.conflict(state, profile, parsed.data);
  if (conflict) return { type: 'StageConflict', message: conflict };
  return { payload: parsed.data };
}

/** Takes a checked action; returns the effects to carry out. */
export function applyCarAction(
  state: CarState,
  profile: Profile,
  name: CarActionName,
  payload: unknown,
  actor: Actor,
  nowMs: number,
): CarEffect[] {
  const step = new CarStep(state, profile, nowMs, name, actor, payload);
  CAR_ACTIONS[name].apply(step, payload);
  return finishCarStep(step);
}

/** Actions open now and who may take them. */
export function openCarActions(state: CarState, profile: Profile): Array<{ action: CarActionName; roles: Role[] }> {
  return (Object.keys(CAR_ACTIONS) as CarActionName[])
    .filter((name) => CAR_ACTIONS[name].conflict(state, profile) === undefined)
    .map((action) => ({ action, roles: carActionRoles(state, profile, action) }));
}
