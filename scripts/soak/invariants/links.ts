/**
 * link-answered-once: a customer's decision link decides once. Each answer the page confirmed has its use row
 * (`customer_link_use`, by the link's id `jti`) on its complaint and purpose; a use row is one answer the
 * complaint's workflow heard (its `linkAnswerOutcome` query knows the link: a row whose signal never arrived is
 * a link burnt without effect); and no link is audited more than once (audit actor `customer-link:<jti>`).
 */
import { complaintWorkflowId, linkAnswerOutcomeQuery } from '../../../domain/complaint-contract';
import { unanswered, type CheckContext, type InvariantOutcome, type Violation } from './context';

const INVARIANT = 'link-answered-once';
const LINK_ACTOR = 'customer-link:';

export async function linkAnsweredOnce(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const violation = (subject: string, detail: string) => violations.push({ invariant: INVARIANT, subject, detail });
  const uses = await ctx.prisma.customerLinkUse.findMany({
    select: { jti: true, complaintNumber: true, purpose: true },
  });
  const byJti = new Map(uses.map((u) => [u.jti, u]));
  const logged = new Map(ctx.log.linkAnswers.map((a) => [a.jti, a]));
  for (const answer of logged.values()) {
    const use = byJti.get(answer.jti);
    if (!use) violation(answer.number, `link ${answer.jti} (${answer.purpose}) answered but it has no use row`);
    else if (use.complaintNumber !== answer.number || use.purpose !== answer.purpose)
      violation(
        answer.number,
        `link ${answer.jti} answered ${answer.purpose} of ${answer.number}; its use row says ${use.purpose} of ${use.complaintNumber}`,
      );
  }
  const audited = await ctx.prisma.auditEntry.groupBy({
    by: ['complaintNumber', 'actorId'],
    where: { actorId: { startsWith: LINK_ACTOR } },
    _count: { _all: true },
  });
  for (const row of audited)
    if (row._count._all > 1)
      violation(row.complaintNumber, `link ${row.actorId.slice(LINK_ACTOR.length)} audited ${row._count._all}×`);
  await ctx.each(uses, async (use) => {
    const handle = ctx.handle(complaintWorkflowId(use.complaintNumber));
    const outcome = await ctx.ask(() => handle.query(linkAnswerOutcomeQuery, use.jti));
    if (!outcome.ok) violation(use.complaintNumber, `link ${use.jti}: outcome query: ${unanswered(outcome)}`);
    else if (outcome.value === null)
      violation(use.complaintNumber, `link ${use.jti} is used, but the workflow never heard its answer`);
  });
  return { checked: new Set([...byJti.keys(), ...logged.keys()]).size, violations };
}
