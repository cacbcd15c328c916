/**
 * What a manager reads of a maintenance order in the Temporal Web UI: its current details (the unit, the
 * customer, where the visit stands, what it waits for, in markdown) and the summary of the timer it sleeps on
 * ("maintenance visit SN-1 due 2026-12-08 — customer notice at 2026-12-01 09:00").
 */
import { dateFormat } from '../../domain/date-formats';
import type { MaintenanceOrderInput } from '../../domain/maintenance-contract';
import {
  addDays,
  maintenanceStatusLine,
  openActions,
  type MaintenanceState,
  type MaintenanceTimeline,
} from '../../domain/maintenance/rules';
import { fitDetails, fitSummary, recipientsOnce } from '../../domain/ui-summary';

/** An instant in the company's zone: "2026-12-08 09:00". */
function local(ms: number, timeZone: string): string {
  return dateFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(ms));
}

/** What falls due at `wakeMs`: the customer's notice or the next overdue level. */
export function maintenanceTimerSummary(
  state: MaintenanceState,
  input: MaintenanceOrderInput,
  timeline: MaintenanceTimeline,
  wakeMs: number,
): string {
  const head = `maintenance visit ${input.serial} due ${input.dueDate}`;
  const when = local(wakeMs, input.timeZone);
  if (wakeMs === timeline.noticeAt && !state.noticeSentAt) return fitSummary(`${head} — customer notice at ${when}`);
  const level = state.escalationLevel + 1;
  const notify = input.settings.escalation[level - 1]?.notify ?? [];
  return fitSummary(
    `${head} — not recorded by then: overdue level ${level}${notify.length ? ` (${recipientsOnce(notify)})` : ''} at ${when}`,
  );
}

/** The current details: markdown a manager reads at a glance. */
export function maintenanceDetails(
  state: MaintenanceState,
  input: MaintenanceOrderInput,
  timeline: MaintenanceTimeline,
  nowMs: number,
): string {
  const { settings, customer } = input;
  const waits =
    state.phase === 'visited'
      ? 'nothing: the visit is recorded'
      : state.phase === 'awaiting_engineer'
        ? `an engineer assigned (${recipientsOnce(settings.assignRoles)})`
        : `the visit recorded with its checklist and the customer's signature (${recipientsOnce(settings.visitRoles)})`;
  const actions = openActions(state, settings);
  const lines = [
    `**Maintenance visit** of ${input.serial} (${input.productModel}), every ${input.intervalMonths} months`,
    '',
    `**Customer:** ${customer.name}, region ${customer.region}${customer.address ? `, ${customer.address}` : ''}`,
    '',
    `**Now:** ${maintenanceStatusLine(state, input, nowMs)}`,
    '',
    `**Waits for:** ${waits}`,
    '',
    `**Dates:** due ${input.dueDate}; customer notice ${state.noticeSentAt ? `sent ${local(Date.parse(state.noticeSentAt), input.timeZone)}` : `at ${local(timeline.noticeAt, input.timeZone)}`}; visit by ${addDays(input.dueDate, settings.visitWithinDays)}; escalation level ${state.escalationLevel} of ${settings.escalation.length}`,
  ];
  if (state.engineer)
    lines.push('', `**Engineer:** ${state.engineer.name} (${state.engineer.region}, ${state.engineer.qualification})`);
  if (actions.length)
    lines.push(
      '',
      `**Can be taken now:** ${actions.map((a) => `${a.action} (${recipientsOnce(a.roles)})`).join('; ')}`,
    );
  if (state.nextDueDate) lines.push('', `**Next visit due:** ${state.nextDueDate}`);
  return fitDetails(lines.join('\n'));
}
