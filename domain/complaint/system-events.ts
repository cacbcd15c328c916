/**
 * What happens to a complaint without a staff action: registration, clocks warning and breaching,
 * timers running out (objection window, progress cadence), children reporting back, the archive.
 * Like the actions, each returns the effects the workflow carries out.
 */
import { meetClock, takeDueClockEvents } from '../clocks';
import type { EmergencyResult } from '../emergency-contract';
import type { EscalationResult } from '../escalation-contract';
import { clockName, CLOSE_REASONS, localized, SYSTEM_NOTES } from '../labels';
import type { Profile } from '../profile-schema';
import { evaluateSeverity, type SeverityFacts } from '../severity';
import { clockTrigger, ladderOf, promisedClocks, receivedMs, timerEvent, warnedOf } from './clock-table';
import { localTime } from './status';
import { ENGINEER_MAILBOX, type ComplaintState, type Effect } from './state';
import { blameEscalation } from './performance-credit';
import { bookkeeping, enterStage, finishStep, isEmergencyClock, startLadder, Step, SYSTEM_ACTOR } from './transitions';
import type { Actor } from '../roles';

/** A system event. */
export type SystemEvent =
  | {
      kind: 'registered';
      registeredAt: string;
      facts: SeverityFacts;
      batchDefectiveUnits?: number;
      /** The member of staff who registered it (the audit names them); none: the system. */
      registeredBy?: Actor;
    }
  | { kind: 'clocksDue' }
  | { kind: 'timerDue'; name: string }
  | { kind: 'escalationLevel'; level: number; clock?: string }
  | { kind: 'ladderFinished'; result: EscalationResult; seq: number }
  | { kind: 'emergencyFinished'; result: EmergencyResult }
  | { kind: 'archive'; closedAt: string };

const runningByDue = (state: ComplaintState) =>
  state.deadlines.filter((d) => !d.metAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));

/** Registration: severity with the batch count, registration clocks, acknowledgement, departments told. */
function registered(
  state: ComplaintState,
  profile: Profile,
  event: Extract<SystemEvent, { kind: 'registered' }>,
  nowMs: number,
) {
  // clock rules say whether they count from receipt or from registration; the built-in table's clocks of
  // registration count from receipt (the registration time unless staff said when the complaint arrived)
  const registeredMs = profile.clockRules ? Date.parse(event.registeredAt) : receivedMs(state);
  if (event.batchDefectiveUnits !== undefined) {
    state.batchDefectiveUnits = event.batchDefectiveUnits;
    const verdict = evaluateSeverity(profile, { ...event.facts, batchDefectiveUnits: event.batchDefectiveUnits });
    state.severity = verdict.severity;
    state.severityReasons = verdict.reasons;
  }
  clockTrigger(state, profile, 'registered', registeredMs);
  const step = new Step(state, profile, nowMs, 'register', event.registeredBy ?? SYSTEM_ACTOR);
  const promised = runningByDue(state).find((d) => promisedClocks(profile).includes(d.name));
  step.effects.push({
    kind: 'notifyCustomer',
    event: 'acknowledgement',
    key: 'acknowledgement',
    values: { promise: promised?.dueAt },
    then: 'acknowledged',
  });
  const told = [...profile.notifications.onRegistration, ...profile.notifications.copyOnRegistration];
  if (told.length)
    step.effects.push({
      kind: 'notifyStaff',
      event: 'registered',
      key: 'registered',
      to: told,
      then: 'owners_notified',
    });
  else clockTrigger(state, profile, 'owners_notified', nowMs);
  enterStage(state, profile, 'triage', nowMs, { action: 'register', actor: SYSTEM_ACTOR.id });
  return finishStep(step, 'registered', true);
}

