/**
 * The clock engine: every clock a complaint runs, where its length comes from, what starts it and what meets it.
 * A profile with `clockRules` states its SLA clocks itself (domain/clock-rules.ts); profiles pinned before then
 * run the built-in table below (`CLOCKS`), unchanged. Timers (a system event when due) always come from the table.
 * Triggers are stage entries (`enter:<stage>`), actions (`action:<name>`), ratings (`rated:<severity>`), emails
 * that reached their readers (`sent:<event>`) and the named events below. SLA clocks warn, breach and escalate.
 */
import { meetClock, newClock, type SeverityTable } from '../clocks';
import type { ClockRule } from '../clock-rules';
import type { Duration } from '../duration';
import type { Profile } from '../profile-schema';
import type { Stage } from '../stages';
import type { ComplaintState } from './state';

/** Events that start or meet clocks besides stage entries and actions. */
export type ClockEvent =
  | 'registered'
  | 'acknowledged'
  | 'owners_notified'
  | 'customer_contacted'
  | 'no_root_cause'
  | 'follow_up_unresolved'
  | 'progress_reported'
  | 'emergency_started';

/** What starts or meets a clock. */
export type Trigger =
  `enter:${Stage}` | `action:${string}` | `rated:${string}` | `sent:${string}` | `escalated_to:${string}` | ClockEvent;

/** A start trigger; `fromRegistration` counts the clock from receipt of the request, not from the trigger. */
type Start = Trigger | { on: Trigger; fromRegistration: true };

/** The system event a timer makes happen when it is due. */
export type TimerEvent = 'objection_window_elapsed' | 'progress_due' | 'call_ahead_due';

interface Length {
  duration: Duration;
  bySeverity?: SeverityTable | `rule:${string}`;
}

interface ClockSpec {
  /** The length the profile gives this complaint now; none means the clock does not run. */
  length(profile: Profile, state: ComplaintState, nowMs: number): Length | undefined;
  startedBy: Start[];
  metBy: Trigger[];
  /** Started at most once (a second trigger leaves it as it is). */
  once?: true;
  /** Set for timers: the system event that happens when it is due. */
  onDue?: TimerEvent;
}

/** The built-in table's lengths (it runs only for profiles with `deadlines`, those without clock rules). */
const dl = (p: Profile): NonNullable<Profile['deadlines']> =>
  p.deadlines ?? {
    acknowledge: { amount: 1, unit: 'days' },
    revisionAfterObjection: { amount: 1, unit: 'days' },
    callback: { amount: 1, unit: 'days' },
  };
const fixed = (duration: Duration | undefined): Length | undefined => (duration ? { duration } : undefined);
const bySeverity =
  (table: SeverityTable) =>
  (profile: Profile, state: ComplaintState): Length | undefined => {
    const duration = dl(profile)[table]?.[state.severity];
    return duration ? { duration, bySeverity: table } : undefined;
  };
const onSite = (inner: (p: Profile, s: ComplaintState) => Length | undefined) => (p: Profile, s: ComplaintState) =>
  s.serviceMode === 'on_site' ? inner(p, s) : undefined;
function callAhead(p: Profile, s: ComplaintState, nowMs: number): Length | undefined {
  const arrival = s.deadlines.find((d) => d.name === 'arrival' && !d.metAt);
  const lead = p.dispatch?.callAheadMinutes;
  if (!arrival || !lead) return undefined;
  const minutesLeft = (Date.parse(arrival.dueAt) - nowMs) / 60_000 - lead;
  return minutesLeft > 0 ? { duration: { amount: minutesLeft, unit: 'minutes' } } : undefined;
}
const followUp = (p: Profile) => fixed(p.followUpCall ?? dl(p).followUp ?? dl(p).callback);

