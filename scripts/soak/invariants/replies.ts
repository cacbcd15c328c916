/**
 * reply-stored-once: every customer reply the inbound listener accepted (250) is on its complaint's record
 * exactly once, by its Message-ID — a redelivery after a dropped connection or a restart stores nothing new.
 */
import type { CheckContext, InvariantOutcome, Violation } from './context';

const INVARIANT = 'reply-stored-once';
const bare = (messageId: string) => messageId.replace(/^<|>$/g, '');

export async function replyStoredOnce(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const stored = await ctx.prisma.complaintReply.findMany({ select: { messageId: true, complaintNumber: true } });
  const byId = new Map<string, string[]>();
  for (const row of stored)
    byId.set(bare(row.messageId), [...(byId.get(bare(row.messageId)) ?? []), row.complaintNumber]);
  for (const reply of ctx.log.replies) {
    const on = byId.get(bare(reply.messageId)) ?? [];
    const here = on.filter((number) => number === reply.number).length;
    if (here !== 1 || on.length !== 1)
      violations.push({
        invariant: INVARIANT,
        subject: reply.number,
        detail: `reply ${reply.messageId} accepted; stored ${here}× on it${on.length > here ? ` and on ${on.filter((n) => n !== reply.number).join(', ')}` : ''}`,
      });
  }
  return { checked: ctx.log.replies.length, violations };
}
