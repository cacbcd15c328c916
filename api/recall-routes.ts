/**
 * Recalls over HTTP: start one (the quality manager), list and read them (stored row, ledger counts, live
 * status), the per-consignee ledger (read, and each consignee's acknowledgement, returns, corrections,
 * destruction, credit), close one by hand. Complaints start their own (profile trigger or `decideRecall`).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  closeRecallUpdate,
  isRecallNumber,
  recallLedgerChangedSignal,
  recallStatusQuery,
  recallWorkflowId,
  retraceRecallUpdate,
  type RecallStatus,
} from '../domain/recall-contract';
import type { Logger } from '../infra/logger';
import { actorOf, requireRole } from './auth';
import { idempotencyKeySchema } from './complaint-routes';
import { NO_ANSWER_IN_TIME, QUERY_DEADLINE_MS, UPDATE_DEADLINE_MS, whyNoLiveStatus } from './complaint-service';
import { ConflictError, NotFoundError } from './errors';
import { applyLedgerAction, consigneeView, LEDGER_ACTION_NAMES, type LedgerAction } from './recall-ledger';
import { openRecall, recallOpeningSchema, type RecallOpeningDeps } from '../infra/recall-opening';
import { recallCounts, recallRow, recallView, findRecalls, recallListQuerySchema } from './recall-store';
import { within } from './within';

const LEDGER_ROLES = ['quality_manager', 'sales', 'customer_service'] as const;

/** Query of a recall's ledger. */
export const ledgerQuerySchema = z
  .object({
    status: z.enum(['all', 'silent', 'unsettled', 'settled', 'uncertain', 'escalated']).default('all'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

const LEDGER_FILTERS = {
  all: {},
  silent: { acknowledgedAt: null },
  unsettled: { settledAt: null },
  settled: { settledAt: { not: null } },
  uncertain: { noticeStatus: 'uncertain' },
  escalated: { escalatedAt: { not: null }, acknowledgedAt: null },
} as const;

const closeSchema = z.object({ reason: z.string().trim().min(1).max(5_000) }).strict();

function recallNumber(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || !isRecallNumber(value))
    throw new NotFoundError(`no recall numbered ${String(value)}`);
  return value;
}

/** The consignee's ordinal of the path (1…), or 404. */
function consigneeOrdinal(number: string, value: string | string[] | undefined): number {
  const ordinal = z.coerce.number().int().min(1).max(2_147_483_647).safeParse(value);
  if (!ordinal.success) throw new NotFoundError(`recall ${number} has no consignee ${String(value)}`);
  return ordinal.data;
}

function ledgerAction(value: string | string[] | undefined): LedgerAction {
  const action = value as LedgerAction;
  if (!LEDGER_ACTION_NAMES.includes(action))
    throw new NotFoundError(`no ledger action ${String(value)}; actions: ${LEDGER_ACTION_NAMES.join(', ')}`);
  return action;
}

/** What the recall routes are built over. */
type RecallRouteDeps = RecallOpeningDeps & { logger: Logger };

/** The handlers of the recall routes, one method per route. */
class RecallHandlers {
  constructor(private readonly deps: RecallRouteDeps) {}

  /** POST /: starts a recall (201 started, 202 stored but not started yet, 200 started before). */
  async open(req: Request, res: Response) {
    const { prisma } = this.deps;
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const body = recallOpeningSchema.parse(req.body ?? {});
    const actor = actorOf(res);
    const opened = await openRecall(this.deps, body, actor, key && `${actor.id}:${key}`);
    const status = !opened.created ? 200 : opened.started ? 201 : 202;
    const row = await recallRow(prisma, opened.number);
    res
      .status(status)
      .location(`/api/v1/recalls/${opened.number}`)
      .json(recallView(row!, await recallCounts(prisma, opened.number)));
  }

  /** GET /: the list, filtered. */
  async list(req: Request, res: Response) {
    res.json(await findRecalls(this.deps.prisma, recallListQuerySchema.parse(req.query)));
  }

  /** GET /:number: the stored row, its ledger's counts, its events and the live status. */
  async read(req: Request, res: Response) {
    const { prisma } = this.deps;
    const number = recallNumber(req.params.number);
    const row = await recallRow(prisma, number);
    if (!row) throw new NotFoundError(`recall ${number} does not exist`);
    const [counts, events, { live, reason }] = await Promise.all([
      recallCounts(prisma, number),
      prisma.recallEvent.findMany({ where: { recallNumber: number, ordinal: null }, orderBy: { at: 'asc' } }),
      this.readLive(number),
    ]);
    res.json({
      ...recallView(row, counts),
      events: events.map((e) => ({
        action: e.action,
        actor: { id: e.actorId, role: e.actorRole },
        data: e.data,
        at: e.at.toISOString(),
      })),
      live,
      ...(reason && { liveUnavailable: reason }),
    });
  }

  /** GET /:number/consignees: the ledger, a page of it, filtered by status. */
  async consignees(req: Request, res: Response) {
    const { prisma } = this.deps;
    const number = recallNumber(req.params.number);
    const q = ledgerQuerySchema.parse(req.query);
    if (!(await recallRow(prisma, number))) throw new NotFoundError(`recall ${number} does not exist`);
    const where = { recallNumber: number, ...LEDGER_FILTERS[q.status] };
    const [total, rows] = await Promise.all([
      prisma.recallConsignee.count({ where }),
      prisma.recallConsignee.findMany({ where, orderBy: { ordinal: 'asc' }, take: q.limit, skip: q.offset }),
    ]);
    res.json({ total, items: rows.map(consigneeView) });
  }

  /** POST /:number/consignees/:ordinal/:action: a consignee's acknowledgement, returns, correction, … */
  async consigneeAction(req: Request, res: Response) {
    const number = recallNumber(req.params.number);
    const ordinal = consigneeOrdinal(number, req.params.ordinal);
    const action = ledgerAction(req.params.action);
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const done = await applyLedgerAction(
      this.deps.prisma,
      { number, ordinal, action, payload: req.body, actor: actorOf(res), key },
      this.deps.now(),
    );
    if (done.changed) this.ledgerChanged(number);
    res.json(consigneeView(done.consignee));
  }

  /** POST /:number/retrace: shipment records imported since the recall started; the new consignees get their notice. */
  async retrace(req: Request, res: Response) {
    const number = recallNumber(req.params.number);
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const actor = actorOf(res);
    const live = await this.updateRecall(number, () =>
      this.deps.temporal.workflow.getHandle(recallWorkflowId(number)).executeUpdate(retraceRecallUpdate, {
        args: [{ actor }],
        updateId: key && `recall:retrace:${actor.id}:${key}`,
      }),
    );
    res.status(202).json({ ...recallView((await recallRow(this.deps.prisma, number))!, live.counts), live });
  }

  /** POST /:number/close: closes the recall by hand. */
  async close(req: Request, res: Response) {
    const number = recallNumber(req.params.number);
    const { reason } = closeSchema.parse(req.body ?? {});
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const actor = actorOf(res);
    const live = await this.updateRecall(number, () =>
      this.deps.temporal.workflow.getHandle(recallWorkflowId(number)).executeUpdate(closeRecallUpdate, {
        args: [{ actor, reason }],
        updateId: key && `recall:close:${actor.id}:${key}`,
      }),
    );
    const row = (await recallRow(this.deps.prisma, number))!;
    // the row is written when the workflow records the closing, just after it answers
    const closed = { state: live.phase, closedAt: live.closedAt ?? null, closeReason: live.closeReason ?? null };
    res.json({ ...recallView(row, live.counts), ...closed, live });
  }

  private async readLive(number: string): Promise<{ live: RecallStatus | null; reason?: string }> {
    const { temporal } = this.deps;
    const query = temporal
      .withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        temporal.workflow.getHandle(recallWorkflowId(number)).query(recallStatusQuery),
      )
      .then((live) => ({ live }))
      .catch((error: unknown) => ({ live: null, reason: whyNoLiveStatus(error) }));
    return within(QUERY_DEADLINE_MS, query, { live: null, reason: NO_ANSWER_IN_TIME });
  }

  /** Tells the workflow its ledger changed; one unreachable now reads the counts before its next reminder or report. */
  private ledgerChanged(number: string): void {
    void this.deps.temporal.workflow
      .getHandle(recallWorkflowId(number))
      .signal(recallLedgerChangedSignal)
      .catch((error: unknown) => this.deps.logger.warn({ number, err: error }, 'recall not told of a ledger change'));
  }

  /** An update of the recall's workflow within the deadline; an ended or unknown workflow answers 409 / 404. */
  private updateRecall(number: string, update: () => Promise<RecallStatus>): Promise<RecallStatus> {
    return this.deps.temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, update).catch(async (error: unknown) => {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const row = await recallRow(this.deps.prisma, number);
      if (row) throw new ConflictError(`recall ${number} is ${row.state}`);
      throw new NotFoundError(`recall ${number} does not exist`);
    });
  }
}

/** Routes under /api/v1/recalls (authenticated). */
export function recallRoutes(deps: RecallRouteDeps): Router {
  const router = Router();
  const recalls = new RecallHandlers(deps);
  router.post('/', (req, res) => recalls.open(req, res));
  router.get('/', (req, res) => recalls.list(req, res));
  router.get('/:number', (req, res) => recalls.read(req, res));
  router.get('/:number/consignees', (req, res) => recalls.consignees(req, res));
  router.post('/:number/consignees/:ordinal/:action', requireRole(...LEDGER_ROLES), (req, res) =>
    recalls.consigneeAction(req, res),
  );
  router.post('/:number/retrace', (req, res) => recalls.retrace(req, res));
  router.post('/:number/close', (req, res) => recalls.close(req, res));
  return router;
}