/** Every clock by name. */
export const CLOCKS: Record<string, ClockSpec> = {
  acknowledge: {
    length: (p, s) => fixed(dl(p).acknowledgeByChannel?.[s.channel] ?? dl(p).acknowledge),
    startedBy: ['registered'],
    metBy: ['acknowledged'],
  },
  notify_owners: {
    length: (p) => fixed(dl(p).notifyOwners),
    startedBy: ['registered'],
    metBy: ['owners_notified'],
  },
  first_contact: {
    length: (p) => fixed(dl(p).firstContact),
    startedBy: ['registered'],
    metBy: ['customer_contacted'],
  },
  response: { length: bySeverity('responseBySeverity'), startedBy: ['registered'], metBy: ['action:classify'] },
  answer: { length: (p) => fixed(dl(p).answer), startedBy: ['registered'], metBy: ['enter:customer_decision'] },
  investigation: {
    length: (p) => fixed(dl(p).investigation),
    startedBy: ['enter:investigation'],
    metBy: ['action:submitDiagnosis'],
  },
  plan: {
    length: (p, s) =>
      s.objectionRounds > 0 ? undefined : (bySeverity('planBySeverity')(p, s) ?? fixed(dl(p).preliminaryPlan)),
    startedBy: ['enter:planning'],
    metBy: ['action:proposePlan'],
  },
  revision: {
    length: (p, s) => (s.objectionRounds > 0 ? fixed(dl(p).revisionAfterObjection) : undefined),
    startedBy: ['enter:planning'],
    metBy: ['action:proposePlan'],
  },
  preliminary_report: {
    length: (p) => fixed(dl(p).preliminaryReportWithoutRootCause),
    startedBy: ['no_root_cause'],
    metBy: ['action:proposePlan'],
  },
  escalated_resolution: {
    length: (p) => fixed(dl(p).escalatedResolution),
    startedBy: ['enter:escalated'],
    metBy: ['action:arbitrate'],
  },
  // 003 §2.2.1: dispatch and arrival are counted from the service request.
  dispatch: {
    length: onSite(bySeverity('dispatchBySeverity')),
    startedBy: [{ on: 'enter:dispatch', fromRegistration: true }, 'enter:execution'],
    metBy: ['action:dispatchEngineer', 'action:recordProcessing'],
    once: true,
  },
  arrival: {
    length: onSite(bySeverity('arrivalBySeverity')),
    startedBy: [{ on: 'enter:dispatch', fromRegistration: true }, 'enter:execution'],
    metBy: ['action:recordArrival', 'action:recordProcessing'],
    once: true,
  },
  restore: {
    length: bySeverity('restoreBySeverity'),
    startedBy: ['enter:execution'],
    metBy: ['action:recordProcessing'],
  },
  effectiveness_check: {
    length: (p) => fixed(dl(p).effectivenessCheck),
    startedBy: ['enter:verification'],
    metBy: ['action:recordVerification'],
  },
  result_feedback: {
    length: (p) => fixed(dl(p).resultFeedback),
    startedBy: ['enter:satisfaction'],
    metBy: ['action:recordSurvey'],
  },
  callback: {
    length: (p) => fixed(dl(p).callback),
    startedBy: ['enter:satisfaction'],
    metBy: ['action:recordSurvey'],
  },
  follow_up: {
    length: followUp,
    startedBy: ['enter:follow_up', 'follow_up_unresolved'],
    metBy: ['action:recordFollowUp'],
  },
  temporary_plan: {
    length: (p) => fixed(p.clocks?.emergency?.temporaryPlan),
    startedBy: ['emergency_started'],
    metBy: ['action:recordTemporaryPlan'],
  },
  objection_window: {
    length: (p) => fixed(p.invalidComplaint?.objectionWindow),
    startedBy: ['enter:invalid_notice'],
    metBy: ['enter:investigation'],
    onDue: 'objection_window_elapsed',
  },
  // 003 §2.2.2: the engineer calls the customer `callAheadMinutes` before the arrival deadline.
  call_ahead: {
    length: callAhead,
    startedBy: ['action:dispatchEngineer'],
    metBy: ['action:recordArrival', 'action:recordProcessing'],
    onDue: 'call_ahead_due',
  },
  progress: {
    length: (p) => fixed(p.progressUpdateEvery),
    startedBy: ['enter:execution', 'action:recordProgress', 'progress_reported'],
    metBy: ['action:recordProcessing'],
    onDue: 'progress_due',
  },
};

/** True when the customer's region is one the profile's visit limits except (003 §2.2.1). */
function inRemoteArea(profile: Profile, state: ComplaintState): boolean {
  const region = state.region?.trim().toLowerCase();
  return !!region && (profile.dispatch?.remoteRegions ?? []).some((r) => r.trim().toLowerCase() === region);
}

/** A profile's clock rule as the engine runs it. */
function specOfRule(rule: ClockRule): ClockSpec {
  const length = (p: Profile, s: ComplaintState): Length | undefined => {
    const when = rule.when;
    if (when?.serviceMode && s.serviceMode !== when.serviceMode) return undefined;
    if (when?.remoteArea !== undefined && inRemoteArea(p, s) !== when.remoteArea) return undefined;
    if (when?.afterObjection !== undefined && s.objectionRounds > 0 !== when.afterObjection) return undefined;
    const l = rule.length;
    if (l.fixed) return { duration: l.fixed };
    if (l.byChannel) return { duration: l.byChannel[s.channel] ?? l.otherwise! };
    const duration = l.bySeverity?.[s.severity];
    return duration && { duration, bySeverity: `rule:${rule.name}` };
  };
  const start = (on: Trigger): Start => (rule.from === 'receipt' ? { on, fromRegistration: true } : on);
  return {
    length,
    startedBy: rule.startedBy.map((t) => start(t as Trigger)),
    metBy: rule.metBy as Trigger[],
    ...(rule.once && { once: true as const }),
  };
}