/** Warnings and breaches whose time has come, each once: the owners warned, a ladder per breach. */
function clocksDue(state: ComplaintState, profile: Profile, nowMs: number): Effect[] {
  const effects: Effect[] = [];
  // Before classification nobody owns the complaint: the first level of the ladder is warned.
  const owners = state.ownerRoles.length ? [...state.ownerRoles] : [...(profile.clocks?.escalation[0]?.notify ?? [])];
  for (const { kind, clock } of takeDueClockEvents(state.deadlines, nowMs)) {
    if (kind === 'warning') {
      const key = `warning:${clock.name}:${clock.startedAt}`;
      const name = clockName(clock.name);
      const [note, values] = [name.en, localized('note', name)];
      const to = warnedOf(profile, clock.name, owners);
      effects.push({ kind: 'notifyStaff', event: 'sla_warning', key, to, note, due: clock.dueAt, values });
    } else if (!isEmergencyClock(clock.name)) {
      state.history.push({
        stage: state.stage,
        at: clock.dueAt,
        action: 'deadline_missed',
        actor: 'system',
        note: clock.name,
      });
      const reason = `${clock.name.replace(/_/g, ' ')} missed (due ${clock.dueAt})`;
      effects.push(startLadder(state, clock.name, reason, SYSTEM_NOTES.missed(clock.name), clock.dueAt));
    }
  }
  return effects.length ? [...effects, ...bookkeeping(state)] : [];
}

/** A timer ran out: the objection window (the invalid complaint closes) or the progress cadence (a report). */
function timerDue(state: ComplaintState, profile: Profile, name: string, nowMs: number): Effect[] {
  const event = timerEvent(name);
  const before = state.stage;
  for (const t of state.timers) if (t.name === name) meetClock(t, nowMs);
  if (event === 'objection_window_elapsed' && before === 'invalid_notice') {
    const step = new Step(state, profile, nowMs, event, SYSTEM_ACTOR);
    step.close(CLOSE_REASONS.invalidUnopposed);
    return finishStep(step, before);
  }
  if (event === 'call_ahead_due' && state.engineer) {
    const arrival = state.deadlines.find((d) => d.name === 'arrival');
    const key = `call_ahead:${arrival?.startedAt ?? nowMs}`;
    // 003 §2.2.2: the engineer calls the customer ahead; profiles that say so remind the engineer first
    const engineer = profile.dispatch?.callAheadToEngineer ? [`${ENGINEER_MAILBOX}${state.engineer.name}`] : [];
    const to = [...new Set([...engineer, 'technical_support', ...state.ownerRoles])];
    return [{ kind: 'notifyStaff', event: 'call_ahead', key, to, note: state.engineer.name, due: arrival?.dueAt }];
  }
  if (event === 'progress_due' && before === 'execution') {
    const step = new Step(state, profile, nowMs, 'scheduled_progress_report', SYSTEM_ACTOR);
    state.progressReports += 1;
    step.tellCustomer('progress', SYSTEM_NOTES.scheduledProgress);
    step.trigger('progress_reported');
    return finishStep(step, before);
  }
  return [];
}

/**
 * A ladder level reached: for a profile with clock rules, `escalated_to:<role>` for each role of the level (002
 * §4.3: resolved within 7 days of sales stepping in). Older profiles' clocks do not hear of it.
 */
function escalatedTo(
  state: ComplaintState,
  profile: Profile,
  clock: string | undefined,
  level: number,
  nowMs: number,
): Effect[] {
  if (!profile.clockRules) return [];
  const ladder = clock ? ladderOf(profile, clock) : (profile.clocks?.escalation ?? []);
  for (const role of ladder[level - 1]?.notify ?? []) clockTrigger(state, profile, `escalated_to:${role}`, nowMs);
  // 002 §7.2: a missed deadline reported up the ladder makes it an escalated complaint
  if (profile.performance?.escalationBlame && !state.escalationBlamed) {
    const step = new Step(state, profile, nowMs, 'escalation_level', SYSTEM_ACTOR);
    blameEscalation(step, `${clock ?? 'escalation'}: level ${level}`);
    return finishStep(step, state.stage);
  }
  return bookkeeping(state);
}

