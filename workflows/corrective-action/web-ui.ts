/**
 * What a manager reads of a corrective action in the Temporal Web UI: its current details (what it is, where
 * it stands, what it waits for, in markdown) and the summary of the timer it sleeps on ("D3 containment due
 * 2026-12-08 17:00 — warning the owner at 2026-12-08 13:00").
 */
import { isRunning, type Deadline } from '../../domain/clocks';
import type { CorrectiveActionInput } from '../../domain/corrective-action-contract';
import { openCarActions } from '../../domain/corrective-action/actions';
import type { Discipline } from '../../domain/corrective-action/profile-section';
import { DISCIPLINE_NAMES, PRELIMINARY_CLOCK, type CarState } from '../../domain/corrective-action/state';
import { carStatusLine } from '../../domain/corrective-action/status';
import { carLabel } from '../../domain/corrective-action/step';
import { localTime } from '../../domain/local-time';
import type { Profile } from '../../domain/profile-schema';
import { fitDetails, fitSummary, recipientsOnce } from '../../domain/ui-summary';

const words = (s: string) => s.replace(/_/g, ' ');

/** A clock as people say it: "D3 containment", "D4 root cause (round 2)", "effectiveness verification". */
export function clockWords(name: string): string {
  const [base, round] = name.split('.') as [string, string | undefined];
  const what =
    DISCIPLINE_NAMES[base as Discipline]?.en ??
    (base === PRELIMINARY_CLOCK ? 'preliminary report and test plan' : 'effectiveness verification');
  return round ? `${what} (round ${round.slice(1)})` : what;
}

/** The clock event the workflow sleeps until, as the timer's summary says it. */
export function carTimerSummary(state: CarState, profile: Profile, wakeMs: number): string {
  const head = `${carLabel(profile)} ${state.number}`;
  for (const clock of state.deadlines) {
    if (!isRunning(clock) || clock.pausedAt) continue;
    const due = localTime(clock.dueAt, profile);
    if (!clock.breachedAt && Date.parse(clock.dueAt) === wakeMs)
      return fitSummary(`${head}: ${clockWords(clock.name)} due ${due} — escalates if not done`);
    if (!clock.warnedAt && Date.parse(clock.warnAt) === wakeMs)
      return fitSummary(
        `${head}: ${clockWords(clock.name)} due ${due} — the owner warned at ${localTime(clock.warnAt, profile)}`,
      );
  }
  return fitSummary(`${head}: next clock at ${localTime(new Date(wakeMs).toISOString(), profile)}`);
}

function clockLine(clock: Deadline, profile: Profile): string {
  const state = clock.metAt
    ? `met ${localTime(clock.metAt, profile)}`
    : clock.breachedAt
      ? '**overdue**'
      : clock.pausedAt
        ? 'paused'
        : 'running';
  return `- ${clockWords(clock.name)}: due ${localTime(clock.dueAt, profile)} — ${state}`;
}

/** What the corrective action waits for now, in words. */
function waitingFor(state: CarState, profile: Profile): string {
  switch (state.phase) {
    case 'open':
      return `${DISCIPLINE_NAMES[state.current!].en} filled in`;
    case 'awaiting_approval':
      return `approval of ${state.awaitingApproval!.disciplines.join('–')} by ${words(state.awaitingApproval!.approver)}`;
    case 'verification':
      return `the effectiveness verdict${state.verificationDue ? ` (due ${localTime(state.verificationDue, profile)})` : ''}`;
    default:
      return 'nothing: finished';
  }
}

/** The current details: markdown a manager reads at a glance. */
export function carDetails(state: CarState, input: CorrectiveActionInput): string {
  const { profile } = input;
  const label = carLabel(profile);
  const source = input.complaintNumber
    ? `of complaint ${input.complaintNumber}`
    : input.source === 'monthly_top3'
      ? 'from the monthly analysis'
      : `from an ${words(input.source)}`;
  const done = state.disciplines.filter((d) => !d.supersededAt).map((d) => d.discipline);
  const running = state.deadlines.filter((c) => isRunning(c) || c.breachedAt);
  const actions = state.phase === 'closed' || state.phase === 'cancelled' ? [] : openCarActions(state, profile);
  const lines = [
    `**${label} ${state.number}** ${source} — ${input.product.model}${input.product.batch ? ` batch ${input.product.batch}` : ''}, severity ${input.severity}`,
    '',
    `**Why:** ${input.reason}`,
    '',
    `**Now:** ${carStatusLine(state, profile)}`,
    '',
    `**Waits for:** ${waitingFor(state, profile)}`,
    '',
    `**Owner:** ${words(state.owner.role)} (${words(state.owner.department)})${state.owner.assist.length ? `, assisted by ${recipientsOnce(state.owner.assist)}` : ''}`,
    '',
    `**Round:** ${state.round}; **done:** ${done.length ? [...new Set(done)].join(', ') : 'none yet'}; **escalation level:** ${state.escalationLevel}`,
  ];
  if (actions.length)
    lines.push(
      '',
      `**Can be taken now:** ${actions.map((a) => `${a.action} (${recipientsOnce(a.roles)})`).join('; ')}`,
    );
  if (running.length) lines.push('', '**Clocks:**', '', ...running.map((c) => clockLine(c, profile)));
  if (state.closedAt)
    lines.push(
      '',
      `**Ended:** ${localTime(state.closedAt, profile)}${state.closeReason ? ` — ${state.closeReason}` : ''}`,
    );
  return fitDetails(lines.join('\n'));
}
