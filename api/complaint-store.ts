import { formatComplaintNumber, monthKey } from '../domain/complaint-number';
import { complaintWorkflowId } from '../domain/complaint-contract';
import type { Registration } from '../domain/registration';
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../infra/database';
import type { PinnedProfile } from '../infra/profile-registry';

/** A stored complaint row. */
export type ComplaintRecord = Prisma.ComplaintGetPayload<object>;

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

function isUniqueViolation(error: unknown, field: string): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    error.code === 'P2002' &&
    JSON.stringify(error.meta ?? {}).includes(field)
  );
}

/**
 * Stores a new complaint under the next number of its month, in one transaction: the month's counter
 * row is incremented under its row lock, so concurrent registrations get distinct numbers, and a failed
 * insert rolls the counter back (a number is never handed out twice).
 * With a `requestKey` already used, returns the complaint stored under it instead (`created: false`).
 */
export async function insertComplaint(
  prisma: PrismaClient,
  registration: Registration,
  options: { requestKey?: string; now: Date; timeZone: string; pinned: PinnedProfile; linkedFrom?: string },
): Promise<{ complaint: ComplaintRecord; created: boolean }> {
  if (options.requestKey) {
    const existing = await prisma.complaint.findUnique({ where: { requestKey: options.requestKey } });
    if (existing) return { complaint: existing, created: false };
  }
  const month = monthKey(options.now, options.timeZone);
  try {
    const complaint = await prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ last_value: number }[]>`
        INSERT INTO complaint_sequence (month, last_value, updated_at) VALUES (${month}, 1, now())
        ON CONFLICT (month) DO UPDATE SET last_value = complaint_sequence.last_value + 1, updated_at = now()
        RETURNING last_value`;
        const sequence = Number(rows[0]!.last_value);
        const number = formatComplaintNumber(month, sequence);
        return tx.complaint.create({
          data: {
            number,
            month,
            sequence,
            workflowId: complaintWorkflowId(number),
            requestKey: options.requestKey ?? null,
            stage: 'registered',
            customerName: registration.customer.name,
            customerEmail: registration.customer.email,
            customerPhone: registration.customer.phone ?? null,
            customerLanguage: registration.customer.language,
            productModel: registration.product.model,
            serialNumber: registration.product.serialNumber ?? null,
            batchNumber: registration.product.batchNumber ?? null,
            orderNumber: registration.product.orderNumber ?? null,
            channel: registration.channel,
            description: registration.description,
            quantityAffected: registration.quantityAffected,
            profileId: options.pinned.profile.id,
            profileVersion: options.pinned.profile.version,
            profileHash: options.pinned.hash,
            linkedFrom: options.linkedFrom ?? null,
            registration: registration,
            createdAt: options.now,
          },
        });
        // Under a burst of registrations the pool is the queue: wait for a connection rather than fail.
      },
      { maxWait: 20_000, timeout: 20_000 },
    );
    return { complaint, created: true };
  } catch (error) {
    if (options.requestKey && isUniqueViolation(error, 'request_key')) {
      const existing = await prisma.complaint.findUnique({ where: { requestKey: options.requestKey } });
      if (existing) return { complaint: existing, created: false };
    }
    throw error;
  }
}
