/**
 * The moves every step is made of: entering a stage (its clocks start and stop), closing, and the
 * bookkeeping around a step (the record, emergency response, clocks saved, ladders settled).
 */
import { localized, type Label } from '../labels';
import { FINAL_STAGES, GENERIC_PATH, STAGES, type Stage } from '../stages';
import type { Profile } from '../profile-schema';
import { starter, SYSTEM_ACTOR, type Party } from '../roles';
import { clockTrigger, emailMeetsClock, stopAllClocks, TEMPORARY_PLAN_CLOCK, type ClockEvent } from './clock-table';
import type { ComplaintState, Effect, Form, StageChange } from './state';
import { severityRecall, type RecallDecision } from './recall-rule';
import { openAsks } from './customer-asks';

export { SYSTEM_ACTOR };

const iso = (ms: number) => new Date(ms).toISOString();

/** A note as an email carries it: staff's text as typed; the system's own in the reader's language. */
function noteOf(note: string | Label | undefined): { note?: string; values?: Record<string, string | undefined> } {
  return typeof note === 'object' ? { note: note.en, values: localized('note', note) } : { note };
}

/**
 * The stage a step aimed at `target` reaches under this procedure: the target, or the next stage of the
 * profile's path (dispatch only for on-site service).
 */
export function resolveStage(profile: Profile, state: ComplaintState, target: Stage): Stage {
  const path = profile.stagePath ?? GENERIC_PATH;
  const reachable = (stage: Stage) => path.includes(stage) && (stage !== 'dispatch' || state.serviceMode === 'on_site');
  return STAGES.slice(STAGES.indexOf(target)).find(reachable) ?? target;
}

/** True when this procedure has `stage` for this complaint (a step aimed at it would reach it). */
export const hasStage = (profile: Profile, state: ComplaintState, stage: Stage): boolean =>
  resolveStage(profile, state, stage) === stage;

/** Moves to a stage (as the procedure has it), recording it, stopping and starting the clocks it triggers. */
export function enterStage(
  state: ComplaintState,
  profile: Profile,
  target: Stage,
  nowMs: number,
  entry: Omit<StageChange, 'stage' | 'at'> = {},
): Stage {
  const stage = resolveStage(profile, state, target);
  state.stage = stage;
  state.history.push({ stage, at: iso(nowMs), ...entry });
  if (FINAL_STAGES.includes(stage)) stopAllClocks(state, nowMs);
  else clockTrigger(state, profile, `enter:${stage}`, nowMs);
  return stage;
}

/** What the customer is told on entering a stage, whichever step leads there (so a skipped stage loses nothing). */
const CUSTOMER_TOLD_ON_ENTRY: Partial<Record<Stage, Array<Extract<Effect, { kind: 'notifyCustomer' }>['event']>>> = {
  customer_decision: ['plan'],
  satisfaction: ['completed', 'survey'],
};

/** A recorded step (an action or a system event) while it runs: its forms and effects, in order. */
export class Step {
  readonly forms: Form[] = [];
  readonly effects: Effect[] = [];
  constructor(
    readonly state: ComplaintState,
    readonly profile: Profile,
    readonly nowMs: number,
    readonly action: string,
    readonly actor: Party,
  ) {
    state.actionSeq += 1;
  }

  form(kind: Form['kind'], data: unknown): void {
    this.forms.push({ kind, data });
  }

  /** Writes to the customer; the key makes the email exactly-once. */
  tellCustomer(event: Extract<Effect, { kind: 'notifyCustomer' }>['event'], note?: string | Label): void {
    const key = `${event}#${this.state.actionSeq}`;
    this.effects.push({ kind: 'notifyCustomer', event, key, ...noteOf(note), ...this.meets(event) });
  }

  tellStaff(event: Extract<Effect, { kind: 'notifyStaff' }>['event'], to: string[], note?: string | Label): void {
    const key = `${event}#${this.state.actionSeq}`;
    this.effects.push({ kind: 'notifyStaff', event, key, to, ...noteOf(note), ...this.meets(event) });
  }

  /** `then: sent:<event>` for an email one of the profile's clocks is met by (it is met once the email is out). */
  private meets(event: string): { then?: `sent:${string}` } {
    return emailMeetsClock(this.profile, event) ? { then: `sent:${event}` } : {};
  }

  /** A clock event (a clock met or started by what happened). */
  trigger(event: ClockEvent | `rated:${string}`): void {
    clockTrigger(this.state, this.profile, event, this.nowMs);
  }

  move(target: Stage, note?: string): void {
    const stage = resolveStage(this.profile, this.state, target);
    for (const event of CUSTOMER_TOLD_ON_ENTRY[stage] ?? []) this.tellCustomer(event);
    enterStage(this.state, this.profile, stage, this.nowMs, { action: this.action, actor: this.actor.id, note });
  }

