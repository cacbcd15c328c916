import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../infra/database';
import type { ComplaintRecord } from '../infra/complaint-rows';

export { insertComplaint, type ComplaintRecord } from '../infra/complaint-rows';

/** Filters of the complaint list. */
export interface ComplaintFilter {
  number?: string;
  customer?: string;
  severity?: string;
  stage?: string;
  department?: string;
  profile?: string;
  batch?: string;
  overdue?: boolean;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/**
 * "Overdue" — the one meaning outside the workflow: a running clock (not met, not paused) past its due time.
 * A paused clock is not: its due time moves on by the pause when it resumes. The workflow's `overdue` and
 * `ComplaintOverdue` say the same from its timers (a clock breached at its due time and not met).
 */
export function overdueClock(now: Date): Prisma.SlaClockWhereInput {
  return { metAt: null, pausedAt: null, dueAt: { lte: now } };
}

/**
 * One page of the complaint list, newest first, with the total of every match. Every filter, overdue
 * included (EXISTS over the complaint's clocks), is applied in SQL before the page is cut.
 */
export async function findComplaints(
  prisma: PrismaClient,
  filter: ComplaintFilter,
  now: Date,
): Promise<{ total: number; rows: ComplaintRecord[] }> {
  const overdue =
    filter.overdue === undefined
      ? undefined
      : filter.overdue
        ? { some: overdueClock(now) }
        : { none: overdueClock(now) };
  const where: Prisma.ComplaintWhereInput = {
    number: filter.number,
    customerName: filter.customer ? { contains: filter.customer, mode: 'insensitive' } : undefined,
    severity: filter.severity,
    stage: filter.stage,
    department: filter.department,
    profileId: filter.profile,
    batchNumber: filter.batch,
    createdAt: filter.from || filter.to ? { gte: filter.from, lte: filter.to } : undefined,
    clocks: overdue,
  };
  const [total, rows] = await Promise.all([
    prisma.complaint.count({ where }),
    prisma.complaint.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { number: 'desc' }],
      take: filter.limit,
      skip: filter.offset,
    }),
  ]);
  return { total, rows };
}
