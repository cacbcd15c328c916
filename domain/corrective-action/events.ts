/**
 * What happens to a corrective action without a staff action: it opens, its clocks warn and breach (a breach
 * starts the escalation ladder), its ladders report back. Each returns the effects the workflow carries out.
 */
import { newClock, nextClockEvent, takeDueClockEvents } from '../clocks';
import { localTime } from '../local-time';
import type { CorrectiveActionInput } from '../corrective-action-contract';
import type { Label } from '../labels';
import type { Profile } from '../profile-schema';
import { SYSTEM_ACTOR } from '../complaint/transitions';
import { DISCIPLINE_NAMES, PRELIMINARY_CLOCK, sectionOf, type CarEffect, type CarState } from './state';
import type { Discipline } from './profile-section';
import { CarStep, carLabel, finishCarStep } from './step';

/** Opened: the owner, assisting departments and the quality manager told; the first discipline's clock starts. */
export function opened(state: CarState, input: CorrectiveActionInput, nowMs: number): CarEffect[] {
  const { profile } = input;
  const section = sectionOf(profile);
  const step = new CarStep(state, profile, nowMs, 'open', input.openedBy, {
    source: input.source,
    complaintNumber: input.complaintNumber,
    reason: input.reason,
    product: input.product,
    severity: input.severity,
    technical: input.technical,
    known: input.known,
  });
  step.note(input.reason);
  step.tellOwner(
    {
      'zh-CN': `已开立${carLabel(profile)} ${state.number}（${input.product.model}）：${input.reason}`,
      en: `${carLabel(profile)} ${state.number} opened (${input.product.model}): ${input.reason}`,
    },
    [...state.owner.assist, 'quality_manager'],
  );
  const rule = section.preliminaryReport;
  if (rule && !input.rootCauseKnown && rule.severities.includes(input.severity))
    state.deadlines.push(newClock(profile, PRELIMINARY_CLOCK, rule.deadline, nowMs));
  step.start(section.disciplines[0]!.id);
  return finishCarStep(step);
}

/** The clock's name as emails say it: "8D 202611-007-1 D4 root cause". */
function clockLabel(state: CarState, profile: Profile, clock: string): Label {
  const [discipline] = clock.split('.') as [string];
  const name: Label =
    DISCIPLINE_NAMES[discipline as Discipline] ??
    (discipline === PRELIMINARY_CLOCK
      ? { 'zh-CN': '初步调查报告及试验计划', en: 'preliminary report and test plan' }
      : { 'zh-CN': '有效性验证', en: 'effectiveness verification' });
  const prefix = `${carLabel(profile)} ${state.number}`;
  return { 'zh-CN': `${prefix} ${name['zh-CN']}`, en: `${prefix} ${name.en}` };
}

/** Warnings and breaches due now: the owner warned; on a breach the escalation ladder starts. */
export function clocksDue(state: CarState, profile: Profile, nowMs: number): CarEffect[] {
  const due = takeDueClockEvents(state.deadlines, nowMs);
  if (!due.length) return [];
  const step = new CarStep(state, profile, nowMs, 'clocks', SYSTEM_ACTOR, {
    events: due.map((e) => ({ kind: e.kind, clock: e.clock.name, dueAt: e.clock.dueAt })),
  });
  for (const { kind, clock } of due) {
    const label = clockLabel(state, profile, clock.name);
    if (kind === 'warning') {
      const due = localTime(clock.dueAt, profile);
      step.effects.push({
        kind: 'notifyStaff',
        event: 'corrective_action',
        key: `car-warning:${clock.name}@${clock.startedAt}`,
        to: [state.owner.department],
        note: { 'zh-CN': `${label['zh-CN']} 将于 ${due} 到期`, en: `${label.en} is due at ${due}` },
        due: clock.dueAt,
      });
      continue;
    }
    state.ladderSeq += 1;
    state.ladders.push({ clock: clock.name, seq: state.ladderSeq, stopping: false });
    const missed = { 'zh-CN': `${label['zh-CN']} 已超时`, en: `${label.en} is overdue` };
    step.effects.push({
      kind: 'startLadder',
      clock: clock.name,
      seq: state.ladderSeq,
      reason: missed,
      due: clock.dueAt,
    });
    step.note(`${clock.name} missed (due ${localTime(clock.dueAt, profile)})`);
  }
  return finishCarStep(step);
}

/** The next instant a clock warns or breaches. */
export const nextCarWake = (state: CarState) => nextClockEvent(state.deadlines);

/** A ladder notified a level. */
export function escalationLevelReached(state: CarState, level: number): void {
  state.escalationLevel = Math.max(state.escalationLevel, level);
}

/** A ladder finished. */
export function ladderFinished(state: CarState, seq: number): void {
  state.ladders = state.ladders.filter((l) => l.seq !== seq);
}