/** What a profile's clock rules keep from the table: the timers, and the emergency's clock (its own section). */
const kept = () =>
  Object.fromEntries(Object.entries(CLOCKS).filter(([name, spec]) => spec.onDue || name === TEMPORARY_PLAN_CLOCK));
const specsByProfile = new WeakMap<Profile, Record<string, ClockSpec>>();

/** The clocks a complaint under `profile` runs: its rules and the timers, else the built-in table. */
function specsOf(profile: Profile): Record<string, ClockSpec> {
  if (!profile.clockRules) return CLOCKS;
  let specs = specsByProfile.get(profile);
  if (!specs) {
    specs = { ...Object.fromEntries(profile.clockRules.map((r) => [r.name, specOfRule(r)])), ...kept() };
    specsByProfile.set(profile, specs);
  }
  return specs;
}

/** True when an email of this event, once it reaches its readers, meets one of the profile's clocks. */
export function emailMeetsClock(profile: Profile, event: string): boolean {
  return profile.clockRules?.some((r) => r.metBy.includes(`sent:${event}`)) ?? false;
}

/** The ladder a missed clock climbs: its rule's own (`notify.breach`), else the profile's. */
export function ladderOf(profile: Profile, clock: string): NonNullable<Profile['clocks']>['escalation'] {
  return profile.clockRules?.find((r) => r.name === clock)?.notify?.breach ?? profile.clocks?.escalation ?? [];
}

/** Who is warned before a clock is missed: its rule's `notify.warning`, else `owners`. */
export function warnedOf(profile: Profile, clock: string, owners: string[]): string[] {
  return profile.clockRules?.find((r) => r.name === clock)?.notify?.warning ?? owners;
}

/** The clocks whose due time a customer's acknowledgement promises, in order of preference. */
export function promisedClocks(profile: Profile): string[] {
  return profile.clockRules ? profile.clockRules.filter((r) => r.promised).map((r) => r.name) : PROMISED_CLOCKS;
}

/** The clock that emergency response runs (it has its own escalation; the generic ladder leaves it alone). */
export const TEMPORARY_PLAN_CLOCK = 'temporary_plan';

/** Clocks whose names customers' acknowledgements promise, in order of preference. */
export const PROMISED_CLOCKS = ['first_contact', 'response', 'answer'];

function startClock(state: ComplaintState, profile: Profile, name: string, spec: ClockSpec, startMs: number): void {
  const list = spec.onDue ? 'timers' : 'deadlines';
  if (spec.once && state[list].some((c) => c.name === name)) return;
  const length = spec.length(profile, state, startMs);
  if (!length) return;
  // A met SLA clock stays on record; a timer that ran out is simply replaced.
  state[list] = state[list].filter((c) => c.name !== name || (c.metAt && !spec.onDue));
  const clock = newClock(profile, name, length.duration, startMs, length.bySeverity);
  if (state.clocksPaused && !spec.onDue) clock.pausedAt = clock.startedAt;
  state[list].push(clock);
}

/** When the complaint reached the company: clocks "from receipt" count from it. */
export function receivedMs(state: ComplaintState): number {
  return Date.parse(state.receivedAt ?? state.history[0]!.at);
}

/** Meets, then starts, every clock the trigger meets or starts. */
export function clockTrigger(state: ComplaintState, profile: Profile, trigger: Trigger, nowMs: number): void {
  const specs = specsOf(profile);
  for (const [name, spec] of Object.entries(specs)) {
    if (!spec.metBy.includes(trigger)) continue;
    for (const c of [...state.deadlines, ...state.timers]) if (c.name === name) meetClock(c, nowMs);
  }
  for (const [name, spec] of Object.entries(specs)) {
    const start = spec.startedBy.find((s) => s === trigger || (typeof s === 'object' && s.on === trigger));
    if (start === undefined) continue;
    const fromReceipt = typeof start === 'object';
    startClock(state, profile, name, spec, fromReceipt ? receivedMs(state) : nowMs);
  }
}

/** Stops every clock and timer (the complaint is closed). */
export function stopAllClocks(state: ComplaintState, nowMs: number): void {
  for (const c of [...state.deadlines, ...state.timers]) meetClock(c, nowMs);
}

/** The system event of a timer. */
export function timerEvent(name: string): TimerEvent | undefined {
  return CLOCKS[name]?.onDue;
}
