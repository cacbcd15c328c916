/**
 * Corrective actions (8D / CAPA) over HTTP: list and search (the stored list-view copy, overdue from the
 * clocks), read one (stored row, steps and live status), take a discipline step (one Temporal update each),
 * fetch its 8D report. Complaints open them (profile trigger or `openCorrectiveAction`).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { loadCorrectiveActionReport, renderInterimReport } from '../reports/stored-report';
import { DEFAULT_REPORT_FONT_FILE } from '../reports/render-pdf';
import { carActionSchema } from '../domain/corrective-action/actions';
import { CAR_ACTION_NAMES } from '../domain/corrective-action/action-names';
import {
  carActionUpdates,
  carStatusQuery,
  correctiveActionWorkflowId,
  isCarNumber,
  type CarActionName,
  type CarActionRequest,
} from '../domain/corrective-action-contract';
import type { Logger } from '../infra/logger';
import type { Registration } from '../domain/registration';
import type { Actor } from '../domain/roles';
import { actorOf, requireRole } from './auth';
import type { ComplaintService } from './complaint-service';
import { idempotencyKeySchema } from './complaint-routes';
import { queryWithin, UPDATE_DEADLINE_MS } from './live-status';
import { openStandalone, openingSchema, type OpeningDeps } from '../infra/corrective-action-opening';
import {
  carListQuerySchema,
  carRowFromLive,
  carView,
  findCars,
  isOverdue,
  type CarRow,
} from './corrective-action-store';
import { ConflictError, ForbiddenError, NotFoundError, UnavailableError } from './errors';

const actionParam = z.enum(CAR_ACTION_NAMES);
/** Body of the customer's objection to the result. */
export const objectionSchema = z.object({ reason: z.string().trim().min(1).max(5_000) }).strict();

/** What the corrective-action routes are built over. */
type CarRouteDeps = OpeningDeps & { logger: Logger; service: ComplaintService; fontFile?: string };

function carNumber(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || !isCarNumber(value))
    throw new NotFoundError(`no corrective action numbered ${String(value)}`);
  return value;
}

function carAction(value: string | string[] | undefined): CarActionName {
  const parsed = actionParam.safeParse(value);
  if (!parsed.success) throw new NotFoundError(`no action ${String(value)}; actions: ${CAR_ACTION_NAMES.join(', ')}`);
  return parsed.data;
}

/** The handlers of the corrective-action routes, one method per route. */
class CorrectiveActionHandlers {
  constructor(private readonly deps: CarRouteDeps) {}

  /** POST /: opens a standalone corrective action (201 started, 202 stored but not started yet, 200 opened before). */
  async open(req: Request, res: Response) {
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const body = openingSchema.parse(req.body ?? {});
    const actor = actorOf(res);
    const opened = await openStandalone(this.deps, body, actor, key && `${actor.id}:${key}`);
    const status = !opened.created ? 200 : opened.started ? 201 : 202;
    const view = await this.find(opened.number);
    res.status(status).location(`/api/v1/corrective-actions/${opened.number}`).json(carView(view));
  }

  /** GET /: the list, filtered. */
  async list(req: Request, res: Response) {
    const { total, items } = await findCars(this.deps.prisma, carListQuerySchema.parse(req.query));
    res.json({ total, items: items.map(carView) });
  }

