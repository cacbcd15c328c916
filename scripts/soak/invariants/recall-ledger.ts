/**
 * recall-ledger: each recall's counts, counted here from its `recall_consignee` rows (the rules of
 * api/recall-store.ts's COUNTS_SQL, written again so the checker does not read through the code it checks),
 * equal the counts its workflow's status query reports (the workflow reads them again whenever the API tells it
 * the ledger changed). A count that differs is read once more after a moment before it is reported: the
 * ledger-changed signal and the workflow's re-count are asynchronous.
 */
import { recallStatusQuery, recallWorkflowId, type RecallCounts } from '../../../domain/recall-contract';
import { unanswered, type CheckContext, type InvariantOutcome, type Violation } from './context';

const INVARIANT = 'recall-ledger';
const FIELDS: Array<keyof RecallCounts> = [
  'consignees',
  'notified',
  'uncertain',
  'acknowledged',
  'settled',
  'unitsShipped',
  'unitsOnHand',
  'unitsReturned',
  'unitsCorrected',
  'unitsDestroyed',
];
const RECHECK_AFTER_MS = 1_000;

type Ledger = RecallCounts & { recall: string };

/** The ledger's counts of every recall, or of `only`. */
async function ledgers(ctx: CheckContext, only: string | null = null): Promise<Map<string, RecallCounts>> {
  const rows = await ctx.prisma.$queryRaw<Ledger[]>`
    SELECT r.number AS recall,
      count(c.ordinal)::int AS consignees,
      (count(*) FILTER (WHERE c.notice_status = 'sent' OR c.notice_status = 'uncertain'))::int AS notified,
      (count(*) FILTER (WHERE c.notice_status = 'uncertain'))::int AS uncertain,
      count(c.acknowledged_at)::int AS acknowledged,
      count(c.settled_at)::int AS settled,
      coalesce(sum(c.quantity_shipped), 0)::int AS "unitsShipped",
      coalesce(sum(c.quantity_on_hand), 0)::int AS "unitsOnHand",
      coalesce(sum(c.quantity_returned), 0)::int AS "unitsReturned",
      coalesce(sum(c.quantity_corrected), 0)::int AS "unitsCorrected",
      coalesce(sum(c.quantity_destroyed), 0)::int AS "unitsDestroyed"
    FROM recall r LEFT JOIN recall_consignee c ON c.recall_number = r.number
    WHERE ${only}::text IS NULL OR r.number = ${only}
    GROUP BY r.number`;
  return new Map(rows.map(({ recall, ...counts }) => [recall, counts]));
}

const differences = (ledger: RecallCounts, live: RecallCounts) =>
  FIELDS.filter((f) => ledger[f] !== live[f]).map((f) => `${f} ledger ${ledger[f]}, workflow ${live[f]}`);

export async function recallLedger(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const violation = (subject: string, detail: string) => violations.push({ invariant: INVARIANT, subject, detail });
  const counted = await ledgers(ctx);
  await ctx.each([...counted.entries()], async ([number, ledger]) => {
    const live = await ctx.recallStatus(number);
    if (!live.ok) return violation(number, `status query: ${unanswered(live)}`);
    if (!differences(ledger, live.value.counts).length) return;
    await new Promise((resolve) => setTimeout(resolve, RECHECK_AFTER_MS));
    const again = (await ledgers(ctx, number)).get(number);
    const stillLive = await ctx.ask(() => ctx.handle(recallWorkflowId(number)).query(recallStatusQuery));
    const now = again && stillLive.ok ? differences(again, stillLive.value.counts) : ['recall gone'];
    if (now.length) violation(number, now.join('; '));
  });
  return { checked: counted.size, violations };
}
