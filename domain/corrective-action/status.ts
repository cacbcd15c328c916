/** What a corrective action says of itself: the status query, its status line, the progress its complaint hears. */
import { calendarMissingNote, isOverdue, withCalendarNote } from '../clocks';
import { localTime } from '../local-time';
import {
  correctiveActionWorkflowId,
  type CarProgress,
  type CorrectiveActionInput,
  type CorrectiveActionStatus,
} from '../corrective-action-contract';
import type { Profile } from '../profile-schema';
import { openCarActions } from './actions';
import { DISCIPLINE_NAMES, sectionOf, type CarState } from './state';
import { carLabel } from './step';

/** "8D 202611-007-1 — D4 root cause — due 2026-11-30 18:00". */
export function carStatusLine(state: CarState, profile: Profile): string {
  const head = `${carLabel(profile)} ${state.number}`;
  const line = phaseLine(state, profile);
  return `${state.needsAttention ? `NEEDS ATTENTION (${state.needsAttention}) — ` : ''}${head} — ${line}`;
}

function phaseLine(state: CarState, profile: Profile): string {
  const running = state.deadlines.filter((d) => !d.metAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const due = running[0]
    ? ` — due ${localTime(running[0].dueAt, profile)}${running[0].breachedAt ? ' (overdue)' : ''}${calendarMissingNote(running[0], profile.calendar)}`
    : '';
  switch (state.phase) {
    case 'open':
      return `${DISCIPLINE_NAMES[state.current!].en}${due}`;
    case 'awaiting_approval':
      return `awaiting approval of ${state.awaitingApproval!.disciplines.join('–')} by ${state.awaitingApproval!.approver.replace(/_/g, ' ')}`;
    case 'verification':
      return `effectiveness verification (round ${state.round})${due}`;
    default:
      return `${state.phase}${state.closeReason && state.phase === 'cancelled' ? `: ${state.closeReason}` : ''}`;
  }
}

/** The status query's answer. */
export function carStatus(state: CarState, input: CorrectiveActionInput): CorrectiveActionStatus {
  const { profile } = input;
  return {
    number: state.number,
    workflowId: correctiveActionWorkflowId(state.number),
    source: input.source,
    complaintNumber: input.complaintNumber,
    form: sectionOf(profile).form,
    profile: { id: profile.id, version: profile.version, hash: input.profileHash },
    phase: state.phase,
    round: state.round,
    current: state.current,
    awaitingApproval: state.awaitingApproval,
    verificationDue: state.verificationDue,
    owner: state.owner,
    severity: state.severity,
    statusLine: carStatusLine(state, profile),
    disciplines: state.disciplines,
    verdicts: state.verdicts,
    preliminaryReport: state.preliminaryReport,
    deadlines: state.deadlines.map((d) => (d.metAt ? d : withCalendarNote(d, profile.calendar))),
    overdue: isOverdue(state.deadlines),
    escalationLevel: state.escalationLevel,
    openActions: openCarActions(state, profile),
    history: state.history,
    closedAt: state.closedAt,
    closeReason: state.closeReason,
    reportSentAt: state.reportSentAt,
  };
}

/**
 * What the complaint hears when the phase or round changes (not per discipline: the complaint's timeline
 * keeps one signal per phase; its status reads the current discipline from the corrective action itself).
 */
export function carPhaseProgress(state: CarState, profile: Profile): CarProgress {
  const head = `${carLabel(profile)} ${state.number}`;
  const phase =
    state.phase === 'open'
      ? 'in progress'
      : state.phase === 'verification'
        ? `effectiveness verification (round ${state.round})`
        : phaseLine(state, profile);
  return { number: state.number, phase: state.phase, round: state.round, line: `${head} — ${phase}` };
}

/** What the complaint heard on every change (corrective actions started before `car-tell-complaint-on-phase`). */
export function carProgress(state: CarState, profile: Profile): CarProgress {
  return {
    number: state.number,
    phase: state.phase,
    current: state.current,
    round: state.round,
    line: carStatusLine(state, profile),
  };
}
