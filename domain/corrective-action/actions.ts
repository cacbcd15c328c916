/**
 * Every corrective-action step, each defined once: the phase it may be taken in, who may take it, its form,
 * when it is refused, what it does. The API, the update validators and the handlers all read these.
 */
import type * as Zod from 'zod';
import type { CarActionName } from '../corrective-action-contract';
import { lazy, z } from '../lazy-zod';
import type { Profile } from '../profile-schema';
import type { Actor, Role } from '../roles';
import { UNSTORABLE_MESSAGE, unstorableTextPath } from '../storable-text';
import { DISCIPLINE_ACTIONS } from './action-names';
import { DISCIPLINE_FORMS, preliminaryReportForm } from './discipline-forms';
import { DISCIPLINES, type Discipline } from './action-names';
import {
  DISCIPLINE_NAMES,
  PRELIMINARY_CLOCK,
  disciplineClock,
  sectionOf,
  verificationClock,
  type CarEffect,
  type CarRefusal,
  type CarState,
} from './state';
import { CarStep, carLabel, finishCarStep } from './step';

interface CarActionDefinition<S extends Zod.ZodType = Zod.ZodType> {
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
function define<S extends Zod.ZodType>(d: CarActionDefinition<S>): CarActionDefinition {
  return { ...d, schema: lazy(d.schema) };
}
const at = (d: Discipline) => DISCIPLINES.indexOf(d);
const reason = () => z.object({ reason: z.string().trim().min(1).max(5_000) }).strict();

/** Fills in a discipline: its clock met; then its block's approval, or the next discipline. */
function disciplineAction(discipline: Discipline) {
  const schema: () => Zod.ZodType = DISCIPLINE_FORMS[discipline];
  return define({
    roles: (state, profile) => [ruleOf(profile, discipline)?.owner ?? state.owner.role, 'quality_manager'],
    schema,
    invalid: (profile, payload) => (discipline === 'D7' ? missingDocuments(profile, payload) : undefined),
    conflict: (state, profile) => {
      if (!ruleOf(profile, discipline)) return `the ${carLabel(profile)} form of this procedure has no ${discipline}`;
      if (state.phase !== 'open' || state.current !== discipline)
        return `${discipline} is not the discipline to fill in now (${whereItStands(state)})`;
      return undefined;
    },
    apply(step, payload) {
      const { state } = step;
      state.disciplines.push({
        discipline,
        round: state.round,
        data: payload,
        submittedAt: new Date(step.nowMs).toISOString(),
        by: step.actor.id,
      });
      step.meet(disciplineClock(discipline, state.round));
      if (discipline === 'D4') step.meet(PRELIMINARY_CLOCK);
      if (discipline === 'D3') routeRework(step, payload as { scopes: Array<{ reworked: number }> });
      step.note(DISCIPLINE_NAMES[discipline].en);
      const approver = ruleOf(step.profile, discipline)!.approver;
      if (!approver) return step.advanceAfter(discipline);
      const block = blockEndingAt(step.profile, discipline);
      state.phase = 'awaiting_approval';
      state.current = undefined;
      state.awaitingApproval = { disciplines: block, approver, since: new Date(step.nowMs).toISOString() };
      const names = block.map((d) => DISCIPLINE_NAMES[d]);
      step.tellOwner(
        {
          'zh-CN': `${carLabel(step.profile)} ${state.number}：请审批 ${names.map((n) => n['zh-CN']).join('、')}`,
          en: `${carLabel(step.profile)} ${state.number}: please approve ${names.map((n) => n.en).join(', ')}`,
        },
        [approver],
      );
    },
  });
}

/** 004 §5.7 a): the prevention step names the documents the procedure requires updated. */
function missingDocuments(profile: Profile, payload: unknown): string | undefined {
  const kinds = new Set((payload as { documents: Array<{ kind: string }> }).documents.map((d) => d.kind));
  const missing = sectionOf(profile).requiredPreventionDocuments.filter((k) => !kinds.has(k));
  return missing.length ? `documents: this procedure requires ${missing.join(', ')} updated` : undefined;
}

const ruleOf = (profile: Profile, d: Discipline) => sectionOf(profile).disciplines.find((r) => r.id === d);

/** The disciplines approved together with `last`: those since the previous approver's discipline. */
function blockEndingAt(profile: Profile, last: Discipline): Discipline[] {
  const rules = sectionOf(profile).disciplines;
  const end = rules.findIndex((r) => r.id === last);
  let start = end;
  while (start > 0 && !rules[start - 1]!.approver) start -= 1;
  return rules.slice(start, end + 1).map((r) => r.id);
}

/** 004 §5.2 e): rework under the threshold by engineering, at or above it scheduled by planning. */
function routeRework(step: CarStep, containment: { scopes: Array<{ reworked: number }> }) {
  const routing = step.profile.repairRouting;
  const reworked = containment.scopes.reduce((sum, s) => sum + s.reworked, 0);
  if (!routing || reworked === 0) return;
  const to = reworked >= routing.threshold ? routing.atOrAbove : routing.below;
  step.effects.push({
    kind: 'notifyStaff',
    event: 'corrective_action',
    key: `car-rework#${step.state.actionSeq}`,
    to: [to],
    note: {
      'zh-CN': `${carLabel(step.profile)} ${step.state.number}：${reworked} 件需返工，请安排`,
      en: `${carLabel(step.profile)} ${step.state.number}: ${reworked} pcs to rework; please schedule it`,
    },
  });
}

/** Where the corrective action stands, for refusals. */
export function whereItStands(state: CarState): string {
  if (state.phase === 'open') return `current: ${state.current}`;
  if (state.phase === 'awaiting_approval')
    return `awaiting approval of ${state.awaitingApproval!.disciplines.join('–')}`;
  if (state.phase === 'verification') return 'awaiting effectiveness verification';
  return state.phase;
}

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
