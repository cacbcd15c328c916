/**
 * Corrective actions (8D / CAPA) over HTTP: list and search (the stored list-view copy, overdue from the
 * clocks), read one (stored row, steps and live status), take a discipline step (one Temporal update each),
 * fetch its 8D report. Complaints open them (profile trigger or `openCorrectiveAction`).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import { loadCorrectiveActionReport, renderInterimReport } from '../reports/stored-report';
import { DEFAULT_REPORT_FONT_FILE } from '../reports/render-pdf';
import { carActionSchema } from '../domain/corrective-action/actions';
import { CAR_ACTION_NAMES, DISCIPLINES } from '../domain/corrective-action/action-names';
import {
  carActionUpdates,
  carStatusQuery,
  correctiveActionWorkflowId,
  isCarNumber,
  type CarActionName,
  type CorrectiveActionStatus,
} from '../domain/corrective-action-contract';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { Registration } from '../domain/registration';
import { actorOf, requireRole } from './auth';
import type { ComplaintService } from './complaint-service';
import { idempotencyKeySchema } from './complaint-routes';
import { queryWithin, UPDATE_DEADLINE_MS } from './live-status';
import { openStandalone, openingSchema, type OpeningDeps } from '../infra/corrective-action-opening';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from './errors';

/** Query of the corrective-action list. */
export const carListQuerySchema = z
  .object({
    phase: z.enum(['open', 'awaiting_approval', 'verification', 'closed', 'cancelled']).optional(),
    discipline: z.enum(DISCIPLINES).optional(),
    owner: z.string().max(100).optional(),
    department: z.string().max(100).optional(),
    source: z.enum(['complaint', 'monthly_top3', 'audit']).optional(),
    complaint: z.string().max(100).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
type CarListQuery = z.infer<typeof carListQuerySchema>;

const actionParam = z.enum(CAR_ACTION_NAMES);
/** Body of the customer's objection to the result. */
export const objectionSchema = z.object({ reason: z.string().trim().min(1).max(5_000) }).strict();

interface CarRow {
  number: string;
  workflowId: string;
  complaintNumber: string | null;
  source: string;
  form: string;
  phase: string;
  currentDiscipline: string | null;
  round: number;
  ownerRole: string;
  ownerDepartment: string;
  statusLine: string;
  openedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  overdue: boolean;
}

function viewOf(row: CarRow) {
  return {
    number: row.number,
    workflowId: row.workflowId,
    complaintNumber: row.complaintNumber,
    source: row.source,
    form: row.form,
    phase: row.phase,
    discipline: row.currentDiscipline,
    round: row.round,
    owner: { role: row.ownerRole, department: row.ownerDepartment },
    statusLine: row.statusLine,
    overdue: row.overdue,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** True while one of the corrective action's clocks (kept with its complaint's, named `<number> <clock>`) is missed. */
const OVERDUE_SQL = `exists (select 1 from sla_clock c where c.complaint_number = ca.complaint_number
  and c.name like ca.number || ' %' and c.breached_at is not null and c.met_at is null)`;

async function findCars(prisma: PrismaClient, q: CarListQuery): Promise<{ total: number; items: CarRow[] }> {
  const where: string[] = [];
  const values: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    values.push(value);
    where.push(sql.replace('?', `$${values.length}`));
  };
  if (q.phase) add('ca.phase = ?', q.phase);
  if (q.discipline) add('ca.current_discipline = ?', q.discipline);
  if (q.owner) add('ca.owner_role = ?', q.owner);
  if (q.department) add('ca.owner_department = ?', q.department);
  if (q.source) add('ca.source = ?', q.source);
  if (q.complaint) add('ca.complaint_number = ?', q.complaint);
  if (q.overdue !== undefined) where.push(q.overdue ? OVERDUE_SQL : `not ${OVERDUE_SQL}`);
  const filter = where.length ? `where ${where.join(' and ')}` : '';
  const [counted] = await prisma.$queryRawUnsafe<Array<{ total: number }>>(
    `select count(*)::int as total from corrective_action ca ${filter}`,
    ...values,
  );
  const items = await prisma.$queryRawUnsafe<CarRow[]>(
    `select ca.number, ca.workflow_id as "workflowId", ca.complaint_number as "complaintNumber", ca.source, ca.form,
       ca.phase, ca.current_discipline as "currentDiscipline", ca.round, ca.owner_role as "ownerRole",
       ca.owner_department as "ownerDepartment", ca.status_line as "statusLine", ca.opened_at as "openedAt",
       ca.updated_at as "updatedAt", ca.closed_at as "closedAt", ${OVERDUE_SQL} as overdue
     from corrective_action ca ${filter} order by ca.opened_at desc, ca.number
     limit ${q.limit} offset ${q.offset}`,
    ...values,
  );
  return { total: counted?.total ?? 0, items };
}

async function isOverdue(prisma: PrismaClient, number: string): Promise<boolean> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ overdue: boolean }>>(
    `select ${OVERDUE_SQL} as overdue from corrective_action ca where ca.number = $1`,
    number,
  );
  return row?.overdue ?? false;
}

