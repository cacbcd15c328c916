/**
 * The recall's activities: its row and audit trail, tracing the consignees of the recalled lots and serials
 * (shipment records, and complaints' own customers), the notices and reminders through the outbox (once per
 * consignee and round), the ledger's counts, the silent consignees at the deadline.
 */
import { Context } from '@temporalio/activity';
import { recallSubject, type RecallCounts } from '../domain/recall-contract';
import type { Actor } from '../domain/roles';
import { insertRecall, type StoredRecallOpening } from '../infra/recall-rows';
import { permanentDatabaseFailure, type ActivityDeps } from './deps';
import { deliverThroughOutbox } from '../mail/outbox';
import { renderRecallNotice, type RecallLanguage } from '../mail/recall-notice';

/** A step of the recall as its workflow records it, with the list-view copy of where it stands. */
export interface RecordRecallInput {
  number: string;
  key: string;
  action: string;
  actor: Actor;
  data: unknown;
  at: string;
  state: string;
  statusLine: string;
  closedAt?: string;
  closeReason?: string;
}

/** What a notice says besides the consignee's own facts. */
export interface NoticeBatchInput {
  number: string;
  kind: 'notice' | 'reminder';
  /** The reminder's number (1, 2, …); 0 for the notice. */
  round: number;
  /** Consignees `from`..`to` (ordinals, inclusive). */
  from: number;
  to: number;
  productModel: string | null;
  risk: string;
  remedy: string;
  deadline: string;
}

export interface NoticeBatchResult {
  sent: number;
  uncertain: number;
  rejected: number;
}

function answerAddress(deps: ActivityDeps): { email: string; phone?: string } {
  const configured = deps.recallAnswer;
  if (configured) return configured;
  const from = /<([^>]+)>/.exec(deps.mailFrom ?? '')?.[1] ?? deps.mailFrom ?? 'complaints@example.com';
  return { email: from };
}

/** The rendered notice, or undefined when its facts cannot make one (RangeError from the renderer). */
function renderOrRefuse<T>(render: () => T): T | undefined {
  try {
    return render();
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The recall's activities, by what they do; the names are the activities' names. */
export function createRecallActivities(deps: ActivityDeps) {
  return {
    ...createRecallRowActivities(deps),
    ...createConsigneeTraceActivities(deps),
    ...createRecallNoticeActivities(deps),
    ...createRecallLedgerActivities(deps),
  };
}

/** The recall's row and its audit trail. */
function createRecallRowActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /** Numbers and stores the recall a complaint starts (the same one on a retry). */
    async openRecallOfComplaint(input: { requestKey: string; opening: StoredRecallOpening }): Promise<string> {
      try {
        const opened = await insertRecall(
          prisma,
          { requestKey: input.requestKey, timeZone: deps.timeZone, now: deps.now() },
          input.opening,
        );
        return opened.number;
      } catch (error) {
        throw permanentDatabaseFailure(error, input.opening.complaintNumber ?? input.requestKey);
      }
    },

    /** Records a step (once per key) and the list-view row; a late retry of an older step changes nothing. */
    async recordRecall(input: RecordRecallInput): Promise<void> {
      const at = new Date(input.at);
      const write = prisma.$transaction(async (tx) => {
        const created = await tx.recallEvent.createMany({
          data: [
            {
              recallNumber: input.number,
              action: input.action,
              actorId: input.actor.id,
              actorRole: input.actor.role,
              data: input.data ?? {},
              eventKey: input.key,
              at,
            },
          ],
          skipDuplicates: true,
        });
        if (!created.count) return;
        await tx.recall.updateMany({
          where: { number: input.number, updatedAt: { lte: at } },
          data: {
            state: input.state,
            statusLine: input.statusLine,
            updatedAt: at,
            ...(input.action === 'opened' && { workflowStartedAt: at }),
            ...(input.closedAt && { closedAt: new Date(input.closedAt), closeReason: input.closeReason }),
          },
        });
      });
      await write.catch((error: unknown) => {
        throw permanentDatabaseFailure(error, input.number);
      });
    },
  };
}

