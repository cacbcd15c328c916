/**
 * What a manager reads of a recall in the Temporal Web UI: its current details (what is recalled and why,
 * where it stands, what it waits for, in markdown) and the summary of the timer it sleeps on ("recall
 * reminder round 2 at 2026-12-10 09:00 — 88 consignees silent").
 */
import { recalledItems, type RecallInput, type RecallProgress } from '../../domain/recall-contract';
import { percentReached, recallStatusLine, silent } from '../../domain/recall/rules';
import { localTime } from '../../domain/local-time';
import { fitDetails, fitSummary, recipientsOnce } from '../../domain/ui-summary';

const at = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/** What falls due at `wakeMs` (the recall's next wake), in words. */
export function recallTimerSummary(progress: RecallProgress, input: RecallInput, wakeMs: number): string {
  const when = localTime(new Date(wakeMs).toISOString(), input);
  const what: string[] = [];
  if (at(progress.nextReportAt) === wakeMs)
    what.push(`status report ${progress.reportsSent + 1} to ${recipientsOnce(input.settings.statusReportTo)}`);
  if (progress.phase === 'monitoring') {
    if (at(progress.nextReminderAt) === wakeMs) what.push(`recall reminder round ${progress.remindersSent + 1}`);
    if (!progress.escalatedAt && Date.parse(input.deadline) === wakeMs)
      what.push(`answer deadline — silent consignees escalated to ${recipientsOnce(input.settings.escalateTo)}`);
  }
  const silentNow = progress.phase === 'monitoring' ? ` (${silent(progress.counts)} consignees silent now)` : '';
  return fitSummary(`Recall ${input.number}: ${what.length ? what.join('; ') : 'next step'} at ${when}${silentNow}`);
}

function waitsFor(progress: RecallProgress, input: RecallInput): string {
  switch (progress.phase) {
    case 'tracing':
      return 'the consignees traced from the shipment records';
    case 'notifying':
      return `the notices to go out (${progress.noticesThrough}/${progress.counts.consignees} sent)`;
    case 'monitoring': {
      const next = [
        progress.nextReminderAt &&
          `reminder round ${progress.remindersSent + 1} ${localTime(progress.nextReminderAt, input)}`,
        `status report ${progress.reportsSent + 1} ${localTime(progress.nextReportAt, input)}`,
        !progress.escalatedAt && `answer deadline ${localTime(input.deadline, input)}`,
      ].filter(Boolean);
      return `answers from ${silent(progress.counts)} silent consignees (staff record them); next: ${next.join(', ')}`;
    }
    default:
      return 'nothing: closed';
  }
}

/** The current details: markdown a manager reads at a glance. */
export function recallDetails(progress: RecallProgress, input: RecallInput): string {
  const { counts } = progress;
  const lines = [
    `**Recall ${input.number}** of ${recalledItems(input.lots, input.serials)}${input.productModel ? ` (${input.productModel})` : ''}${input.complaintNumber ? ` — from complaint ${input.complaintNumber}` : ''}`,
    '',
    `**Risk:** ${input.risk}`,
    '',
    `**Remedy:** ${input.remedy}`,
    '',
    `**Now:** ${recallStatusLine(progress, input)}`,
    '',
    `**Waits for:** ${waitsFor(progress, input)}`,
    '',
    `**Consignees:** ${counts.consignees}; notified ${counts.notified}${counts.uncertain ? ` (${counts.uncertain} uncertain)` : ''}; acknowledged ${counts.acknowledged} (${percentReached(counts)}%); settled ${counts.settled}`,
    '',
    `**Units:** shipped ${counts.unitsShipped}, on hand ${counts.unitsOnHand}, returned ${counts.unitsReturned}, corrected ${counts.unitsCorrected}, destroyed ${counts.unitsDestroyed}`,
    '',
    `**Reminders sent:** ${progress.remindersSent} of ${input.settings.maxReminders}; **status reports:** ${progress.reportsSent}; **answer deadline:** ${localTime(input.deadline, input)}${progress.escalatedAt ? ' (passed, silent ones escalated)' : ''}`,
  ];
  if (progress.closedAt)
    lines.push('', `**Closed:** ${localTime(progress.closedAt, input)} — ${progress.closeReason ?? ''}`);
  return fitDetails(lines.join('\n'));
}