/** The list-view fields from the live status. */
function fromLive(live: CorrectiveActionStatus): CarRow {
  const at = live.history[0]?.at ?? new Date().toISOString();
  return {
    number: live.number,
    workflowId: live.workflowId,
    complaintNumber: live.complaintNumber ?? null,
    source: live.source,
    form: live.form,
    phase: live.phase,
    currentDiscipline: live.current ?? null,
    round: live.round,
    ownerRole: live.owner.role,
    ownerDepartment: live.owner.department,
    statusLine: live.statusLine,
    openedAt: new Date(at),
    updatedAt: new Date(live.history.at(-1)?.at ?? at),
    closedAt: live.closedAt ? new Date(live.closedAt) : null,
    overdue: live.overdue,
  };
}

function carNumber(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || !isCarNumber(value))
    throw new NotFoundError(`no corrective action numbered ${String(value)}`);
  return value;
}

/** Routes under /api/v1/corrective-actions (authenticated). */
export function correctiveActionRoutes(
  deps: OpeningDeps & { logger: Logger; service: ComplaintService; fontFile?: string },
): Router {
  const { prisma, temporal, logger } = deps;
  const router = Router();

  router.post('/', async (req, res) => {
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const body = openingSchema.parse(req.body ?? {});
    const actor = actorOf(res);
    const opened = await openStandalone(deps, body, actor, key && `${actor.id}:${key}`);
    const status = !opened.created ? 200 : opened.started ? 201 : 202;
    const view = await find(opened.number);
    res.status(status).location(`/api/v1/corrective-actions/${opened.number}`).json(viewOf(view));
  });

  const readLive = (workflowId: string) => queryWithin(temporal, logger, workflowId, carStatusQuery);

  /** The stored row, or — while the workflow has not recorded its opening yet — the same fields from its status. */
  async function find(number: string): Promise<CarRow> {
    const stored = await prisma.correctiveAction.findUnique({ where: { number } });
    if (stored) return { ...stored, overdue: await isOverdue(prisma, number) };
    const { live } = await readLive(correctiveActionWorkflowId(number));
    if (!live) throw new NotFoundError(`corrective action ${number} does not exist`);
    return fromLive(live);
  }

  router.get('/', async (req, res) => {
    const { total, items } = await findCars(prisma, carListQuerySchema.parse(req.query));
    res.json({ total, items: items.map(viewOf) });
  });

  router.get('/:number', async (req, res) => {
    const number = carNumber(req.params.number);
    const [row, steps, { live, reason }] = await Promise.all([
      find(number),
      prisma.correctiveActionStep.findMany({ where: { carNumber: number }, orderBy: { seq: 'asc' } }),
      readLive(correctiveActionWorkflowId(number)),
    ]);
    res.json({
      ...viewOf(row),
      steps: steps.map((s) => ({
        seq: s.seq,
        action: s.action,
        actor: { id: s.actorId, role: s.actorRole },
        data: s.data,
        at: s.at.toISOString(),
      })),
      live,
      ...(reason && { liveUnavailable: reason }),
    });
  });

  // 004 §5.3 b): a customer not satisfied with the corrective action's result is a new complaint, linked to the
  // first (whose own `reopen` does this while it is still open)
  router.post(
    '/:number/customer-objection',
    requireRole('customer_service', 'sales', 'quality_manager'),
    async (req, res) => {
      const number = carNumber(req.params.number);
      const { reason } = objectionSchema.parse(req.body ?? {});
      const row = await find(number);
      if (!row.complaintNumber)
        throw new ConflictError(`corrective action ${number} has no complaint: there is no customer to object`);
      const complaint = await prisma.complaint.findUniqueOrThrow({ where: { number: row.complaintNumber } });
      if (!['closed', 'archived'].includes(complaint.stage))
        throw new ConflictError(
          `complaint ${complaint.number} is still open: reopen it (POST /api/v1/complaints/${complaint.number}/reopen)`,
        );
      const registration = complaint.registration as unknown as Registration;
      const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
      const created = await deps.service.register(
        {
          ...registration,
          profileId: complaint.profileId,
          description: `${reason}\n\n(the customer is not satisfied with corrective action ${number} of complaint ${complaint.number}) ${registration.description}`,
        },
        `${actorOf(res).id}:${key ?? `car-objection:${number}`}`,
        complaint.number,
        actorOf(res),
      );
      res
        .status(created.created ? 201 : 200)
        .location(`/api/v1/complaints/${created.complaint.number}`)
        .json(created.complaint);
    },
  );

  /** The report of a corrective action still open, from its live status, marked interim (D1… done so far). */
  async function interimReport(number: string, format: 'html' | 'pdf') {
    const { live, reason } = await readLive(correctiveActionWorkflowId(number));
    if (!live) {
      if (await prisma.correctiveAction.findUnique({ where: { number } }))
        throw new UnavailableError(`the report of ${number} cannot be made now: ${reason ?? 'no answer'}`);
      throw new NotFoundError(`corrective action ${number} does not exist`);
    }
    const complaint = live.complaintNumber
      ? await prisma.complaint.findUnique({ where: { number: live.complaintNumber } })
      : null;
    const profile = deps.profiles.get(live.profile.id)?.profile;
    const report = await renderInterimReport({
      status: live,
      complaint,
      profile: { id: live.profile.id, name: profile?.name ?? { 'zh-CN': live.profile.id, en: live.profile.id } },
      // customer templates are the worker's (REPORT_TEMPLATES_FILE): the interim report keeps the standard layout
      settings: { fontFile: deps.fontFile ?? DEFAULT_REPORT_FONT_FILE, templates: {} },
      timeZone: deps.timeZone,
      now: deps.now(),
      format,
    });
    return { ...report, interim: true };
  }

  router.get('/:number/report', async (req, res) => {
    const number = carNumber(req.params.number);
    const format = req.accepts(['application/pdf', 'text/html']) === 'text/html' ? 'html' : 'pdf';
    const stored = await loadCorrectiveActionReport(prisma, number, format);
    const report = stored ? { ...stored, interim: false } : await interimReport(number, format);
    res
      .set('X-Report-Status', report.interim ? 'interim' : 'final')
      .type(report.contentType)
      .set('Content-Disposition', `inline; filename="${report.filename}"`)
      .set('ETag', `"${report.sha256}-${format}"`)
      .send(report.body);
  });

  router.post('/:number/actions/:action', async (req, res) => {
    const number = carNumber(req.params.number);
    const parsed = actionParam.safeParse(req.params.action);
    if (!parsed.success)
      throw new NotFoundError(`no action ${req.params.action}; actions: ${CAR_ACTION_NAMES.join(', ')}`);
    const action: CarActionName = parsed.data;
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const actor = actorOf(res);
    const workflowId = correctiveActionWorkflowId(number);
    // a body that fails its schema: the role is refused first (403 before 400), as the workflow would
    const payload = carActionSchema(action).safeParse(req.body ?? {});
    if (!payload.success) {
      const { live } = await readLive(workflowId);
      const roles = live?.openActions.find((a) => a.action === action)?.roles;
      if (roles && !roles.includes(actor.role))
        throw new ForbiddenError(`role ${actor.role} may not ${action} (allowed: ${roles.join(', ')})`);
      throw payload.error;
    }
    const live = await temporal
      .withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
        temporal.workflow.getHandle(workflowId).executeUpdate(carActionUpdates[action], {
          args: [{ actor, payload: payload.data }],
          updateId: key && `car:${action}:${actor.id}:${key}`,
        }),
      )
      .catch(async (error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        const stored = await prisma.correctiveAction.findUnique({ where: { number } });
        if (stored) throw new ConflictError(`corrective action ${number} is ${stored.phase}`);
        throw new NotFoundError(`corrective action ${number} does not exist (or is still being opened)`);
      });
    res.json({ ...viewOf(fromLive(live)), live });
  });

  return router;
}