/** Tracing the consignees of the recalled lots and serials. */
function createConsigneeTraceActivities({ prisma }: ActivityDeps) {
  return {
    /**
     * Finds every consignee of the recalled lots and serials: shipment records grouped by customer email, and
     * customers who complained about those lots without a shipment record of theirs. Only consignees not yet
     * known are added, numbered after the known ones (tracing again after more shipment records came in). One
     * statement: a retry finds them stored and adds nothing.
     */
    async traceRecall(input: {
      number: string;
      productModel: string | null;
      lots: string[];
      serials: string[];
    }): Promise<number> {
      const { number, productModel, lots, serials } = input;
      await prisma.$executeRaw`
        WITH shipped AS (
          SELECT lower(customer_email) AS email, customer_name AS name, customer_language AS language, ship_to,
            lot, serial, quantity, shipped_at
          FROM shipment
          WHERE (lot = ANY(${lots}::text[]) OR serial = ANY(${serials}::text[]))
            AND (${productModel}::text IS NULL OR product_model = ${productModel}::text)
        ), complained AS (
          SELECT lower(customer_email) AS email, customer_name AS name, customer_language AS language,
            coalesce(nullif(registration->'customer'->>'region', ''), 'complaint ' || number) AS ship_to,
            batch_number AS lot,
            serial_number AS serial, quantity_affected AS quantity, created_at AS shipped_at
          FROM complaint
          WHERE (batch_number = ANY(${lots}::text[]) OR serial_number = ANY(${serials}::text[]))
            AND (${productModel}::text IS NULL OR product_model = ${productModel}::text)
            AND lower(customer_email) NOT IN (SELECT email FROM shipped)
        ), hits AS (
          SELECT * FROM shipped UNION ALL SELECT * FROM complained
        ), grouped AS (
          SELECT email, min(name) AS name, min(language) AS language,
            string_agg(DISTINCT ship_to, '; ') AS ship_to,
            array_remove(array_agg(DISTINCT lot), NULL) AS lots,
            array_remove(array_agg(DISTINCT serial), NULL) AS serials,
            sum(quantity)::int AS quantity, min(shipped_at) AS first_at, max(shipped_at) AS last_at
          FROM hits GROUP BY email
        )
        INSERT INTO recall_consignee (recall_number, ordinal, email, name, language, ship_to, lots, serials,
          quantity_shipped, first_shipped_at, last_shipped_at)
        SELECT ${number},
          (SELECT coalesce(max(ordinal), 0) FROM recall_consignee WHERE recall_number = ${number})
            + row_number() OVER (ORDER BY first_at, email),
          email, name, language, ship_to, lots, serials, quantity, first_at, last_at
        FROM grouped
        WHERE email NOT IN (SELECT email FROM recall_consignee WHERE recall_number = ${number})
        ON CONFLICT DO NOTHING`;
      const consignees = await prisma.recallConsignee.count({ where: { recallNumber: number } });
      await prisma.recall.update({ where: { number }, data: { consignees } });
      return consignees;
    },
  };
}

/** The consignees of the batch still owed the notice, or this round's reminder (those who have not acknowledged). */
function consigneesToNotify({ prisma }: ActivityDeps, input: NoticeBatchInput) {
  const { number, kind, round } = input;
  return prisma.recallConsignee.findMany({
    where: {
      recallNumber: number,
      ordinal: { gte: input.from, lte: input.to },
      ...(kind === 'notice' ? { noticeStatus: null } : { acknowledgedAt: null, reminders: { lt: round } }),
    },
    orderBy: { ordinal: 'asc' },
  });
}

type ConsigneeRow = Awaited<ReturnType<typeof consigneesToNotify>>[number];

/** The notice (or reminder) to one consignee, or undefined when its facts cannot make one. */
function noticeTo(
  deps: ActivityDeps,
  row: ConsigneeRow,
  input: NoticeBatchInput,
  answer: ReturnType<typeof answerAddress>,
) {
  const { number, kind, round } = input;
  return renderOrRefuse(() =>
    renderRecallNotice(
      kind,
      row.language as RecallLanguage,
      {
        recallNumber: number,
        consigneeName: row.name,
        productModel: input.productModel,
        lots: row.lots,
        serials: row.serials,
        quantity: row.quantityShipped,
        shipTo: row.shipTo,
        firstShippedAt: row.firstShippedAt.toISOString(),
        lastShippedAt: row.lastShippedAt.toISOString(),
        risk: input.risk,
        remedy: input.remedy,
        deadline: input.deadline,
        answer,
      },
      deps.timeZone,
      kind === 'reminder' ? round : undefined,
    ),
  );
}

/** A notice that cannot be written (facts missing) would fail on every retry: staff see it as rejected. */
async function refuseUnwritableNotice(deps: ActivityDeps, input: NoticeBatchInput, ordinal: number): Promise<void> {
  const { number, kind } = input;
  deps.logger.warn({ number, ordinal }, 'recall notice cannot be written; marked rejected');
  if (kind === 'notice')
    await deps.prisma.recallConsignee.updateMany({
      where: { recallNumber: number, ordinal, noticeStatus: null },
      data: { noticeStatus: 'rejected', channel: 'email' },
    });
}

