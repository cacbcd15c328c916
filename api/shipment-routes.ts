/**
 * Shipment records over HTTP (issue 11): import a file of them (CSV or JSON, up to 20 MB) and list them.
 * Mounted before the body handling of every other route (JSON only, 1 MB), with parsers of its own that run
 * once the caller is authenticated and has an importing role, so only they can send 20 MB.
 */
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { UNSTORABLE_MESSAGE, unstorableTextPath } from '../domain/storable-text';
import type { PrismaClient } from '../infra/database';
import { requireRole } from './auth';
import { hasBody, parserErrors } from './body';
import { ShipmentFileRejected, type ShipmentRecord } from './shipment-file';
import { importShipments } from './shipment-import';
import { SqlFilter } from './sql-filter';

/** The largest shipment file. */
const BODY_LIMIT = '20mb';

const filter = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => unstorableTextPath(v) === undefined, UNSTORABLE_MESSAGE)
    .optional();

/** Query of the shipment list: exact lot, serial or product model; the customer's email in any case. */
export const shipmentListQuerySchema = z
  .object({
    lot: filter(100),
    serial: filter(100),
    productModel: filter(100),
    customerEmail: filter(254),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();
type ShipmentListQuery = z.infer<typeof shipmentListQuerySchema>;

type ShipmentRow = ShipmentRecord & { importedAt: Date };

function viewOf(row: ShipmentRow) {
  return { ...row, shippedAt: row.shippedAt.toISOString(), importedAt: row.importedAt.toISOString() };
}

async function findShipments(prisma: PrismaClient, q: ShipmentListQuery) {
  const filter = new SqlFilter();
  if (q.lot) filter.add('lot = ?', q.lot);
  if (q.serial) filter.add('serial = ?', q.serial);
  if (q.productModel) filter.add('product_model = ?', q.productModel);
  if (q.customerEmail) filter.add('lower(customer_email) = lower(?)', q.customerEmail);
  const [counted] = await prisma.$queryRawUnsafe<Array<{ total: number }>>(
    `select count(*)::int as total from shipment ${filter.where}`,
    ...filter.values,
  );
  const items = await prisma.$queryRawUnsafe<ShipmentRow[]>(
    `select id, customer_name as "customerName", customer_email as "customerEmail",
       customer_language as "customerLanguage", ship_to as "shipTo", product_model as "productModel", lot, serial,
       quantity, shipped_at as "shippedAt", imported_at as "importedAt"
     from shipment ${filter.where} order by shipped_at desc, id
     limit ${q.limit} offset ${q.offset}`,
    ...filter.values,
  );
  return { total: counted?.total ?? 0, items: items.map(viewOf) };
}

/** 415 for a body that is neither CSV nor JSON (the parsers would leave it unread). */
const csvOrJson: RequestHandler = (req, res, next) => {
  if (!hasBody(req) || req.is(['text/csv', 'application/json'])) return next();
  res
    .status(415)
    .json({ error: 'unsupported_media_type', message: 'send the shipments as text/csv or application/json' });
};

export interface ShipmentRouteDeps {
  prisma: PrismaClient;
  /** The company's time zone: a shipping date without a time is that day's start there. */
  timeZone: string;
  now: () => Date;
}

/** Routes under /api/v1/shipments (authenticated; quality manager, sales and admin). */
export function shipmentRoutes(deps: ShipmentRouteDeps): Router {
  const router = Router();
  const staff = requireRole('quality_manager', 'sales');

  router.post(
    '/',
    staff,
    csvOrJson,
    express.text({ type: 'text/csv', limit: BODY_LIMIT, inflate: false }),
    express.json({ limit: BODY_LIMIT, inflate: false }),
    parserErrors('20 MB'),
    async (req: express.Request, res: express.Response) => {
      if (req.body === undefined) {
        res.status(400).json({
          error: 'validation_failed',
          message: 'send the shipments: a CSV file (text/csv) or a JSON array (application/json)',
          issues: [{ path: '', message: 'the body is empty' }],
        });
        return;
      }
      const body = req.is('text/csv') ? { csv: String(req.body) } : { json: req.body as unknown };
      try {
        res.json(await importShipments(deps.prisma, body, { now: deps.now(), timeZone: deps.timeZone }));
      } catch (error) {
        if (!(error instanceof ShipmentFileRejected)) throw error;
        res.status(400).json({ error: 'validation_failed', message: error.message, issues: error.issues });
      }
    },
  );

  router.get('/', staff, async (req, res) => {
    res.json(await findShipments(deps.prisma, shipmentListQuerySchema.parse(req.query)));
  });

  return router;
}
