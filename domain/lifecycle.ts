/**
 * The complaint lifecycle as a pure reducer over the workflow's state: which action is allowed now
 * (`checkAction`) and what it changes (`applyAction`). The workflow runs it and carries out the effects
 * with activities; the API reads the same rules. Deterministic: time comes in as an argument.
 */
import { actionSchemas, ACTION_STAGES, rolesFor, type ActionName, type ActionPayload } from './actions';
import type { Duration } from './duration';
import type { Profile } from './profile-schema';
import type { Actor, Role } from './roles';
import { evaluateSeverity, maxSeverity, type SeverityFacts } from './severity';
import { FINAL_STAGES, STAGE_LABELS, type Stage } from './stages';
import {
  meetClock,
  newClock,
  pauseClocks,
  recomputeForSeverity,
  resumeClocks,
  type Deadline,
  type SeverityTable,
} from './clocks';

export type { Deadline } from './clocks';

/** Events on which the customer is written to. */
export type CustomerEvent =
  | 'acknowledgement'
  | 'owner_assigned'
  | 'invalid'
  | 'plan'
  | 'progress'
  | 'completed'
  | 'survey'
  | 'closed'
  | 'withdrawn'
  | 'reopened'
  | 'force_majeure';

/** Events on which staff are written to. */
export type StaffEvent =
  | 'registered'
  | 'assignment'
  | 'approval_request'
  | 'escalation'
  | 'low_satisfaction'
  | 'sla_warning'
  | 'escalation_level'
  | 'emergency';

/** Forms stored in PostgreSQL, one kind per documented record. */
export type FormKind =
  | 'classification'
  | 'verification'
  | 'objection'
  | 'diagnosis'
  | 'plan'
  | 'approval'
  | 'customer_decision'
  | 'arbitration'
  | 'payment'
  | 'progress'
  | 'processing'
  | 'result_verification'
  | 'survey'
  | 'follow_up'
  | 'closure'
  | 'clock_pause'
  | 'clock_resume'
  | 'escalation_request'
  | 'escalation'
  | 'temporary_plan'
  | 'emergency';

/** Something the workflow must do after an action: store a form or send email. */
export type Effect =
  | { kind: 'form'; form: FormKind; data: unknown }
  | { kind: 'notifyCustomer'; event: CustomerEvent; seq?: number; note?: string }
  | { kind: 'notifyStaff'; event: StaffEvent; to: string[]; note?: string }
  | { kind: 'escalate'; reason: string }
  | { kind: 'emergencyPlanRecorded' };

/** One entry of the short history. */
export interface StageChange {
  stage: Stage;
  at: string;
  action?: string;
  actor?: string;
  note?: string;
}

/** Everything the workflow knows of a complaint. */
export interface ComplaintState {
  number: string;
  stage: Stage;
  channel: string;
  severity: string;
  severityReasons: string[];
  batchDefectiveUnits: number;
  type?: string;
  department?: string;
  ownerRoles: Role[];
  warranty: 'in' | 'out' | 'unknown';
  faultCategory?: 'hardware' | 'software' | 'misuse';
  cause?: string;
  serviceMode?: 'remote' | 'on_site';
  plan?: ActionPayload<'proposePlan'> & { suggestedRemedy: string[]; repairBy?: string };
  approvals: Role[];
  objectionRounds: number;
  finalDecision: boolean;
  paid: boolean;
  progressReports: number;
  satisfied?: boolean;
  closeReason?: string;
  reopenedAs?: string;
  deadlines: Deadline[];
  clocksPaused?: { at: string; reason: 'waiting_on_customer' | 'force_majeure'; note: string };
  emergency?: { startedAt: string; temporaryPlanAt?: string };
  escalationLevel: number;
  history: StageChange[];
}

