/**
 * The per-consignee ledger of a recall, written by staff: acknowledged (with the quantity still on hand),
 * units returned, corrected or destroyed, credit issued. Each action is one transaction on the consignee's
 * locked row with its audit event (once per Idempotency-Key); a consignee is settled once acknowledged and
 * every unit on hand dealt with. The ledger lives in PostgreSQL; the recall's workflow is signalled after.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../domain/roles';
import type { PrismaClient } from '../infra/database';
import type { Prisma } from '../generated/prisma/client';
import { ConflictError, NotFoundError } from './errors';

const note = z.string().trim().min(1).max(2_000).optional();
const units = z.number().int().min(1).max(100_000_000);

/** One schema per ledger action. */
export const LEDGER_ACTIONS = {
  acknowledge: z
    .object({
      quantityOnHand: z.number().int().min(0).max(100_000_000),
      channel: z.enum(['email', 'phone', 'letter', 'visit']).default('email'),
      note,
    })
    .strict(),
  return: z.object({ quantity: units, note }).strict(),
  correct: z.object({ quantity: units, note }).strict(),
  destroy: z.object({ quantity: units, note }).strict(),
  credit: z.object({ amount: z.number().positive().max(1e11).multipleOf(0.01), note }).strict(),
} as const;
export type LedgerAction = keyof typeof LEDGER_ACTIONS;
export const LEDGER_ACTION_NAMES = Object.keys(LEDGER_ACTIONS) as LedgerAction[];

type Consignee = Awaited<ReturnType<PrismaClient['recallConsignee']['findFirstOrThrow']>>;

/** A consignee as the API shows it. */
export function consigneeView(c: Consignee) {
  const dealt = c.quantityReturned + c.quantityCorrected + c.quantityDestroyed;
  return {
    ordinal: c.ordinal,
    name: c.name,
    email: c.email,
    language: c.language,
    shipTo: c.shipTo,
    lots: c.lots,
    serials: c.serials,
    quantityShipped: c.quantityShipped,
    firstShippedAt: c.firstShippedAt.toISOString(),
    lastShippedAt: c.lastShippedAt.toISOString(),
    notice: { status: c.noticeStatus, at: c.notifiedAt?.toISOString() ?? null, channel: c.channel },
    acknowledgedAt: c.acknowledgedAt?.toISOString() ?? null,
    quantityOnHand: c.quantityOnHand,
    quantityReturned: c.quantityReturned,
    quantityCorrected: c.quantityCorrected,
    quantityDestroyed: c.quantityDestroyed,
    quantityOpen: c.quantityOnHand === null ? null : Math.max(0, c.quantityOnHand - dealt),
    creditIssued: c.creditIssued?.toString() ?? null,
    settledAt: c.settledAt?.toISOString() ?? null,
    reminders: c.reminders,
    lastRemindedAt: c.lastRemindedAt?.toISOString() ?? null,
    escalatedAt: c.escalatedAt?.toISOString() ?? null,
  };
}

/** What an action changes on the row (or why it is refused now). */
function change(c: Consignee, action: LedgerAction, payload: Record<string, unknown>, now: Date) {
  const dealt = c.quantityReturned + c.quantityCorrected + c.quantityDestroyed;
  if (action === 'acknowledge') {
    if (c.acknowledgedAt)
      throw new ConflictError(`consignee ${c.ordinal} acknowledged on ${c.acknowledgedAt.toISOString()}`);
    const onHand = payload.quantityOnHand as number;
    return {
      acknowledgedAt: now,
      quantityOnHand: onHand,
      channel: c.channel ?? (payload.channel as string),
      onHand,
      dealt,
    };
  }
  if (!c.acknowledgedAt || c.quantityOnHand === null)
    throw new ConflictError(
      `consignee ${c.ordinal} has not acknowledged: record the acknowledgement (quantity on hand) first`,
    );
  if (action === 'credit')
    return { creditIssued: { increment: payload.amount as number }, onHand: c.quantityOnHand, dealt };
  const quantity = payload.quantity as number;
  const open = c.quantityOnHand - dealt;
  if (quantity > open) throw new ConflictError(`consignee ${c.ordinal} has ${open} units on hand not yet dealt with`);
  const field = { return: 'quantityReturned', correct: 'quantityCorrected', destroy: 'quantityDestroyed' }[action];
  return { [field]: { increment: quantity }, onHand: c.quantityOnHand, dealt: dealt + quantity };
}

/**
 * Applies one action to consignee `ordinal` of recall `number`; the same `key` again returns the consignee
 * as it is, without a second change.
 */
export async function applyLedgerAction(
  prisma: PrismaClient,
  input: { number: string; ordinal: number; action: LedgerAction; payload: unknown; actor: Actor; key?: string },
  now: Date,
) {
  const payload = LEDGER_ACTIONS[input.action].parse(input.payload ?? {}) as Record<string, unknown>;
  const eventKey = `api:${input.actor.id}:${input.number}:${input.ordinal}:${input.action}:${input.key ?? randomUUID()}`;
  return prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const locked = await tx.$queryRaw<Array<{ state: string }>>`
      SELECT r.state FROM recall_consignee c JOIN recall r ON r.number = c.recall_number
      WHERE c.recall_number = ${input.number} AND c.ordinal = ${input.ordinal} FOR UPDATE OF c`;
    if (!locked[0]) throw new NotFoundError(`recall ${input.number} has no consignee ${input.ordinal}`);
    const where = { recallNumber_ordinal: { recallNumber: input.number, ordinal: input.ordinal } };
    const current = await tx.recallConsignee.findUniqueOrThrow({ where });
    if (await tx.recallEvent.findUnique({ where: { eventKey } })) return { consignee: current, changed: false };
    if (locked[0].state === 'closed') throw new ConflictError(`recall ${input.number} is closed`);
    const { onHand, dealt, ...data } = change(current, input.action, payload, now);
    const settled = !current.settledAt && dealt >= onHand;
    const consignee = await tx.recallConsignee.update({
      where,
      data: { ...data, ...(settled && { settledAt: now }) },
    });
    await tx.recallEvent.create({
      data: {
        recallNumber: input.number,
        ordinal: input.ordinal,
        action: input.action,
        actorId: input.actor.id,
        actorRole: input.actor.role,
        data: payload as Prisma.InputJsonValue,
        eventKey,
        at: now,
      },
    });
    return { consignee, changed: true };
  });
}
