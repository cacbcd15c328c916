/** Preventive maintenance's operations in the OpenAPI document (api/openapi.ts passes its response helpers). */
import { z } from 'zod';
import { CHECKLIST_ITEMS } from '../../domain/maintenance-contract';
import { visitSchema } from '../../domain/maintenance/rules';
import { MAINTENANCE_SETTINGS } from '../../domain/maintenance/settings';
import {
  assignEngineerSchema,
  INSTALLED_BASE_EDITORS,
  installedBaseListSchema,
  installedBasePatchSchema,
  installedBaseSchema,
  orderListSchema,
} from '../maintenance-routes';
import { body, errors, json } from './common';

const roles = (list: readonly string[]) => [...list, 'admin'].join(', ');
const nullableString = z.string().nullable();
const unitSchema = z.looseObject({
  serial: z.string(),
  customer: z.looseObject({ name: z.string(), email: z.string(), language: z.string(), region: z.string() }),
  productModel: z.string(),
  installedOn: z.string(),
  intervalMonths: z.number().int(),
  nextDueOn: z.string().describe('the next visit is due on this date (company time zone)'),
  lastVisitOn: nullableString,
  active: z.boolean(),
});
const orderSchema = z.looseObject({
  orderId: z.string().describe('`maintenance-<serial>-<YYYYMM>`, the workflow ID'),
  serial: z.string(),
  dueOn: z.string(),
  state: z.enum(['awaiting_engineer', 'scheduled', 'visited']),
  engineer: nullableString,
  statusLine: z.string(),
  escalationLevel: z.number().int(),
  nextDueOn: nullableString,
});
const liveSchema = z.looseObject({
  orderId: z.string(),
  phase: z.string(),
  noticeAt: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  statusLine: z.string(),
  openActions: z.array(z.looseObject({ action: z.string(), roles: z.array(z.string()) })),
});
const list = (item: z.ZodType) => z.object({ total: z.number().int(), items: z.array(item) });
const query = (schema: z.ZodObject) =>
  Object.keys(schema.shape).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const serialParam = pathParam('serial', 'the unit’s serial number');
const orderParam = pathParam('orderId', '`maintenance-<serial>-<YYYYMM>`');
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 8, maxLength: 200 },
};

/** /api/v1/installed-base and /api/v1/maintenance-orders. */
export function maintenancePaths() {
  const tags = ['maintenance'];
  const timeout = {
    504: body('Temporal did not confirm in time', z.object({ error: z.string(), message: z.string() })),
  };
  return {
    '/api/v1/installed-base': {
      post: {
        summary: `Register an installed unit for preventive maintenance every 6 or 12 months (${roles(INSTALLED_BASE_EDITORS)})`,
        description:
          'Idempotent by `serial`: the same unit again answers `200`; other details for a known serial `409` (change ' +
          'it with PATCH). `nextDueOn` is the installation date plus the interval, moved on by whole intervals to ' +
          'today or later. `installedOn` is a date (YYYY-MM-DD), not in the future.',
        tags,
        requestBody: { required: true, content: json(installedBaseSchema) },
        responses: {
          201: body('registered', unitSchema),
          200: body('registered before with the same details', unitSchema),
          ...errors,
        },
      },
      get: {
        summary: 'List installed units by next due date (filters: customerEmail, productModel, region, active, dueBy)',
        tags,
        parameters: query(installedBaseListSchema),
        responses: { 200: body('{ total, items }', list(unitSchema)), ...errors },
      },
    },
    '/api/v1/installed-base/{serial}': {
      get: {
        summary: 'An installed unit with its maintenance orders',
        tags,
        parameters: [serialParam],
        responses: { 200: body('the unit', unitSchema.extend({ orders: z.array(orderSchema) })), ...errors },
      },
      patch: {
        summary: `Change a unit's customer, interval (next due date recomputed) or activity (${roles(INSTALLED_BASE_EDITORS)})`,
        tags,
        parameters: [serialParam],
        requestBody: { required: true, content: json(installedBasePatchSchema) },
        responses: { 200: body('the unit', unitSchema), ...errors },
      },
    },
    '/api/v1/maintenance-orders': {
      get: {
        summary: 'List maintenance orders (filters: serial, state), latest due first',
        tags,
        parameters: query(orderListSchema),
        responses: { 200: body('{ total, items }', list(orderSchema)), ...errors },
      },
    },
    '/api/v1/maintenance-orders/{orderId}': {
      get: {
        summary: "A maintenance order: its row, events and the workflow's live status",
        tags,
        parameters: [orderParam],
        responses: {
          200: body(
            'the order',
            orderSchema.extend({ live: liveSchema.nullable(), liveUnavailable: z.string().optional() }),
          ),
          ...errors,
        },
      },
    },
    '/api/v1/maintenance-orders/{orderId}/engineer': {
      post: {
        summary: `Name the engineer of a visit (${roles(MAINTENANCE_SETTINGS.assignRoles)})`,
        description: "The order's `maintenance.assignEngineer` update; `409` once the visit is recorded.",
        tags,
        parameters: [orderParam, idempotencyKey],
        requestBody: { required: true, content: json(assignEngineerSchema) },
        responses: { 200: body('the live status', liveSchema), ...errors, ...timeout },
      },
    },
    '/api/v1/maintenance-orders/{orderId}/visit': {
      post: {
        summary: `Record the visit: checklist (${CHECKLIST_ITEMS.join(', ')}) and the customer's typed signature (${roles(MAINTENANCE_SETTINGS.visitRoles)})`,
        description:
          "The order's `maintenance.recordVisit` update: each checklist item done or not, with a note when not; " +
          '`signedBy` the name the customer typed. The next due date (visit date + interval) is written to the ' +
          'installed base. `409` before an engineer is assigned or once recorded.',
        tags,
        parameters: [orderParam, idempotencyKey],
        requestBody: { required: true, content: json(visitSchema()) },
        responses: { 200: body('the live status', liveSchema), ...errors, ...timeout },
      },
    },
  };
}