  /** GET /:number: the stored row, its steps and the live status. */
  async read(req: Request, res: Response) {
    const number = carNumber(req.params.number);
    const [row, steps, { live, reason }] = await Promise.all([
      this.find(number),
      this.deps.prisma.correctiveActionStep.findMany({ where: { carNumber: number }, orderBy: { seq: 'asc' } }),
      this.readLive(correctiveActionWorkflowId(number)),
    ]);
    res.json({
      ...carView(row),
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
  }

  /**
   * POST /:number/customer-objection. 004 §5.3 b): a customer not satisfied with the corrective action's result
   * is a new complaint, linked to the first (whose own `reopen` does this while it is still open).
   */
  async customerObjection(req: Request, res: Response) {
    const number = carNumber(req.params.number);
    const { reason } = objectionSchema.parse(req.body ?? {});
    const complaint = await this.closedComplaintOf(number);
    const registration = complaint.registration as unknown as Registration;
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const created = await this.deps.service.register(
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
  }

  /** GET /:number/report: the 8D report, stored once final, else interim from the live status (PDF or HTML). */
  async report(req: Request, res: Response) {
    const number = carNumber(req.params.number);
    const format = req.accepts(['application/pdf', 'text/html']) === 'text/html' ? 'html' : 'pdf';
    const stored = await loadCorrectiveActionReport(this.deps.prisma, number, format);
    const report = stored ? { ...stored, interim: false } : await this.interimReport(number, format);
    res
      .set('X-Report-Status', report.interim ? 'interim' : 'final')
      .type(report.contentType)
      .set('Content-Disposition', `inline; filename="${report.filename}"`)
      .set('ETag', `"${report.sha256}-${format}"`)
      .send(report.body);
  }

  /** POST /:number/actions/:action: a discipline step, one Temporal update. */
  async act(req: Request, res: Response) {
    const number = carNumber(req.params.number);
    const action = carAction(req.params.action);
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const actor = actorOf(res);
    const payload = await this.payloadOf(number, action, actor, req.body);
    const live = await this.update(number, action, { actor, payload }, key && `car:${action}:${actor.id}:${key}`);
    res.json({ ...carView(carRowFromLive(live)), live });
  }

  private readLive(workflowId: string) {
    return queryWithin(this.deps.temporal, this.deps.logger, workflowId, carStatusQuery);
  }

  /** The stored row, or — while the workflow has not recorded its opening yet — the same fields from its status. */
  private async find(number: string): Promise<CarRow> {
    const { prisma } = this.deps;
    const stored = await prisma.correctiveAction.findUnique({ where: { number } });
    if (stored) return { ...stored, overdue: await isOverdue(prisma, number) };
    const { live } = await this.readLive(correctiveActionWorkflowId(number));
    if (!live) throw new NotFoundError(`corrective action ${number} does not exist`);
    return carRowFromLive(live);
  }

  /** The complaint of the corrective action, closed: a customer objects to the result only once it is. */
  private async closedComplaintOf(number: string) {
    const row = await this.find(number);
    if (!row.complaintNumber)
      throw new ConflictError(`corrective action ${number} has no complaint: there is no customer to object`);
    const complaint = await this.deps.prisma.complaint.findUniqueOrThrow({ where: { number: row.complaintNumber } });
    if (!['closed', 'archived'].includes(complaint.stage))
      throw new ConflictError(
        `complaint ${complaint.number} is still open: reopen it (POST /api/v1/complaints/${complaint.number}/reopen)`,
      );
    return complaint;
  }

  /** The report of a corrective action still open, from its live status, marked interim (D1… done so far). */
  private async interimReport(number: string, format: 'html' | 'pdf') {
    const { deps } = this;
    const { prisma } = deps;
    const { live, reason } = await this.readLive(correctiveActionWorkflowId(number));
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

  /** The step's payload; one that fails its schema is refused for the role first (403 before 400), as the workflow would. */
  private async payloadOf(number: string, action: CarActionName, actor: Actor, body: unknown): Promise<unknown> {
    const payload = carActionSchema(action).safeParse(body ?? {});
    if (payload.success) return payload.data;
    const { live } = await this.readLive(correctiveActionWorkflowId(number));
    const roles = live?.openActions.find((a) => a.action === action)?.roles;
    if (roles && !roles.includes(actor.role))
      throw new ForbiddenError(`role ${actor.role} may not ${action} (allowed: ${roles.join(', ')})`);
    throw payload.error;
  }

  /** The step as an update of the workflow, within the deadline; an ended or unknown workflow answers 409 / 404. */
  private update(number: string, action: CarActionName, request: CarActionRequest, updateId: string | undefined) {
    const { prisma, temporal } = this.deps;
    return temporal
      .withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
        temporal.workflow
          .getHandle(correctiveActionWorkflowId(number))
          .executeUpdate(carActionUpdates[action], { args: [request], updateId }),
      )
      .catch(async (error: unknown) => {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
        const stored = await prisma.correctiveAction.findUnique({ where: { number } });
        if (stored) throw new ConflictError(`corrective action ${number} is ${stored.phase}`);
        throw new NotFoundError(`corrective action ${number} does not exist (or is still being opened)`);
      });
  }
}

/** Routes under /api/v1/corrective-actions (authenticated). */
export function correctiveActionRoutes(deps: CarRouteDeps): Router {
  const router = Router();
  const cars = new CorrectiveActionHandlers(deps);
  router.post('/', (req, res) => cars.open(req, res));
  router.get('/', (req, res) => cars.list(req, res));
  router.get('/:number', (req, res) => cars.read(req, res));
  router.post('/:number/customer-objection', requireRole('customer_service', 'sales', 'quality_manager'), (req, res) =>
    cars.customerObjection(req, res),
  );
  router.get('/:number/report', (req, res) => cars.report(req, res));
  router.post('/:number/actions/:action', (req, res) => cars.act(req, res));
  return router;
}
