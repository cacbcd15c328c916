/**
 * Preventive maintenance over HTTP (seed 003 §1.2, §3.1): the installed base (register a unit, idempotent by
 * serial; list with its next due date; read one with its orders; change its customer, interval or activity) and
 * the maintenance orders the schedule starts (list, read with the live status, name the engineer, record the
 * visit — the workflow's updates).
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import { Router } from 'express';
import { z } from 'zod';
import {
  assignEngineerUpdate,
  isMaintenanceOrderId,
  maintenanceStatusQuery,
  recordVisitUpdate,
  SERIAL_PATTERN,
  type MaintenanceStatus,
} from '../domain/maintenance-contract';
import { addMonths, engineerSchema, localDate, storableText, visitSchema } from '../domain/maintenance/rules';
import { MAINTENANCE_SETTINGS } from '../domain/maintenance/settings';
import { LANGUAGES } from '../domain/registration';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor, Role } from '../domain/roles';
import type { PrismaClient } from '../infra/database';
import { actorOf, requireRole } from './auth';
import { idempotencyKeySchema } from './complaint-routes';
import { NO_ANSWER_IN_TIME, QUERY_DEADLINE_MS, UPDATE_DEADLINE_MS, whyNoLiveStatus } from './complaint-service';
import { ConflictError, NotFoundError } from './errors';
import { within } from './within';

/** Who registers and changes installed units (and admin). */
export const INSTALLED_BASE_EDITORS = ['customer_service', 'sales', 'technical_support', 'department_head'] as const;

const text = storableText;
const date = z.iso.date().refine((v) => v >= '1970-01-01', 'from 1970-01-01');
const interval = z.union([z.literal(6), z.literal(12)]);

const customerSchema = z
  .object({
    name: text(200),
    email: z.email().max(254),
    language: z.enum(LANGUAGES).default('zh-CN'),
    region: text(100),
    address: text(500).optional(),
  })
  .strict();

/** A unit to register. */
export const installedBaseSchema = z
  .object({
    serial: z.string().regex(SERIAL_PATTERN, 'letters, digits, ".", "_", "-" (1–64, starting with a letter or digit)'),
    customer: customerSchema,
    productModel: text(200),
    installedOn: date,
    intervalMonths: interval,
  })
  .strict();

