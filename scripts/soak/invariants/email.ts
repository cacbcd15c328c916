/**
 * email-once: the outbox and the mail catcher agree, matched on Message-ID (the outbox's own, sent as the
 * header). A row `sent` reached the catcher exactly once; no Message-ID reached it twice; nothing reached it that
 * no outbox row sent; a `pending` row (a retry will send it) has not arrived already; a `rejected` row never did.
 * An `uncertain` row (an attempt died mid-send: it may or may not have left, and is deliberately not resent)
 * arrived at most once, and is allowed only as the code surfaces it to staff: `GET /api/v1/outbox` lists the
 * oldest 500 uncertain rows (`?status=rejected` the rejected ones, alike), so a row beyond those 500 is not
 * surfaced and is a violation. Rows still `pending`/`sending` after the run settled are effects not carried
 * out: no-pending-effects reports them. A re-send by hand (or OUTBOX_UNCERTAIN_RESEND_MINUTES) sends the same
 * Message-ID again on purpose; the soak runs without either, so a second copy is always reported here.
 */
import type { CheckContext, InvariantOutcome, Violation } from './context';

const INVARIANT = 'email-once';
/** How many rows of one status GET /api/v1/outbox lists (api/outbox-routes.ts). */
const LISTED = 500;

const bare = (messageId: string) => messageId.trim().replace(/^<|>$/g, '');

export async function emailOnce(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const violation = (subject: string, detail: string) => violations.push({ invariant: INVARIANT, subject, detail });
  const rows = await ctx.prisma.outboxEmail.findMany({
    select: { id: true, messageId: true, status: true, idempotencyKey: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const caught = new Map<string, number>();
  for (const mail of ctx.caught) caught.set(bare(mail.messageId), (caught.get(bare(mail.messageId)) ?? 0) + 1);
  const rowIds = new Set(rows.map((r) => bare(r.messageId)));
  const position = { uncertain: 0, rejected: 0 };
  for (const row of rows) {
    const times = caught.get(bare(row.messageId)) ?? 0;
    const about = `${row.idempotencyKey} (${row.messageId})`;
    if (row.status === 'sent' && times !== 1)
      violation(row.id, times ? `sent, caught ${times}×: ${about}` : `marked sent, never caught: ${about}`);
    else if (row.status === 'pending' && times > 0)
      violation(row.id, `pending (to be sent again) but caught ${times}× already: ${about}`);
    else if (row.status === 'rejected' && times > 0) violation(row.id, `rejected but caught ${times}×: ${about}`);
    else if (row.status === 'uncertain' && times > 1) violation(row.id, `uncertain, caught ${times}×: ${about}`);
    if (row.status === 'uncertain' || row.status === 'rejected') {
      position[row.status] += 1;
      if (position[row.status] > LISTED)
        violation(row.id, `${row.status} beyond the ${LISTED} GET /api/v1/outbox?status=${row.status} lists: ${about}`);
    }
  }
  for (const [messageId, times] of caught)
    if (!rowIds.has(messageId)) violation(`<${messageId}>`, `caught ${times}× but no outbox row has this Message-ID`);
  const notes = (['uncertain', 'rejected'] as const)
    .filter((status) => position[status])
    .map((status) => `${position[status]} ${status} email(s), listed by GET /api/v1/outbox?status=${status}`);
  return { checked: rows.length, violations, notes };
}
