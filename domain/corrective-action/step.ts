/**
 * The moves every corrective-action step is made of: a discipline becoming current (its clock starts), a
 * clock met, moving on after a discipline, going back, closing; and the bookkeeping that ends every step.
 */
import { meetClock, newClock } from '../clocks';
import type { Label } from '../labels';
import type { Profile } from '../profile-schema';
import type { Actor } from '../roles';
import { localTime } from '../local-time';
import { DISCIPLINES, type Discipline } from './action-names';
import {
  DISCIPLINE_NAMES,
  disciplineClock,
  sectionOf,
  verificationClock,
  type CarEffect,
  type CarState,
} from './state';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (d: Discipline) => DISCIPLINES.indexOf(d);

/** A step while it runs: its record data and effects, in order. */
export class CarStep {
  readonly effects: CarEffect[] = [];
  constructor(
    readonly state: CarState,
    readonly profile: Profile,
    readonly nowMs: number,
    readonly action: string,
    readonly actor: Actor,
    readonly data: unknown,
  ) {
    state.actionSeq += 1;
  }

  get section() {
    return sectionOf(this.profile);
  }

  /** Writes to the owner's department (and `also`); the key makes the email exactly-once. */
  tellOwner(note: Label, also: string[] = []): void {
    const to = [...new Set([this.state.owner.department, ...also])];
    this.effects.push({
      kind: 'notifyStaff',
      event: 'corrective_action',
      key: `car#${this.state.actionSeq}`,
      to,
      note,
    });
  }

  note(text?: string): void {
    this.state.history.push({ at: iso(this.nowMs), action: this.action, actor: this.actor.id, note: text });
  }

  /** Makes `discipline` the current one and starts its clock. */
  start(discipline: Discipline): void {
    const { state, profile } = this;
    const rule = this.section.disciplines.find((d) => d.id === discipline)!;
    state.phase = 'open';
    state.current = discipline;
    state.awaitingApproval = undefined;
    const clock = newClock(profile, disciplineClock(discipline, state.round), rule.deadline, this.nowMs);
    state.deadlines.push(clock);
    const name = DISCIPLINE_NAMES[discipline];
    const due = localTime(clock.dueAt, profile);
    this.tellOwner({
      'zh-CN': `${carLabel(profile)} ${state.number}：请于 ${due} 前完成 ${name['zh-CN']}`,
      en: `${carLabel(profile)} ${state.number}: ${name.en} is due by ${due}`,
    });
  }

  /** Meets the running clock of that name, if any. */
  meet(clockName: string): void {
    const clock = this.state.deadlines.find((d) => d.name === clockName && !d.metAt);
    if (clock) meetClock(clock, this.nowMs);
  }

  /**
   * After `discipline` is done (and approved): the next one, or closure; after D6 first effectiveness
   * verification (`verified`: it was found effective, go on to the next).
   */
  advanceAfter(discipline: Discipline, verified = false): void {
    const { state, profile } = this;
    if (discipline === this.section.interimReportAfter && state.complaintNumber && !verified)
      this.effects.push({ kind: 'sendReport', interim: true });
    if (discipline === 'D6' && !verified) {
      const rule = this.section.verification;
      state.phase = 'verification';
      state.current = undefined;
      state.awaitingApproval = undefined;
      const clock = newClock(profile, verificationClock(state.round), rule.after, this.nowMs);
      state.deadlines.push(clock);
      state.verificationDue = clock.dueAt;
      const due = localTime(clock.dueAt, profile);
      this.tellOwner(
        {
          'zh-CN': `${carLabel(profile)} ${state.number}：措施已实施，请于 ${due} 前验证其有效性`,
          en: `${carLabel(profile)} ${state.number}: the actions are implemented; verify their effectiveness by ${due}`,
        },
        [rule.by],
      );
      return;
    }
    const next = this.section.disciplines.find((d) => at(d.id) > at(discipline));
    if (next) this.start(next.id);
    else this.close('completed');
  }

  /** Reopens `discipline` and every later one of this round (their records stay as history). */
  reopenFrom(discipline: Discipline): void {
    const { state } = this;
    for (const record of state.disciplines)
      if (!record.supersededAt && at(record.discipline) >= at(discipline)) record.supersededAt = iso(this.nowMs);
    for (const clock of state.deadlines) if (!clock.metAt) meetClock(clock, this.nowMs);
    state.verificationDue = undefined;
    this.start(discipline);
  }

  close(reason: string): void {
    const { state } = this;
    state.phase = reason === 'completed' ? 'closed' : 'cancelled';
    state.current = undefined;
    state.awaitingApproval = undefined;
    state.closedAt = iso(this.nowMs);
    state.closeReason = reason;
    for (const clock of state.deadlines) if (!clock.metAt) meetClock(clock, this.nowMs);
    if (state.phase === 'closed' && state.complaintNumber) this.effects.push({ kind: 'sendReport' });
  }
}

/** "8D" or "CAPA", as the profile's form is called. */
export function carLabel(profile: Profile): string {
  return profile.correctiveAction?.form === 'capa' ? 'CAPA' : '8D';
}

/** Ladders whose clock was met: told to stop. */
function settledLadders(state: CarState): CarEffect[] {
  const stops: CarEffect[] = [];
  for (const ladder of state.ladders) {
    if (ladder.stopping) continue;
    const clock = state.deadlines.find((d) => d.name === ladder.clock && d.breachedAt);
    if (!clock?.metAt) continue;
    ladder.stopping = true;
    stops.push({ kind: 'stopLadder', seq: ladder.seq, reason: `${ladder.clock} met` });
  }
  return stops;
}

/** A finished step's effects in order: the record, the step's own, clocks saved, ladders settled, the complaint told. */
export function finishCarStep(step: CarStep): CarEffect[] {
  const { state } = step;
  const record: CarEffect = {
    kind: 'record',
    seq: state.actionSeq,
    action: step.action,
    actor: step.actor,
    data: step.data,
  };
  const tell: CarEffect[] = state.complaintNumber ? [{ kind: 'tellComplaint' }] : [];
  return [record, ...step.effects, { kind: 'saveClocks' }, ...settledLadders(state), ...tell];
}
