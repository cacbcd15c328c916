/**
 * The case library (issue 13, item 4): closed complaints searchable by model, cause, remedy and text, each
 * with what was found and what was done — for staff facing a similar complaint. `GET /api/v1/cases`.
 * Text matches are substring matches (Chinese has no word boundaries for PostgreSQL's text search to use).
 */
import { Router } from 'express';
import { z } from 'zod';
import { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../infra/database';

const text = z.string().trim().min(1).max(200);

export const caseQuerySchema = z.strictObject({
  model: text.optional().describe('product model, exact (any case)'),
  cause: z.enum(['design', 'manufacturing', 'misuse', 'external']).optional(),
  remedy: text.optional().describe("words of the plan's remedy or summary"),
  q: text.optional().describe("words of the description, the diagnosis's findings or the plan"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export type CaseQuery = z.infer<typeof caseQuerySchema>;

/** One closed complaint as the library shows it. */
export const caseSchema = z.object({
  number: z.string(),
  productModel: z.string(),
  serialNumber: z.string().nullable(),
  batchNumber: z.string().nullable(),
  cause: z.string().nullable(),
  description: z.string(),
  findings: z.string().nullable(),
  plan: z.string().nullable(),
  remedy: z.array(z.string()),
  closedAt: z.string().nullable(),
  link: z.string(),
});

export const caseListSchema = z.object({ total: z.number().int(), items: z.array(caseSchema) });

const contains = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The closed complaints matching `query`, the latest closed first, with the total. */
export async function findCases(prisma: Pick<PrismaClient, '$queryRaw'>, query: CaseQuery) {
  const conditions = [Prisma.sql`c.stage IN ('closed', 'archived')`];
  if (query.model) conditions.push(Prisma.sql`lower(c.product_model) = lower(${query.model})`);
  if (query.cause) conditions.push(Prisma.sql`c.cause = ${query.cause}`);
  if (query.remedy) {
    const words = contains(query.remedy);
    conditions.push(Prisma.sql`(p.data->>'customerRemedy' ILIKE ${words} OR p.data->>'summary' ILIKE ${words})`);
  }
  if (query.q) {
    const words = contains(query.q);
    conditions.push(
      Prisma.sql`(c.description ILIKE ${words} OR d.data->>'findings' ILIKE ${words} OR p.data->>'summary' ILIKE ${words})`,
    );
  }
  const rows = await prisma.$queryRaw<
    Array<{
      number: string;
      product_model: string;
      serial_number: string | null;
      batch_number: string | null;
      cause: string | null;
      description: string;
      findings: string | null;
      plan: string | null;
      remedy: unknown;
      closed_at: Date | null;
      total: bigint;
    }>
  >`
    SELECT c.number, c.product_model, c.serial_number, c.batch_number, c.cause, c.description, c.closed_at,
      d.data->>'findings' AS findings, p.data->>'summary' AS plan, p.data->'customerRemedy' AS remedy,
      count(*) OVER () AS total
    FROM complaint c
    LEFT JOIN LATERAL (
      SELECT data FROM complaint_form f WHERE f.complaint_number = c.number AND f.kind = 'diagnosis'
      ORDER BY f.seq DESC LIMIT 1) d ON true
    LEFT JOIN LATERAL (
      SELECT data FROM complaint_form f WHERE f.complaint_number = c.number AND f.kind = 'plan'
      ORDER BY f.seq DESC LIMIT 1) p ON true
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY c.closed_at DESC NULLS LAST, c.number DESC
    LIMIT ${query.limit} OFFSET ${query.offset}`;
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      number: r.number,
      productModel: r.product_model,
      serialNumber: r.serial_number,
      batchNumber: r.batch_number,
      cause: r.cause,
      description: r.description,
      findings: r.findings,
      plan: r.plan,
      remedy: Array.isArray(r.remedy) ? r.remedy.map(String) : [],
      closedAt: r.closed_at?.toISOString() ?? null,
      link: `/api/v1/complaints/${r.number}`,
    })),
  };
}

export function caseLibraryRoutes(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await findCases(prisma, caseQuerySchema.parse(req.query)));
  });
  return router;
}
