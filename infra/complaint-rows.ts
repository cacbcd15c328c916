/**
 * A complaint's row: numbered from its month's sequence and stored in one statement, once per request key;
 * and the input its workflow starts with. The API registers complaints through these, and so does the
 * worker when a procedure opens a new complaint by itself (004 §5.3 b): a customer still not satisfied).
 */
import { randomUUID } from 'node:crypto';
import { monthKey } from '../domain/complaint-number';
import { complaintWorkflowId, type ComplaintWorkflowInput } from '../domain/complaint-contract';
import type { Registration } from '../domain/registration';
import type { Actor, Role } from '../domain/roles';
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './database';
import type { PinnedProfile } from './profile-registry';

/** A stored complaint row. */
export type ComplaintRecord = Prisma.ComplaintGetPayload<object>;

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
  options: {
    requestKey?: string;
    now: Date;
    timeZone: string;
    pinned: PinnedProfile;
    linkedFrom?: string;
    registeredBy?: Actor;
  },
): Promise<{ complaint: ComplaintRecord; created: boolean }> {
  await storeProfileVersion(prisma, options.pinned);
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
    registeredById: options.registeredBy?.id ?? null,
    registeredByRole: options.registeredBy?.role ?? null,
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
        profile_hash, linked_from, registered_by_id, registered_by_role, created_at, updated_at)
      SELECT ${row.id}::uuid, ${number}, ${month}, seq.last_value, ${workflowId}, ${row.requestKey},
        ${row.stage}, ${row.customerName}, ${row.customerEmail}, ${row.customerPhone}, ${row.customerLanguage},
        ${row.productModel}, ${row.serialNumber}, ${row.batchNumber}, ${row.orderNumber}, ${row.channel},
        ${row.description}, ${JSON.stringify(registration)}::jsonb, ${row.quantityAffected}, ${row.profileId},
        ${row.profileVersion}, ${row.profileHash}, ${row.linkedFrom}, ${row.registeredById}, ${row.registeredByRole},
        ${options.now}, ${options.now}
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

/** Profile versions already stored by this process (a registration writes its version once). */
const storedVersions = new Set<string>();

/** Stores the profile version a complaint is registered under, by its hash (once; the workflow loads it). */
export async function storeProfileVersion(prisma: PrismaClient, pinned: PinnedProfile): Promise<void> {
  if (storedVersions.has(pinned.hash)) return;
  await prisma.profileVersion.createMany({
    data: [
      {
        hash: pinned.hash,
        profileId: pinned.profile.id,
        version: pinned.profile.version,
        profile: pinned.profile,
      },
    ],
    skipDuplicates: true,
  });
  storedVersions.add(pinned.hash);
}

/** The input a stored complaint's workflow starts with: its pinned profile by reference (the workflow loads it). */
export function complaintWorkflowInput(complaint: ComplaintRecord, pinned: PinnedProfile): ComplaintWorkflowInput {
  const registration = complaint.registration as unknown as Registration;
  return {
    number: complaint.number,
    registeredAt: complaint.createdAt.toISOString(),
    ...(registration.receivedAt && { receivedAt: new Date(registration.receivedAt).toISOString() }),
    customerName: complaint.customerName,
    productModel: complaint.productModel,
    batchNumber: complaint.batchNumber ?? undefined,
    ...(registration.customer.region && { region: registration.customer.region }),
    channel: complaint.channel,
    warranty: registration.product.warrantyStatus,
    quantityAffected: complaint.quantityAffected,
    facts: registration.facts ?? {},
    profileRef: {
      id: pinned.profile.id,
      version: pinned.profile.version,
      hash: pinned.hash,
      name: pinned.profile.name,
    },
    profileHash: pinned.hash,
    ...(complaint.registeredById &&
      complaint.registeredByRole && {
        registeredBy: { id: complaint.registeredById, role: complaint.registeredByRole as Role },
      }),
  };
}

/** The registration of the complaint `from` is taken up as: the same customer and product, the reason first. */
export function linkedRegistration(registration: Registration, from: string, reason: string): Registration {
  return { ...registration, description: `${reason}\n\n(reopened from ${from}) ${registration.description}` };
}
