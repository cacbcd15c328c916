/** Recall rows as the API reads them: one recall with its ledger's counts, and the list with filters. */
import { z } from 'zod';
import type { RecallCounts } from '../domain/recall-contract';
import { percentReached } from '../domain/recall/rules';
import type { PrismaClient } from '../infra/database';
import { SqlFilter } from './sql-filter';

/** Query of the recall list. */
export const recallListQuerySchema = z
  .object({
    state: z.enum(['tracing', 'notifying', 'monitoring', 'closed']).optional(),
    lot: z.string().max(100).optional(),
    serial: z.string().max(100).optional(),
    complaint: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
type RecallListQuery = z.infer<typeof recallListQuerySchema>;

type RecallRow = NonNullable<Awaited<ReturnType<PrismaClient['recall']['findUnique']>>>;

export function recallRow(prisma: PrismaClient, number: string) {
  return prisma.recall.findUnique({ where: { number } });
}

const COUNTS_SQL = `count(*)::int AS consignees,
  (count(*) FILTER (WHERE notice_status IN ('sent', 'uncertain')))::int AS notified,
  (count(*) FILTER (WHERE notice_status = 'uncertain'))::int AS uncertain,
  count(acknowledged_at)::int AS acknowledged, count(settled_at)::int AS settled,
  coalesce(sum(quantity_shipped), 0)::int AS "unitsShipped", coalesce(sum(quantity_on_hand), 0)::int AS "unitsOnHand",
  coalesce(sum(quantity_returned), 0)::int AS "unitsReturned", coalesce(sum(quantity_corrected), 0)::int AS "unitsCorrected",
  coalesce(sum(quantity_destroyed), 0)::int AS "unitsDestroyed"`;

/** The ledger's counts of one recall. */
export async function recallCounts(prisma: PrismaClient, number: string): Promise<RecallCounts> {
  const [row] = await prisma.$queryRawUnsafe<RecallCounts[]>(
    `SELECT ${COUNTS_SQL} FROM recall_consignee WHERE recall_number = $1`,
    number,
  );
  return row!;
}

export function recallView(row: RecallRow, counts: RecallCounts) {
  return {
    number: row.number,
    workflowId: row.workflowId,
    complaintNumber: row.complaintNumber,
    source: row.source,
    state: row.state,
    productModel: row.productModel,
    lots: row.lots,
    serials: row.serials,
    risk: row.risk,
    remedy: row.remedy,
    deadline: row.deadline.toISOString(),
    profileId: row.profileId,
    openedBy: row.openedBy,
    statusLine: row.statusLine,
    counts,
    percentReached: percentReached(counts),
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    closeReason: row.closeReason,
  };
}

/** Recalls, newest first, each with its counts (one statement for the page). */
export async function findRecalls(prisma: PrismaClient, q: RecallListQuery) {
  const filter = new SqlFilter();
  if (q.state) filter.add('r.state = ?', q.state);
  if (q.lot) filter.add('? = ANY(r.lots)', q.lot);
  if (q.serial) filter.add('? = ANY(r.serials)', q.serial);
  if (q.complaint) filter.add('r.complaint_number = ?', q.complaint);
  const [counted] = await prisma.$queryRawUnsafe<Array<{ total: number }>>(
    `SELECT count(*)::int AS total FROM recall r ${filter.where}`,
    ...filter.values,
  );
  const rows = await prisma.$queryRawUnsafe<Array<{ number: string } & RecallCounts>>(
    `SELECT r.number, c.* FROM recall r
     CROSS JOIN LATERAL (SELECT ${COUNTS_SQL} FROM recall_consignee WHERE recall_number = r.number) c
     ${filter.where} ORDER BY r.opened_at DESC, r.number LIMIT ${q.limit} OFFSET ${q.offset}`,
    ...filter.values,
  );
  const stored = await prisma.recall.findMany({ where: { number: { in: rows.map((r) => r.number) } } });
  const byNumber = new Map(stored.map((r) => [r.number, r]));
  return {
    total: counted?.total ?? 0,
    items: rows.map(({ number, ...counts }) => recallView(byNumber.get(number)!, counts)),
  };
}
