/**
 * Repeats (issue 13, item 4): the earlier complaints of the same unit (serial), of the same lot (batch of the
 * same model), or of the same model with the same cause (once diagnosed). One query over three indexes
 * (complaint.serial_number, complaint.batch_number, complaint.product_model + cause).
 */
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './database';

export type RepeatReason = 'same_serial' | 'same_lot' | 'same_model_and_cause';

/** An earlier complaint related to this one, and why. */
export interface RelatedComplaint {
  number: string;
  stage: string;
  productModel: string;
  cause: string | null;
  createdAt: string;
  closedAt: string | null;
  reasons: RepeatReason[];
  link: string;
}

/** What a complaint is matched on. */
export interface RepeatKeys {
  number: string;
  productModel: string;
  serialNumber: string | null;
  batchNumber: string | null;
  cause: string | null;
  createdAt: Date;
}

/** The earlier complaints related to `keys` (the latest first, at most `limit`). */
export async function relatedComplaints(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  keys: RepeatKeys,
  limit = 20,
): Promise<RelatedComplaint[]> {
  const { number, productModel: model, serialNumber: serial, batchNumber: batch, cause } = keys;
  const matches = [
    serial ? Prisma.sql`serial_number = ${serial}` : undefined,
    batch ? Prisma.sql`(batch_number = ${batch} AND product_model = ${model})` : undefined,
    cause ? Prisma.sql`(product_model = ${model} AND cause = ${cause})` : undefined,
  ].filter((m): m is Prisma.Sql => m !== undefined);
  if (!matches.length) return [];
  const rows = await prisma.$queryRaw<
    Array<{
      number: string;
      stage: string;
      product_model: string;
      cause: string | null;
      created_at: Date;
      closed_at: Date | null;
      same_serial: boolean;
      same_lot: boolean;
      same_cause: boolean;
    }>
  >`
    SELECT number, stage, product_model, cause, created_at, closed_at,
      coalesce(serial_number = ${serial}, false) AS same_serial,
      coalesce(batch_number = ${batch} AND product_model = ${model}, false) AS same_lot,
      coalesce(product_model = ${model} AND cause = ${cause}, false) AS same_cause
    FROM complaint
    WHERE number <> ${number} AND created_at <= ${keys.createdAt} AND (${Prisma.join(matches, ' OR ')})
    ORDER BY created_at DESC, number DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({
    number: r.number,
    stage: r.stage,
    productModel: r.product_model,
    cause: r.cause,
    createdAt: r.created_at.toISOString(),
    closedAt: r.closed_at?.toISOString() ?? null,
    reasons: [
      ...(r.same_serial ? (['same_serial'] as const) : []),
      ...(r.same_lot ? (['same_lot'] as const) : []),
      ...(r.same_cause ? (['same_model_and_cause'] as const) : []),
    ],
    link: `/api/v1/complaints/${r.number}`,
  }));
}
