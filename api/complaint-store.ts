import { randomUUID } from 'node:crypto';
import { monthKey } from '../domain/complaint-number';
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

/** A unique violation on `field`, from a model query (P2002) or a raw one (P2010 with SQLSTATE 23505). */
function isUniqueViolation(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const meta = JSON.stringify(error.meta ?? {});
  const unique = error.code === 'P2002' || (error.code === 'P2010' && meta.includes('23505'));
  return unique && meta.includes(field);
}

/** The number and workflow ID of the `seq`-th complaint of `month`, in SQL: what `formatComplaintNumber` and
 * `complaintWorkflowId` compute (test/integration/numbering.test.ts holds them to it). */
function numberSql(month: string, seq: Prisma.Sql) {
  const number = Prisma.sql`${month} || '-' || lpad(${seq}::text, greatest(3, length(${seq}::text)), '0')`;
  return { number, workflowId: Prisma.sql`${complaintWorkflowId('')} || ${number}` };
}

/**
 * Stores a new complaint under the next number of its month in one statement: the month's counter row is
 * incremented and the complaint inserted together, so concurrent registrations get distinct numbers, a
 * failed insert leaves the counter as it was (a number is never handed out twice, none is skipped), and
 * the counter's row lock is held for one statement only, not across round trips.
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
  const { customer, product } = registration;
  const row = {
    id: randomUUID(),
    month,
    requestKey: options.requestKey ?? null,
    stage: 'registered',
    customerName: customer.name,
    customerEmail: customer.email,
    customerPhone: customer.phone ?? null,
    customerLanguage: customer.language,
    productModel: product.model,
    serialNumber: product.serialNumber ?? null,
    batchNumber: product.batchNumber ?? null,
    orderNumber: product.orderNumber ?? null,
    channel: registration.channel,
    description: registration.description,
    registration: registration as unknown as Prisma.JsonValue,
    quantityAffected: registration.quantityAffected,
    profileId: options.pinned.profile.id,
    profileVersion: options.pinned.profile.version,
    profileHash: options.pinned.hash,
    linkedFrom: options.linkedFrom ?? null,
    createdAt: options.now,
  };
  const { number, workflowId } = numberSql(month, Prisma.sql`seq.last_value`);
  try {
    const [inserted] = await prisma.$queryRaw<Array<{ number: string; sequence: number; workflow_id: string }>>`
      WITH seq AS (
        INSERT INTO complaint_sequence (month, last_value, updated_at) VALUES (${month}, 1, now())
        ON CONFLICT (month) DO UPDATE SET last_value = complaint_sequence.last_value + 1, updated_at = now()
        RETURNING last_value)
      INSERT INTO complaint (id, number, month, sequence, workflow_id, request_key, stage, customer_name,
        customer_email, customer_phone, customer_language, product_model, serial_number, batch_number,
        order_number, channel, description, registration, quantity_affected, profile_id, profile_version,
        profile_hash, linked_from, created_at, updated_at)
      SELECT ${row.id}::uuid, ${number}, ${month}, seq.last_value, ${workflowId}, ${row.requestKey},
        ${row.stage}, ${row.customerName}, ${row.customerEmail}, ${row.customerPhone}, ${row.customerLanguage},
        ${row.productModel}, ${row.serialNumber}, ${row.batchNumber}, ${row.orderNumber}, ${row.channel},
        ${row.description}, ${JSON.stringify(registration)}::jsonb, ${row.quantityAffected}, ${row.profileId},
        ${row.profileVersion}, ${row.profileHash}, ${row.linkedFrom}, ${options.now}, ${options.now}
      FROM seq
      RETURNING number, sequence, workflow_id`;
    const complaint: ComplaintRecord = {
      ...row,
      number: inserted!.number,
      sequence: Number(inserted!.sequence),
      workflowId: inserted!.workflow_id,
      severity: null,
      complaintType: null,
      department: null,
      cause: null,
      ownerRoles: [],
      closedAt: null,
      workflowStartedAt: null,
      acknowledgedAt: null,
      updatedAt: options.now,
    };
    return { complaint, created: true };
  } catch (error) {
    if (options.requestKey && isUniqueViolation(error, 'request_key')) {
      const existing = await prisma.complaint.findUnique({ where: { requestKey: options.requestKey } });
      if (existing) return { complaint: existing, created: false };
    }
    throw error;
  }
}