  /** Starts the complaint's next recall (the workflow numbers it and starts its child). */
  startRecall(decision: RecallDecision, trigger: 'severity' | 'decision'): void {
    const seq = this.state.recalls.length + 1;
    this.state.recalls.push({ seq, decidedAt: new Date(this.nowMs).toISOString(), trigger });
    this.form('recall', { seq, trigger, ...decision });
    this.effects.push({ kind: 'startRecall', seq, actor: starter(this.actor), ...decision });
  }

  /**
   * Closes the complaint: closure form, and the closing email unless another one already told the customer.
   * The recorded reason is the English text; the customer reads it in their language.
   */
  close(reason: string | Label, tellCustomer = true): void {
    const text = typeof reason === 'object' ? reason.en : reason;
    this.state.closeReason = text;
    this.form('closure', { reason: text, retentionYears: this.profile.retentionYears });
    if (tellCustomer) this.tellCustomer('closed', reason);
    this.move('closed', text);
  }
}

/**
 * Starts an escalation ladder for `clock` (a breached clock, or `manual-<seq>` when staff escalate); `why` is
 * the reason as its emails say it, `due` the missed due time.
 */
export function startLadder(state: ComplaintState, clock: string, reason: string, why: Label, due?: string): Effect {
  state.ladderSeq += 1;
  state.ladders.push({ clock, seq: state.ladderSeq, stage: state.stage, stopping: false });
  return { kind: 'startLadder', clock, seq: state.ladderSeq, reason, values: { ...localized('note', why), due } };
}

/** True when the profile's emergency response must start now (a severity it names, not yet started). */
function emergencyNeeded(state: ComplaintState, profile: Profile): boolean {
  const rule = state.clocksOn ? profile.clocks?.emergency : undefined;
  return !!rule && !state.emergency && rule.severities.includes(state.severity) && !FINAL_STAGES.includes(state.stage);
}

/** Ladders whose clock was met, or — for ladders staff started — whose stage the complaint has left. */
function settledLadders(state: ComplaintState): Effect[] {
  const stops: Effect[] = [];
  for (const ladder of state.ladders) {
    if (ladder.stopping) continue;
    const clock = state.deadlines.find((d) => d.name === ladder.clock && d.breachedAt);
    const settled = clock
      ? clock.metAt !== undefined
      : state.stage !== ladder.stage || FINAL_STAGES.includes(state.stage);
    if (!settled) continue;
    ladder.stopping = true;
    const reason = clock ? `${ladder.clock} met` : `complaint moved to ${state.stage}`;
    stops.push({ kind: 'stopLadder', clock: ladder.clock, seq: ladder.seq, reason });
  }
  return stops;
}

/** Starts the emergency response if the step made it necessary (its temporary-plan clock with it). */
function startEmergencyIfNeeded(state: ComplaintState, profile: Profile, nowMs: number): Effect[] {
  if (!emergencyNeeded(state, profile)) return [];
  state.emergency = { startedAt: iso(nowMs) };
  clockTrigger(state, profile, 'emergency_started', nowMs);
  return [{ kind: 'startEmergency' }];
}

/**
 * A finished step's effects in the order the workflow carries them out: the record (with its forms),
 * the emergency response when needed, the step's own effects, then clocks saved and ladders settled.
 * `recordAfter` puts the record after the step's effects (registration: the mails first).
 */
export function finishStep(step: Step, stageBefore: Stage, recordAfter = false): Effect[] {
  const { state, profile, nowMs } = step;
  const recall = severityRecall(state, profile);
  if (recall) step.startRecall(recall, 'severity');
  openAsks(state, profile, step.effects, nowMs);
  const record: Effect = {
    kind: 'record',
    seq: state.actionSeq,
    action: step.action,
    actor: step.actor,
    stageBefore,
    forms: step.forms,
  };
  const head = recordAfter
    ? [...step.effects, record, ...startEmergencyIfNeeded(state, profile, nowMs)]
    : [record, ...startEmergencyIfNeeded(state, profile, nowMs), ...step.effects];
  return [...head, ...bookkeeping(state)];
}

/** Clocks saved (when they run) and ladders settled: the tail of every step. */
export function bookkeeping(state: ComplaintState): Effect[] {
  return [...(state.clocksOn ? [{ kind: 'saveClocks' } as const] : []), ...settledLadders(state)];
}

/** The clock an emergency response runs on its own (never escalated by the generic ladder). */
export const isEmergencyClock = (name: string) => name === TEMPORARY_PLAN_CLOCK;