/** The complaint is archived: the archive record, its retention clock, the children's results as forms. */
function archive(state: ComplaintState, profile: Profile, event: Extract<SystemEvent, { kind: 'archive' }>) {
  const closedMs = Date.parse(event.closedAt);
  const reason = state.closeReason ?? 'closed';
  const effects: Effect[] = [
    { kind: 'archive', closedAt: event.closedAt, reason, retentionYears: profile.retentionYears },
  ];
  if (state.clocksOn) {
    const retainUntil = new Date(event.closedAt);
    retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + profile.retentionYears);
    effects.push({ kind: 'startRetention', retainUntil: retainUntil.toISOString() });
  }
  const before = state.stage;
  const step = new Step(state, profile, closedMs, 'archive', SYSTEM_ACTOR);
  for (const result of state.finishedLadders) step.form('escalation', result);
  if (state.emergencyResult) step.form('emergency', state.emergencyResult);
  step.move('archived');
  return [...effects, ...finishStep(step, before)];
}

/** Applies a system event to the complaint; returns the effects to carry out. */
export function applySystemEvent(state: ComplaintState, profile: Profile, event: SystemEvent, nowMs: number): Effect[] {
  switch (event.kind) {
    case 'registered':
      return registered(state, profile, event, nowMs);
    case 'clocksDue':
      return clocksDue(state, profile, nowMs);
    case 'timerDue':
      return timerDue(state, profile, event.name, nowMs);
    case 'escalationLevel':
      state.escalationLevel = Math.max(state.escalationLevel, event.level);
      return escalatedTo(state, profile, event.clock, event.level, nowMs);
    case 'ladderFinished':
      state.ladders = state.ladders.filter((l) => l.seq !== event.seq);
      state.finishedLadders.push(event.result);
      return [];
    case 'emergencyFinished':
      state.emergencyResult = event.result;
      return [];
    case 'archive':
      return archive(state, profile, event);
  }
}

/** The next instant the workflow must wake at (a clock warning or breaching, a timer running out), described. */
export function nextWake(state: ComplaintState, profile: Profile): { at: number; summary: string } | undefined {
  const candidates: Array<{ at: number; summary: string }> = [];
  if (state.clocksOn) {
    for (const c of state.deadlines) {
      if (c.metAt || c.pausedAt) continue;
      const name = c.name.replace(/_/g, ' ');
      if (!c.warnedAt) candidates.push({ at: Date.parse(c.warnAt), summary: `${name}: warning` });
      if (!c.breachedAt) candidates.push({ at: Date.parse(c.dueAt), summary: `${name} due` });
    }
  }
  for (const t of state.timers) {
    if (!t.metAt) candidates.push({ at: Date.parse(t.dueAt), summary: `${t.name.replace(/_/g, ' ')} ends` });
  }
  const next = candidates.sort((a, b) => a.at - b.at)[0];
  return next && { at: next.at, summary: `${next.summary} ${localTime(new Date(next.at).toISOString(), profile)}` };
}

/** The system events due at `nowMs`: clock warnings and breaches first, then timers run out. */
export function dueEvents(state: ComplaintState, nowMs: number): SystemEvent[] {
  const events: SystemEvent[] = [];
  const clockDue = state.deadlines.some(
    (c) =>
      !c.metAt &&
      !c.pausedAt &&
      ((!c.warnedAt && Date.parse(c.warnAt) <= nowMs) || (!c.breachedAt && Date.parse(c.dueAt) <= nowMs)),
  );
  if (state.clocksOn && clockDue) events.push({ kind: 'clocksDue' });
  for (const t of state.timers)
    if (!t.metAt && Date.parse(t.dueAt) <= nowMs) events.push({ kind: 'timerDue', name: t.name });
  return events;
}