/** Why an action was refused. */
export interface Refusal {
  type: 'StageConflict' | 'Forbidden' | 'InvalidAction';
  message: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The initial state of a registered complaint, with its provisional severity and first deadlines. */
export function initialState(
  profile: Profile,
  input: {
    number: string;
    registeredAt: string;
    channel: string;
    warranty: 'in' | 'out' | 'unknown';
    facts: SeverityFacts;
  },
): ComplaintState {
  const verdict = evaluateSeverity(profile, input.facts);
  const state: ComplaintState = {
    number: input.number,
    stage: 'registered',
    channel: input.channel,
    severity: verdict.severity,
    severityReasons: verdict.reasons,
    batchDefectiveUnits: input.facts.batchDefectiveUnits ?? 0,
    ownerRoles: [],
    warranty: input.warranty,
    approvals: [],
    objectionRounds: 0,
    finalDecision: false,
    paid: false,
    progressReports: 0,
    deadlines: [],
    escalationLevel: 0,
    history: [{ stage: 'registered', at: input.registeredAt }],
  };
  const start = Date.parse(input.registeredAt);
  const d = profile.deadlines;
  startDeadline(state, profile, 'acknowledge', d.acknowledgeByChannel?.[input.channel] ?? d.acknowledge, start);
  startDeadline(state, profile, 'notify_owners', d.notifyOwners, start);
  startDeadline(state, profile, 'first_contact', d.firstContact, start);
  startDeadline(state, profile, 'response', d.responseBySeverity?.[state.severity], start, 'responseBySeverity');
  startDeadline(state, profile, 'answer', d.answer, start);
  return state;
}

function startDeadline(
  state: ComplaintState,
  profile: Profile,
  name: string,
  duration: Duration | undefined,
  nowMs: number,
  bySeverity?: SeverityTable,
) {
  if (!duration) return;
  state.deadlines = state.deadlines.filter((d) => d.name !== name || d.metAt);
  const clock = newClock(profile, name, duration, nowMs, bySeverity);
  if (state.clocksPaused) clock.pausedAt = clock.startedAt;
  state.deadlines.push(clock);
}

/** Marks a running deadline met. */
export function meetDeadline(state: ComplaintState, name: string, nowMs: number): void {
  for (const d of state.deadlines) if (d.name === name) meetClock(d, nowMs);
}

/** Deadlines still running, soonest first. */
export function runningDeadlines(state: ComplaintState): Deadline[] {
  return state.deadlines.filter((d) => !d.metAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}

/** Moves to a stage, recording it and starting the stage's deadlines. */
export function enterStage(
  state: ComplaintState,
  profile: Profile,
  stage: Stage,
  nowMs: number,
  entry: Omit<StageChange, 'stage' | 'at'> = {},
): void {
  state.stage = stage;
  state.history.push({ stage, at: iso(nowMs), ...entry });
  const d = profile.deadlines;
  switch (stage) {
    case 'investigation':
      startDeadline(state, profile, 'investigation', d.investigation, nowMs);
      break;
    case 'planning':
      if (state.objectionRounds > 0) startDeadline(state, profile, 'revision', d.revisionAfterObjection, nowMs);
      else if (d.planBySeverity?.[state.severity])
        startDeadline(state, profile, 'plan', d.planBySeverity[state.severity], nowMs, 'planBySeverity');
      else startDeadline(state, profile, 'plan', d.preliminaryPlan, nowMs);
      break;
    case 'customer_decision':
      meetDeadline(state, 'answer', nowMs);
      break;
    case 'escalated':
      startDeadline(state, profile, 'escalated_resolution', d.escalatedResolution, nowMs);
      break;
    case 'execution':
      if (state.serviceMode === 'on_site') {
        startDeadline(state, profile, 'dispatch', d.dispatchBySeverity?.[state.severity], nowMs, 'dispatchBySeverity');
        startDeadline(state, profile, 'arrival', d.arrivalBySeverity?.[state.severity], nowMs, 'arrivalBySeverity');
      }
      startDeadline(state, profile, 'restore', d.restoreBySeverity?.[state.severity], nowMs, 'restoreBySeverity');
      break;
    case 'verification':
      startDeadline(state, profile, 'effectiveness_check', d.effectivenessCheck, nowMs);
      break;
    case 'satisfaction':
      startDeadline(state, profile, 'result_feedback', d.resultFeedback, nowMs);
      startDeadline(state, profile, 'callback', d.callback, nowMs);
      break;
    case 'follow_up':
      startDeadline(state, profile, 'follow_up', profile.followUpCall ?? d.followUp ?? d.callback, nowMs);
      break;
    case 'closed':
    case 'archived':
      for (const deadline of state.deadlines) meetClock(deadline, nowMs);
      break;
    default:
      break;
  }
}

/** True when the company bears the cost of an out-of-warranty repair (needs the extra approver). */
export function companyPaysOutOfWarranty(state: ComplaintState): boolean {
  return state.warranty === 'out' && state.plan?.costBorneBy === 'company';
}

/** The actions open now, with the roles that may take them. */
export function openActions(state: ComplaintState, profile: Profile): Array<{ action: ActionName; roles: Role[] }> {
  if (FINAL_STAGES.includes(state.stage)) return [];
  return (Object.keys(ACTION_STAGES) as ActionName[])
    .filter((action) => ACTION_STAGES[action].includes(state.stage))
    .map((action) => ({
      action,
      roles: rolesFor(action, profile, { companyPaidOutOfWarranty: companyPaysOutOfWarranty(state) }),
    }));
}

function remedyMatrix(profile: Profile, state: ComplaintState): string[] {
  const warranty = state.warranty === 'unknown' ? undefined : state.warranty;
  return profile.remedies
    .filter(
      (r) =>
        (!r.severity || r.severity === state.severity) &&
        (!r.cause || r.cause === state.cause) &&
        (!r.warranty || r.warranty === warranty),
    )
    .flatMap((r) => r.actions);
}

function validate<A extends ActionName>(action: A, raw: unknown): { payload: ActionPayload<A> } | Refusal {
  const parsed = actionSchemas[action].safeParse(raw);
  if (parsed.success) return { payload: parsed.data as ActionPayload<A> };
  return {
    type: 'InvalidAction',
    message: parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
  };
}

/** Business checks beyond the payload's shape. */
function businessRefusal(
  state: ComplaintState,
  profile: Profile,
  action: ActionName,
  payload: unknown,
): string | undefined {
  switch (action) {
    case 'classify': {
      const p = payload as ActionPayload<'classify'>;
      if (!profile.complaintTypes.some((t) => t.id === p.type)) {
        return `type must be one of ${profile.complaintTypes.map((t) => t.id).join(', ')}`;
      }
      if (p.crossDepartment && !profile.crossDepartment) return 'this procedure has no cross-department task force';
      if (p.severity && !profile.severities.some((s) => s.id === p.severity)) {
        return `severity must be one of ${profile.severities.map((s) => s.id).join(', ')}`;
      }
      return undefined;
    }
    case 'submitDiagnosis': {
      const p = payload as ActionPayload<'submitDiagnosis'>;
      if (p.severity && !profile.severities.some((s) => s.id === p.severity)) {
        return `severity must be one of ${profile.severities.map((s) => s.id).join(', ')}`;
      }
      return undefined;
    }
    case 'proposePlan': {
      const p = payload as ActionPayload<'proposePlan'>;
      if (state.warranty === 'out' && p.costBorneBy === 'customer' && !p.quote) {
        return 'an out-of-warranty repair charged to the customer needs a quote';
      }
      if (state.serviceMode === 'on_site' && profile.dispatch && !p.engineer) {
        return 'on-site service needs an engineer (region and qualification)';
      }
      return undefined;
    }
    case 'pauseClocks':
      return state.clocksPaused ? `the clocks are already paused (${state.clocksPaused.reason})` : undefined;
    case 'resumeClocks':
      return state.clocksPaused ? undefined : 'the clocks are not paused';
    case 'recordTemporaryPlan':
      if (!state.emergency) return 'no emergency response is running for this complaint';
      return state.emergency.temporaryPlanAt ? 'the temporary plan is already recorded' : undefined;
    case 'recordCustomerDecision': {
      const p = payload as ActionPayload<'recordCustomerDecision'>;
      if (p.declinesQuote && (p.accepted || !state.plan?.quote || state.plan.costBorneBy !== 'customer')) {
        return 'declinesQuote applies only to a rejected plan with a quote the customer would pay';
      }
      return undefined;
    }
    case 'recordProcessing': {
      const p = payload as ActionPayload<'recordProcessing'>;
      const onSite = state.serviceMode === 'on_site';
      if (onSite && profile.dispatch?.requirePartsConsent && p.replacedParts.length > 0 && !p.partsConsent) {
        return 'parts may only be replaced after the customer consents to their name, cost and warranty';
      }
      if (onSite && profile.dispatch?.requireServiceConfirmation && p.serviceConfirmationSigned !== true) {
        return 'the customer must sign the service confirmation';
      }
      return undefined;
    }
    case 'recordSurvey': {
      const p = payload as ActionPayload<'recordSurvey'>;
      const scale = profile.satisfaction;
      if (scale.kind === 'levels') {
        if (!p.level || !scale.levels.some((l) => l.id === p.level)) {
          return `level must be one of ${scale.levels.map((l) => l.id).join(', ')}`;
        }
        if (!scale.satisfied.includes(p.level) && !p.reason)
          return 'a reason is required when the customer is not satisfied';
      } else {
        if (p.score === undefined || p.score < scale.min || p.score > scale.max || !Number.isInteger(p.score)) {
          return `score must be a whole number from ${scale.min} to ${scale.max}`;
        }
        if (p.score < scale.followUpBelow && !p.reason)
          return `a reason is required for a score below ${scale.followUpBelow}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Checks that `actor` may take `action` now with `raw` data; returns the validated payload or the refusal. */
export function checkAction<A extends ActionName>(
  state: ComplaintState,
  profile: Profile,
  action: A,
  actor: Actor,
  raw: unknown,
): { payload: ActionPayload<A> } | Refusal {
  if (!ACTION_STAGES[action].includes(state.stage)) {
    return {
      type: 'StageConflict',
      message: `${action} is not allowed while the complaint is ${STAGE_LABELS[state.stage]} (stage ${state.stage})`,
    };
  }
  const roles = rolesFor(action, profile, { companyPaidOutOfWarranty: companyPaysOutOfWarranty(state) });
  if (!roles.includes(actor.role)) {
    return { type: 'Forbidden', message: `${action} may be taken by ${roles.join(', ')}, not by ${actor.role}` };
  }
  if (action === 'approvePlan' && state.approvals.includes(actor.role)) {
    return { type: 'StageConflict', message: `${actor.role} has already approved this plan` };
  }
  const validated = validate(action, raw);
  if ('type' in validated) return validated;
  const problem = businessRefusal(state, profile, action, validated.payload);
  if (problem) return { type: 'InvalidAction', message: problem };
  return validated;
}

function isSatisfied(profile: Profile, survey: ActionPayload<'recordSurvey'>): boolean {
  const scale = profile.satisfaction;
  return scale.kind === 'levels' ? scale.satisfied.includes(survey.level!) : survey.score! >= scale.followUpBelow;
}

/** Applies an allowed action and returns the effects to carry out. `payload` must come from `checkAction`. */
export function applyAction<A extends ActionName>(
  state: ComplaintState,
  profile: Profile,
  action: A,
  payload: ActionPayload<A>,
  actor: Actor,
  nowMs: number,
): Effect[] {
  const effects: Effect[] = [];
  const form = (kind: FormKind, data: unknown = payload) => effects.push({ kind: 'form', form: kind, data });
  const move = (stage: Stage, note?: string) =>
    enterStage(state, profile, stage, nowMs, { action, actor: actor.id, note });

  switch (action) {
    case 'classify': {
      const p = payload as ActionPayload<'classify'>;
      const type = profile.complaintTypes.find((t) => t.id === p.type)!;
      const verdict = evaluateSeverity(profile, { ...p.facts, batchDefectiveUnits: state.batchDefectiveUnits });
      state.severity = p.severity ? maxSeverity(profile, verdict.severity, p.severity) : verdict.severity;
      state.severityReasons =
        p.severity && state.severity === p.severity && p.severity !== verdict.severity
          ? ['set by staff']
          : verdict.reasons;
      state.type = type.id;
      state.faultCategory = p.faultCategory;
      if (p.warranty) state.warranty = p.warranty;
      if (p.crossDepartment && profile.crossDepartment) {
        state.department = profile.crossDepartment.department;
        state.ownerRoles = [profile.crossDepartment.leadRole];
      } else {
        state.department = type.department;
        state.ownerRoles = profile.ownersBySeverity[state.severity] ?? [type.ownerRole];
      }
      if (profile.dispatch && p.faultCategory) {
        state.serviceMode = profile.dispatch.remoteFor.includes(p.faultCategory) ? 'remote' : 'on_site';
      }
      recomputeForSeverity(profile, state.deadlines, state.severity, nowMs);
      meetDeadline(state, 'response', nowMs);
      form('classification', {
        ...p,
        severity: state.severity,
        severityReasons: state.severityReasons,
        department: state.department,
        ownerRoles: state.ownerRoles,
        serviceMode: state.serviceMode,
      });
      effects.push({ kind: 'notifyStaff', event: 'assignment', to: [...state.ownerRoles, state.department] });
      effects.push({ kind: 'notifyCustomer', event: 'owner_assigned' });
      move('validity_check');
      break;
    }
    case 'checkValidity': {
      const p = payload as ActionPayload<'checkValidity'>;
      form('verification');
      if (p.customerContacted) meetDeadline(state, 'first_contact', nowMs);
      if (p.valid) move('investigation');
      else {
        effects.push({ kind: 'notifyCustomer', event: 'invalid', note: p.reason });
        move('invalid_notice', p.reason);
      }
      break;
    }
    case 'customerObjects':
      form('objection');
      move('investigation', 'customer objected to the invalid finding');
      break;
    case 'submitDiagnosis': {
      const p = payload as ActionPayload<'submitDiagnosis'>;
      state.cause = p.cause;
      if (p.severity) {
        state.severity = p.severity;
        recomputeForSeverity(profile, state.deadlines, state.severity, nowMs);
      }
      if (p.serviceMode) state.serviceMode = p.serviceMode;
      meetDeadline(state, 'investigation', nowMs);
      // 004 5.6 b): a major complaint without a root cause needs a written preliminary report and test plan.
      if (!p.rootCauseFound)
        startDeadline(state, profile, 'preliminary_report', profile.deadlines.preliminaryReportWithoutRootCause, nowMs);
      form('diagnosis', { ...p, severity: state.severity });
      move('planning');
      break;
    }
    case 'proposePlan': {
      const p = payload as ActionPayload<'proposePlan'>;
      const routing = profile.repairRouting;
      const repairBy =
        routing && p.repairQuantity !== undefined
          ? p.repairQuantity < routing.threshold
            ? routing.below
            : routing.atOrAbove
          : undefined;
      state.plan = { ...p, suggestedRemedy: remedyMatrix(profile, state), repairBy };
      state.approvals = [];
      meetDeadline(state, 'plan', nowMs);
      meetDeadline(state, 'revision', nowMs);
      meetDeadline(state, 'preliminary_report', nowMs);
      form('plan', { ...state.plan, round: state.objectionRounds });
      const approvers = rolesFor('approvePlan', profile, {
        companyPaidOutOfWarranty: companyPaysOutOfWarranty(state),
      }).filter((r) => r !== 'admin');
      effects.push({ kind: 'notifyStaff', event: 'approval_request', to: approvers });
      move('approval');
      break;
    }
    case 'approvePlan': {
      const p = payload as ActionPayload<'approvePlan'>;
      form('approval', { ...p, role: actor.role });
      if (!p.approved) {
        state.approvals = [];
        move('planning', `plan rejected by ${actor.role}${p.comment ? `: ${p.comment}` : ''}`);
        break;
      }
      state.approvals.push(actor.role);
      const planApproved = state.approvals.some((r) => profile.approvals.plan.includes(r) || r === 'admin');
      const extra = companyPaysOutOfWarranty(state) ? profile.approvals.companyPaidOutOfWarranty : undefined;
      const extraApproved = !extra || state.approvals.includes(extra) || state.approvals.includes('admin');
      if (planApproved && extraApproved) {
        effects.push({ kind: 'notifyCustomer', event: 'plan' });
        move('customer_decision');
      }
      break;
    }
    case 'recordCustomerDecision': {
      const p = payload as ActionPayload<'recordCustomerDecision'>;
      form('customer_decision', { ...p, round: state.objectionRounds });
      if (p.accepted) {
        move(needsPayment(state) ? 'payment' : 'execution');
      } else if (p.declinesQuote) {
        close(
          state,
          profile,
          effects,
          nowMs,
          'customer declined the repair quote; unit returned unrepaired',
          actor,
          action,
        );
      } else {
        state.objectionRounds += 1;
        if (state.objectionRounds > profile.objection.roundsBeforeEscalation) {
          effects.push({ kind: 'notifyStaff', event: 'escalation', to: [profile.objection.escalateTo] });
          move('escalated', p.comment);
        } else {
          move('planning', `objection round ${state.objectionRounds}${p.comment ? `: ${p.comment}` : ''}`);
        }
      }
      break;
    }
    case 'arbitrate': {
      const p = payload as ActionPayload<'arbitrate'>;
      form('arbitration', { ...p, arbitration: profile.objection.arbitration });
      meetDeadline(state, 'escalated_resolution', nowMs);
      if (p.decision === 'uphold_plan') {
        state.finalDecision = true;
        move(needsPayment(state) ? 'payment' : 'execution', p.note);
      } else {
        move('planning', p.note);
      }
      break;
    }
    case 'recordPayment':
      form('payment');
      state.paid = true;
      move('execution');
      break;
    case 'recordProgress': {
      const p = payload as ActionPayload<'recordProgress'>;
      state.progressReports += 1;
      form('progress', { ...p, seq: state.progressReports });
      effects.push({ kind: 'notifyCustomer', event: 'progress', seq: state.progressReports, note: p.note });
      break;
    }
    case 'recordProcessing':
      form('processing');
      meetDeadline(state, 'dispatch', nowMs);
      meetDeadline(state, 'arrival', nowMs);
      meetDeadline(state, 'restore', nowMs);
      move('verification');
      break;
    case 'recordVerification': {
      const p = payload as ActionPayload<'recordVerification'>;
      meetDeadline(state, 'effectiveness_check', nowMs);
      form('result_verification');
      if (p.passed) {
        effects.push({ kind: 'notifyCustomer', event: 'completed' });
        effects.push({ kind: 'notifyCustomer', event: 'survey' });
        move('satisfaction');
      } else {
        move('execution', `verification failed: ${p.result}`);
      }
      break;
    }
    case 'recordSurvey': {
      const p = payload as ActionPayload<'recordSurvey'>;
      state.satisfied = isSatisfied(profile, p);
      form('survey', { ...p, satisfied: state.satisfied });
      meetDeadline(state, 'callback', nowMs);
      meetDeadline(state, 'result_feedback', nowMs);
      if (!state.satisfied) {
        effects.push({
          kind: 'notifyStaff',
          event: 'low_satisfaction',
          to: [...state.ownerRoles, 'department_head'],
          note: p.reason,
        });
        if (profile.closeWhen === 'final_decision')
          close(state, profile, effects, nowMs, 'final decision recorded; customer not satisfied', actor, action);
        else move('follow_up', p.reason);
      } else if (profile.followUpCall) {
        move('follow_up', 'follow-up call scheduled');
      } else {
        close(state, profile, effects, nowMs, 'customer satisfied', actor, action);
      }
      break;
    }
    case 'recordFollowUp': {
      const p = payload as ActionPayload<'recordFollowUp'>;
      form('follow_up');
      meetDeadline(state, 'follow_up', nowMs);
      if (p.resolved) close(state, profile, effects, nowMs, 'follow-up: resolved', actor, action);
      else
        startDeadline(
          state,
          profile,
          'follow_up',
          profile.followUpCall ?? profile.deadlines.followUp ?? profile.deadlines.callback,
          nowMs,
        );
      break;
    }
    case 'reopen': {
      const p = payload as ActionPayload<'reopen'>;
      state.reopenedAs = p.newNumber;
      effects.push({ kind: 'notifyCustomer', event: 'reopened', note: p.newNumber });
      close(state, profile, effects, nowMs, `reopened as ${p.newNumber}: ${p.reason}`, actor, action, false);
      break;
    }
    case 'pauseClocks': {
      const p = payload as ActionPayload<'pauseClocks'>;
      pauseClocks(state.deadlines, nowMs);
      state.clocksPaused = { at: iso(nowMs), reason: p.reason, note: p.note };
      form('clock_pause');
      if (p.reason === 'force_majeure') effects.push({ kind: 'notifyCustomer', event: 'force_majeure', note: p.note });
      break;
    }
    case 'resumeClocks':
      form('clock_resume', { ...payload, pausedSince: state.clocksPaused?.at, reason: state.clocksPaused?.reason });
      resumeClocks(profile, state.deadlines, nowMs);
      state.clocksPaused = undefined;
      break;
    case 'escalate': {
      const p = payload as ActionPayload<'escalate'>;
      form('escalation_request');
      effects.push({ kind: 'escalate', reason: `${p.reason}: ${p.note}` });
      break;
    }
    case 'recordTemporaryPlan':
      state.emergency!.temporaryPlanAt = iso(nowMs);
      form('temporary_plan');
      effects.push({ kind: 'emergencyPlanRecorded' });
      break;
    case 'withdraw': {
      const p = payload as ActionPayload<'withdraw'>;
      effects.push({ kind: 'notifyCustomer', event: 'withdrawn' });
      close(state, profile, effects, nowMs, `withdrawn: ${p.reason}`, actor, action, false);
      break;
    }
  }
  return effects;
}

function needsPayment(state: ComplaintState): boolean {
  return state.warranty === 'out' && state.plan?.costBorneBy === 'customer' && !state.paid;
}

/** Closes the complaint: closure form, and the closing email unless another one already told the customer. */
export function close(
  state: ComplaintState,
  profile: Profile,
  effects: Effect[],
  nowMs: number,
  reason: string,
  actor?: Actor,
  action?: string,
  tellCustomer = true,
): void {
  state.closeReason = reason;
  effects.push({ kind: 'form', form: 'closure', data: { reason, retentionYears: profile.retentionYears } });
  if (tellCustomer) effects.push({ kind: 'notifyCustomer', event: 'closed', note: reason });
  enterStage(state, profile, 'closed', nowMs, { action, actor: actor?.id, note: reason });
}