/** What may change on a unit. */
export const installedBasePatchSchema = z
  .object({
    customer: customerSchema.partial().strict().optional(),
    intervalMonths: interval.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');

export const installedBaseListSchema = z
  .object({
    customerEmail: text(254).optional(),
    productModel: text(200).optional(),
    region: text(100).optional(),
    active: z.enum(['true', 'false']).optional(),
    dueBy: date.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const orderListSchema = z
  .object({
    serial: text(64).optional(),
    state: z.enum(['awaiting_engineer', 'scheduled', 'visited']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

export const assignEngineerSchema = z.object({ engineer: engineerSchema() }).strict();

const dateOnly = (value: Date) => value.toISOString().slice(0, 10);
const asDate = (value: string) => new Date(`${value}T00:00:00Z`);

type UnitRow = NonNullable<Awaited<ReturnType<PrismaClient['installedBase']['findUnique']>>>;
type OrderRow = NonNullable<Awaited<ReturnType<PrismaClient['maintenanceOrder']['findUnique']>>>;

function unitView(row: UnitRow) {
  return {
    serial: row.serial,
    customer: {
      name: row.customerName,
      email: row.customerEmail,
      language: row.customerLanguage,
      region: row.region,
      ...(row.address ? { address: row.address } : {}),
    },
    productModel: row.productModel,
    installedOn: dateOnly(row.installedOn),
    intervalMonths: row.intervalMonths,
    nextDueOn: dateOnly(row.nextDueOn),
    lastVisitOn: row.lastVisitOn ? dateOnly(row.lastVisitOn) : null,
    active: row.active,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function orderView(row: OrderRow) {
  return {
    orderId: row.orderId,
    serial: row.serial,
    dueOn: dateOnly(row.dueOn),
    state: row.state,
    engineer: row.engineer,
    statusLine: row.statusLine,
    openedAt: row.openedAt.toISOString(),
    noticeSentAt: row.noticeSentAt?.toISOString() ?? null,
    escalationLevel: row.escalationLevel,
    visitedAt: row.visitedAt?.toISOString() ?? null,
    visit: row.visit,
    nextDueOn: row.nextDueOn ? dateOnly(row.nextDueOn) : null,
    events: row.events,
  };
}

/** `{ total, items }` of a list: the count of every match and the page's rows as the API shows them. */
async function page<R, V>(count: Promise<number>, rows: Promise<R[]>, view: (row: R) => V) {
  const [total, found] = await Promise.all([count, rows]);
  return { total, items: found.map(view) };
}
const window = (q: { limit: number; offset: number }) => ({ take: q.limit, skip: q.offset });

/**
 * The next due date of a unit: its last visit (or installation) plus the interval, moved on by whole intervals
 * while before `today` (a unit registered late is not overdue from the start).
 */
export function firstDueOn(from: string, intervalMonths: number, today: string): string {
  let due = addMonths(from, intervalMonths);
  for (let n = 2; due < today; n += 1) due = addMonths(from, intervalMonths * n);
  return due;
}

type Unit = z.infer<typeof installedBaseSchema>;
const sameUnit = (row: UnitRow, u: Unit) =>
  row.customerName === u.customer.name &&
  row.customerEmail.toLowerCase() === u.customer.email.toLowerCase() &&
  row.customerLanguage === u.customer.language &&
  row.region === u.customer.region &&
  (row.address ?? undefined) === u.customer.address &&
  row.productModel === u.productModel &&
  dateOnly(row.installedOn) === u.installedOn &&
  row.intervalMonths === u.intervalMonths;

export interface MaintenanceRouteDeps {
  prisma: PrismaClient;
  temporal: Client;
  timeZone: string;
  now: () => Date;
}

/** Routes under /api/v1/installed-base (authenticated). */
export function installedBaseRoutes(deps: MaintenanceRouteDeps): Router {
  const { prisma } = deps;
  const router = Router();
  const editors = requireRole(...INSTALLED_BASE_EDITORS);
  const today = () => localDate(deps.now().getTime(), deps.timeZone);

  router.post('/', editors, async (req, res) => {
    const unit = installedBaseSchema.parse(req.body ?? {});
    if (unit.installedOn > today())
      throw new z.ZodError([
        { code: 'custom', path: ['installedOn'], message: 'not in the future', input: unit.installedOn },
      ]);
    const now = deps.now();
    const created = await prisma.installedBase.createMany({
      data: [
        {
          serial: unit.serial,
          customerName: unit.customer.name,
          customerEmail: unit.customer.email,
          customerLanguage: unit.customer.language,
          region: unit.customer.region,
          address: unit.customer.address ?? null,
          productModel: unit.productModel,
          installedOn: asDate(unit.installedOn),
          intervalMonths: unit.intervalMonths,
          nextDueOn: asDate(firstDueOn(unit.installedOn, unit.intervalMonths, today())),
          createdBy: actorOf(res).id,
          createdAt: now,
          updatedAt: now,
        },
      ],
      skipDuplicates: true,
    });
    const row = (await prisma.installedBase.findUnique({ where: { serial: unit.serial } }))!;
    if (!created.count && !sameUnit(row, unit))
      throw new ConflictError(`serial ${unit.serial} is registered with other details (change it with PATCH)`);
    res
      .status(created.count ? 201 : 200)
      .location(`/api/v1/installed-base/${unit.serial}`)
      .json(unitView(row));
  });

  router.get('/', async (req, res) => {
    const q = installedBaseListSchema.parse(req.query);
    const where = {
      ...(q.customerEmail && { customerEmail: { equals: q.customerEmail, mode: 'insensitive' as const } }),
      ...(q.productModel && { productModel: q.productModel }),
      ...(q.region && { region: q.region }),
      ...(q.active && { active: q.active === 'true' }),
      ...(q.dueBy && { nextDueOn: { lte: asDate(q.dueBy) } }),
    };
    const orderBy = [{ nextDueOn: 'asc' as const }, { serial: 'asc' as const }];
    res.json(
      await page(
        prisma.installedBase.count({ where }),
        prisma.installedBase.findMany({ where, orderBy, ...window(q) }),
        unitView,
      ),
    );
  });

  const unitOf = async (serial: unknown) => {
    const row =
      typeof serial === 'string' && SERIAL_PATTERN.test(serial)
        ? await prisma.installedBase.findUnique({ where: { serial } })
        : null;
    if (!row) throw new NotFoundError(`no installed unit with serial ${String(serial)}`);
    return row;
  };

  router.get('/:serial', async (req, res) => {
    const row = await unitOf(req.params.serial);
    const orders = await prisma.maintenanceOrder.findMany({
      where: { serial: row.serial },
      orderBy: { dueOn: 'desc' },
    });
    res.json({ ...unitView(row), orders: orders.map(orderView) });
  });

  router.patch('/:serial', editors, async (req, res) => {
    const row = await unitOf(req.params.serial);
    const patch = installedBasePatchSchema.parse(req.body ?? {});
    const c = patch.customer ?? {};
    const intervalMonths = patch.intervalMonths ?? row.intervalMonths;
    const from = dateOnly(row.lastVisitOn ?? row.installedOn);
    const updated = await prisma.installedBase.update({
      where: { serial: row.serial },
      data: {
        ...(c.name !== undefined && { customerName: c.name }),
        ...(c.email !== undefined && { customerEmail: c.email }),
        ...(c.language !== undefined && { customerLanguage: c.language }),
        ...(c.region !== undefined && { region: c.region }),
        ...(c.address !== undefined && { address: c.address }),
        ...(patch.active !== undefined && { active: patch.active }),
        ...(patch.intervalMonths !== undefined && {
          intervalMonths,
          nextDueOn: asDate(firstDueOn(from, intervalMonths, today())),
        }),
        updatedAt: deps.now(),
      },
    });
    res.json(unitView(updated));
  });

  return router;
}

/** Routes under /api/v1/maintenance-orders (authenticated). */
export function maintenanceOrderRoutes(deps: MaintenanceRouteDeps): Router {
  const { prisma, temporal } = deps;
  const router = Router();

  const orderId = (value: unknown) => {
    if (typeof value !== 'string' || !isMaintenanceOrderId(value))
      throw new NotFoundError(`no maintenance order ${String(value)}`);
    return value;
  };

  async function readLive(id: string): Promise<{ live: MaintenanceStatus | null; reason?: string }> {
    const query = temporal
      .withDeadline(Date.now() + QUERY_DEADLINE_MS, () => temporal.workflow.getHandle(id).query(maintenanceStatusQuery))
      .then((live) => ({ live }))
      .catch((error: unknown) => ({ live: null, reason: whyNoLiveStatus(error) }));
    return within(QUERY_DEADLINE_MS, query, { live: null, reason: NO_ANSWER_IN_TIME });
  }

  router.get('/', async (req, res) => {
    const q = orderListSchema.parse(req.query);
    const where = { ...(q.serial && { serial: q.serial }), ...(q.state && { state: q.state }) };
    const orderBy = [{ dueOn: 'desc' as const }, { orderId: 'asc' as const }];
    res.json(
      await page(
        prisma.maintenanceOrder.count({ where }),
        prisma.maintenanceOrder.findMany({ where, orderBy, ...window(q) }),
        orderView,
      ),
    );
  });

  router.get('/:orderId', async (req, res) => {
    const id = orderId(req.params.orderId);
    const row = await prisma.maintenanceOrder.findUnique({ where: { orderId: id } });
    if (!row) throw new NotFoundError(`no maintenance order ${id} (or it is still being opened)`);
    const { live, reason } = row.state === 'visited' ? { live: null, reason: 'the order is done' } : await readLive(id);
    res.json({ ...orderView(row), live, ...(reason && { liveUnavailable: reason }) });
  });

  /** An update of the order within the deadline; an order that ended answers 409, an unknown one 404. */
  async function update(id: string, send: () => Promise<MaintenanceStatus>) {
    return temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, send).catch(async (error: unknown) => {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
      const row = await prisma.maintenanceOrder.findUnique({ where: { orderId: id } });
      if (row) throw new ConflictError(`maintenance order ${id} is ${row.state}`);
      throw new NotFoundError(`no maintenance order ${id}`);
    });
  }

  /** A staff step on the order: the workflow's update, its id from the Idempotency-Key. */
  function step<A>(
    path: string,
    roles: Role[],
    definition: UpdateDefinition<MaintenanceStatus, [A]>,
    request: (body: unknown, actor: Actor) => A,
  ) {
    router.post(`/:orderId/${path}`, requireRole(...roles), async (req, res) => {
      const id = orderId(req.params.orderId);
      const actor = actorOf(res);
      const args = request(req.body ?? {}, actor);
      const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
      const handle = temporal.workflow.getHandle(id);
      const updateId = key && `maintenance:${path}:${actor.id}:${key}`;
      res.json(await update(id, () => handle.executeUpdate(definition, { args: [args], updateId })));
    });
  }
  step('engineer', MAINTENANCE_SETTINGS.assignRoles, assignEngineerUpdate, (body, actor) => ({
    actor,
    engineer: assignEngineerSchema.parse(body).engineer,
  }));
  step('visit', MAINTENANCE_SETTINGS.visitRoles, recordVisitUpdate, (body, actor) => ({
    actor,
    visit: visitSchema().parse(body),
  }));

  return router;
}
