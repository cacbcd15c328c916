/**
 * backfill-once: every month the monthly report was backfilled for ended well however often it ran — each run
 * of `monthly-report-<month>` completed (none failed, timed out or was terminated), and its emails (the
 * management's) are in the outbox once per event and recipient, `sent` (or `uncertain`, surfaced as email-once says), never `rejected`.
 */
import { monthlyReportSubject, monthlyReportWorkflowId } from '../../../domain/monthly-report-contract';
import type { CheckContext, InvariantOutcome, Violation } from './context';

const INVARIANT = 'backfill-once';

export async function backfillOnce(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const months = [...new Set(ctx.log.reportRuns.map((r) => r.month))].sort();
  for (const month of months) {
    const wrong = (detail: string) => violations.push({ invariant: INVARIANT, subject: month, detail });
    const runs = await ctx.workflows(`WorkflowId = '${monthlyReportWorkflowId(month)}'`);
    const ended = runs.map((r) => r.status.name);
    if (!ended.includes('COMPLETED'))
      wrong(`a backfill finished, but no run completed (runs: ${ended.join(', ') || 'none'})`);
    for (const status of ended.filter((s) => s !== 'COMPLETED' && s !== 'RUNNING')) wrong(`a run ended ${status}`);
    const subject = monthlyReportSubject(month);
    const emails = await ctx.prisma.outboxEmail.findMany({
      where: { subjectKind: subject.kind, subjectId: subject.id },
      select: { event: true, recipient: true, status: true },
    });
    if (!emails.length) wrong('a backfill finished, but its management email is not in the outbox');
    const sent = emails.map((e) => `${e.event} to ${e.recipient.toLowerCase()}`);
    if (new Set(sent).size !== sent.length) wrong(`the report's emails more than once: ${sent.join(', ')}`);
    for (const email of emails.filter((e) => e.status !== 'sent' && e.status !== 'uncertain'))
      wrong(`the management email to ${email.recipient} is ${email.status}`);
  }
  return { checked: months.length, violations };
}