/** Records on the consignee's row what became of its notice, or that it had this round's reminder. */
async function recordNoticeOutcome(
  deps: ActivityDeps,
  input: NoticeBatchInput,
  ordinal: number,
  status: keyof NoticeBatchResult,
): Promise<void> {
  const { number, kind, round } = input;
  const at = deps.now();
  const where = { recallNumber: number, ordinal };
  if (kind === 'notice')
    await deps.prisma.recallConsignee.updateMany({
      where: { ...where, noticeStatus: null },
      data: { noticeStatus: status, channel: 'email', ...(status !== 'rejected' && { notifiedAt: at }) },
    });
  else
    await deps.prisma.recallConsignee.updateMany({
      where: { ...where, reminders: { lt: round } },
      data: { reminders: round, lastRemindedAt: at },
    });
}

/** The notices and reminders, through the outbox. */
function createRecallNoticeActivities(deps: ActivityDeps) {
  return {
    /**
     * Sends the notice (or the `round`-th reminder to those who have not acknowledged) to consignees
     * `from`..`to`, through the outbox: once per consignee and round, whatever the retries. Heartbeats after
     * each, so a worker that dies mid-batch is noticed quickly; the retry skips what the outbox holds.
     */
    async sendRecallNotices(input: NoticeBatchInput): Promise<NoticeBatchResult> {
      const { number, kind, round } = input;
      const rows = await consigneesToNotify(deps, input);
      const result: NoticeBatchResult = { sent: 0, uncertain: 0, rejected: 0 };
      const answer = answerAddress(deps);
      for (const row of rows) {
        const email = noticeTo(deps, row, input, answer);
        if (!email) {
          await refuseUnwritableNotice(deps, input, row.ordinal);
          result.rejected += 1;
          continue;
        }
        const outcome = await deliverThroughOutbox(deps, {
          complaintNumber: null,
          about: recallSubject(number),
          event: kind === 'notice' ? 'notice' : `reminder-${round}`,
          recipient: row.email,
          language: row.language,
          ...email,
        });
        const status = outcome === 'already_sent' ? 'sent' : outcome;
        result[status] += 1;
        await recordNoticeOutcome(deps, input, row.ordinal, status);
        Context.current().heartbeat(row.ordinal);
      }
      return result;
    },
  };
}

/** The ledger's counts, and the consignees still silent at the deadline. */
function createRecallLedgerActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /** The ledger's counts, in one statement. */
    async recallCounts(input: { number: string }): Promise<RecallCounts> {
      const [row] = await prisma.$queryRaw<Array<Record<keyof RecallCounts, bigint | number | null>>>`
        SELECT count(*) AS consignees,
          count(*) FILTER (WHERE notice_status IN ('sent', 'uncertain')) AS notified,
          count(*) FILTER (WHERE notice_status = 'uncertain') AS uncertain,
          count(acknowledged_at) AS acknowledged, count(settled_at) AS settled,
          coalesce(sum(quantity_shipped), 0) AS "unitsShipped",
          coalesce(sum(quantity_on_hand), 0) AS "unitsOnHand",
          coalesce(sum(quantity_returned), 0) AS "unitsReturned",
          coalesce(sum(quantity_corrected), 0) AS "unitsCorrected",
          coalesce(sum(quantity_destroyed), 0) AS "unitsDestroyed"
        FROM recall_consignee WHERE recall_number = ${input.number}`;
      return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v ?? 0)])) as unknown as RecallCounts;
    },

    /** Marks the consignees still silent at the deadline; their number and the first few, for the escalation. */
    async markSilentConsignees(input: { number: string }): Promise<{ silent: number; sample: string[] }> {
      const at = deps.now();
      await prisma.recallConsignee.updateMany({
        where: { recallNumber: input.number, acknowledgedAt: null, escalatedAt: null },
        data: { escalatedAt: at },
      });
      const where = { recallNumber: input.number, acknowledgedAt: null };
      const [silent, first] = await Promise.all([
        prisma.recallConsignee.count({ where }),
        prisma.recallConsignee.findMany({ where, orderBy: { ordinal: 'asc' }, take: 20 }),
      ]);
      return { silent, sample: first.map((c) => `#${c.ordinal} ${c.name} (${c.shipTo})`) };
    },
  };
}
