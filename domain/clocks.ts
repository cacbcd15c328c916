/**
 * SLA clocks of a complaint: every deadline the profile defines runs as a clock with a warning point,
 * can be paused and resumed with its remaining time carried over, is recomputed when the severity
 * changes, and records met, breached, paused time and breach amount. Pure and deterministic.
 */
import type { Duration } from './duration';
import type { Profile } from './profile-schema';
import { dueAt, workingTimeBetween } from './working-time';
import { missingCalendarYears } from './calendar-coverage';

/** Deadline tables keyed by severity; a clock started from one follows severity changes. */
export type SeverityTable =
  'responseBySeverity' | 'planBySeverity' | 'dispatchBySeverity' | 'arrivalBySeverity' | 'restoreBySeverity';

/** A running or finished deadline. Instants are ISO strings. */
export interface Deadline {
  name: string;
  startedAt: string;
  dueAt: string;
  warnAt: string;
  duration: Duration;
  /** The severity table it follows: the profile's `deadlines` table, or `rule:<name>` of a clock rule. */
  bySeverity?: SeverityTable | `rule:${string}`;
  pausedAt?: string;
  pausedMs: number;
  warnedAt?: string;
  /** The instant the deadline was missed (its due instant), once it has been. */
  breachedAt?: string;
  metAt?: string;
  /** How late it was met (ms), when it was met after its due instant. */
  breachMs?: number;
  /**
   * In the status only: the years this working-time clock counts whose holidays the calendar does not list
   * (it runs on weekdays and working hours there).
   */
  calendarMissing?: number[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const isWorking = (d: Duration) => d.unit === 'working_hours' || d.unit === 'working_days';

/** The due and warning instants of a clock of `duration` starting at `startMs`. */
export function clockInstants(
  profile: Profile,
  startMs: number,
  duration: Duration,
): { dueAt: string; warnAt: string } {
  // Profiles pinned before clocks existed have no `clocks` section.
  const fraction = profile.clocks?.warningFraction ?? 0.75;
  return {
    dueAt: iso(dueAt(startMs, duration, profile.calendar)),
    warnAt: iso(dueAt(startMs, { amount: duration.amount * fraction, unit: duration.unit }, profile.calendar)),
  };
}

/** A new clock. */
export function newClock(
  profile: Profile,
  name: string,
  duration: Duration,
  startMs: number,
  bySeverity?: Deadline['bySeverity'],
): Deadline {
  return {
    name,
    startedAt: iso(startMs),
    duration,
    bySeverity,
    pausedMs: 0,
    ...clockInstants(profile, startMs, duration),
  };
}

/** True while a clock runs (not met). Paused clocks still "run" but do not advance. */
export function isRunning(clock: Deadline): boolean {
  return !clock.metAt;
}

/** Marks a clock met, recording how late it was. */
export function meetClock(clock: Deadline, nowMs: number): void {
  if (clock.metAt) return;
  clock.metAt = iso(nowMs);
  const late = nowMs - Date.parse(clock.dueAt);
  if (late > 0 && !clock.pausedAt) clock.breachMs = late;
  clock.pausedAt = undefined;
}

/** The next instant at which a clock warns or breaches, if any clock is running and not paused. */
export function nextClockEvent(clocks: Deadline[]): number | undefined {
  let next: number | undefined;
  for (const c of clocks) {
    if (!isRunning(c) || c.pausedAt) continue;
    const candidates = [c.warnedAt ? undefined : Date.parse(c.warnAt), c.breachedAt ? undefined : Date.parse(c.dueAt)];
    for (const t of candidates) if (t !== undefined && (next === undefined || t < next)) next = t;
  }
  return next;
}

/** Warnings and breaches that have come due by `nowMs`; marks them so each happens once. */
export function takeDueClockEvents(
  clocks: Deadline[],
  nowMs: number,
): Array<{ kind: 'warning' | 'breach'; clock: Deadline }> {
  const events: Array<{ kind: 'warning' | 'breach'; clock: Deadline }> = [];
  for (const c of clocks) {
    if (!isRunning(c) || c.pausedAt) continue;
    if (!c.breachedAt && Date.parse(c.dueAt) <= nowMs) {
      c.breachedAt = c.dueAt;
      if (!c.warnedAt) c.warnedAt = c.warnAt;
      events.push({ kind: 'breach', clock: c });
    } else if (!c.warnedAt && Date.parse(c.warnAt) <= nowMs) {
      c.warnedAt = c.warnAt;
      events.push({ kind: 'warning', clock: c });
    }
  }
  return events;
}

/** Pauses every running clock that has not yet breached. */
export function pauseClocks(clocks: Deadline[], nowMs: number): void {
  for (const c of clocks) if (isRunning(c) && !c.pausedAt && !c.breachedAt) c.pausedAt = iso(nowMs);
}

/**
 * Resumes paused clocks with the time they had left: working time for working-time clocks (a pause
 * over a weekend costs nothing), real time otherwise.
 */
export function resumeClocks(profile: Profile, clocks: Deadline[], nowMs: number): void {
  for (const c of clocks) {
    if (!c.pausedAt) continue;
    const pausedMs = Date.parse(c.pausedAt);
    const shift = (instantIso: string) => {
      const instant = Date.parse(instantIso);
      if (instant <= pausedMs) return instantIso;
      if (isWorking(c.duration)) {
        const left = workingTimeBetween(pausedMs, instant, profile.calendar);
        return iso(dueAt(nowMs, { amount: left / 3_600_000, unit: 'working_hours' }, profile.calendar));
      }
      return iso(nowMs + (instant - pausedMs));
    };
    c.dueAt = shift(c.dueAt);
    c.warnAt = shift(c.warnAt);
    c.pausedMs += nowMs - pausedMs;
    c.pausedAt = undefined;
  }
}

/** Recomputes clocks that follow the severity; a clock the new severity has no deadline for stops. */
export function recomputeForSeverity(profile: Profile, clocks: Deadline[], severity: string, nowMs: number): void {
  for (const c of clocks) {
    if (!c.bySeverity || !isRunning(c) || c.breachedAt) continue;
    const duration = c.bySeverity.startsWith('rule:')
      ? ruleDuration(profile, c.bySeverity, severity)
      : profile.deadlines?.[c.bySeverity as SeverityTable]?.[severity];
    if (!duration) {
      c.metAt = iso(nowMs);
      continue;
    }
    c.duration = duration;
    const start = Date.parse(c.startedAt) + c.pausedMs;
    Object.assign(c, clockInstants(profile, start, duration));
    if (Date.parse(c.warnAt) > nowMs) c.warnedAt = undefined;
  }
}

function ruleDuration(profile: Profile, table: string, severity: string): Duration | undefined {
  const rule = profile.clockRules?.find((r) => `rule:${r.name}` === table);
  return rule?.length.bySeverity?.[severity];
}

/** True when a running clock has missed its deadline. */
export function isOverdue(clocks: Deadline[]): boolean {
  return clocks.some((c) => isRunning(c) && c.breachedAt !== undefined);
}

/** The clock as the status shows it: marked with the years its calendar does not cover, if any. */
export function withCalendarNote(clock: Deadline, calendar: Profile['calendar']): Deadline {
  const missing = missingCalendarYears(calendar, clock);
  return missing.length ? { ...clock, calendarMissing: missing } : clock;
}

/** " (calendar missing for 2027)" for a clock counting into years its calendar does not cover; else "". */
export function calendarMissingNote(clock: Deadline, calendar: Profile['calendar']): string {
  const missing = missingCalendarYears(calendar, clock);
  return missing.length ? ` (calendar missing for ${missing.join(', ')})` : '';
}
