/**
 * Shipment records (issue 11): which customer received which lot or serial, how many, when and where. A
 * file of them — CSV or JSON — is checked line by line first (every error names its line: the CSV line, or
 * the JSON item 1..n), then stored in one transaction, idempotent by the sender's shipment id: a line stored
 * before with the same content is `unchanged`, with other content it is a line error, and nothing of a
 * rejected file is stored. Reading and checking the file: api/shipment-file.ts.
 */
import type { PrismaClient } from '../infra/database';
import { checkLines, Issues, readCsv, readJson, type CheckOptions, type ShipmentRecord } from './shipment-file';

/** Lines inserted (and compared with those stored before) per statement. */
const CHUNK = 1_000;

function sameContent(a: ShipmentRecord, b: ShipmentRecord): boolean {
  return (
    a.customerName === b.customerName &&
    a.customerEmail === b.customerEmail &&
    a.customerLanguage === b.customerLanguage &&
    a.shipTo === b.shipTo &&
    a.productModel === b.productModel &&
    a.lot === b.lot &&
    a.serial === b.serial &&
    a.quantity === b.quantity &&
    a.shippedAt.getTime() === b.shippedAt.getTime()
  );
}

/** One chunk inserted as arrays, one parameter per column (Prisma's createMany took ~0.5 s per 1,000 rows). */
const INSERT_SQL = `insert into shipment (id, customer_name, customer_email, customer_language, ship_to, product_model,
    lot, serial, quantity, shipped_at)
  select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::int[], $10::timestamptz[])
  on conflict (id) do nothing
  returning id`;
/** The stored shipments of some ids. */
const SELECT_SQL = `select id, customer_name as "customerName", customer_email as "customerEmail",
    customer_language as "customerLanguage", ship_to as "shipTo", product_model as "productModel", lot, serial,
    quantity, shipped_at as "shippedAt"
  from shipment where id = any($1::text[])`;

/** What an import did: lines in the file, new shipments stored, shipments stored before with the same content. */
export interface ImportResult {
  received: number;
  created: number;
  unchanged: number;
}

/** A checked line of the file: where it is, and the shipment it holds. */
type Line = { line: number; record: ShipmentRecord };
/** The part of the transaction's client the import uses. */
type Tx = Pick<PrismaClient, '$queryRawUnsafe'>;

/**
 * Stores the checked lines in one transaction, CHUNK lines per insert (ON CONFLICT (id) DO NOTHING); the
 * lines not inserted are compared with the stored ones in one query per chunk. A line stored before with
 * other content is an issue of its line, and the whole transaction is rolled back (ShipmentFileRejected):
 * nothing of the file is stored. Two imports of the same ids at once: the second waits for the first's
 * insert and then compares with what it committed.
 */
export async function storeShipments(
  prisma: PrismaClient,
  lines: Line[],
  unit: 'line' | 'item',
): Promise<ImportResult> {
  return prisma.$transaction(
    async (tx) => {
      const issues = new Issues();
      let created = 0;
      for (let start = 0; start < lines.length; start += CHUNK) {
        const chunk = lines.slice(start, start + CHUNK);
        const inserted = await insertChunk(tx, chunk);
        created += inserted.length;
        const insertedIds = new Set(inserted);
        const before = chunk.filter((l) => !insertedIds.has(l.record.id));
        if (before.length) await compareWithStored(tx, before, issues);
      }
      if (issues.list.length)
        throw issues.rejection(unit, (n) => `${n === 1 ? 'was' : 'were'} imported before with other content`);
      return { received: lines.length, created, unchanged: lines.length - created };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

/** Inserts the chunk's new shipments; the ids inserted (those not stored before). */
async function insertChunk(tx: Tx, chunk: Line[]): Promise<string[]> {
  const records = chunk.map((l) => l.record);
  const column = <K extends keyof ShipmentRecord>(key: K) => records.map((r) => r[key]);
  const inserted = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    INSERT_SQL,
    column('id'),
    column('customerName'),
    column('customerEmail'),
    column('customerLanguage'),
    column('shipTo'),
    column('productModel'),
    column('lot'),
    column('serial'),
    column('quantity'),
    records.map((r) => r.shippedAt.toISOString()),
  );
  return inserted.map((r) => r.id);
}

/** An issue for each line stored before with other content. */
async function compareWithStored(tx: Tx, before: Line[], issues: Issues): Promise<void> {
  const stored = await tx.$queryRawUnsafe<ShipmentRecord[]>(
    SELECT_SQL,
    before.map((l) => l.record.id),
  );
  const storedById = new Map(stored.map((s) => [s.id, s]));
  for (const { line, record } of before) {
    const existing = storedById.get(record.id);
    if (!existing || !sameContent(existing, record))
      issues.add({ line, path: 'id', message: `shipment ${record.id} was imported before with other content` });
  }
}

/** Reads, checks and stores a shipment file: CSV text, or the parsed JSON body. */
export async function importShipments(
  prisma: PrismaClient,
  body: { csv: string } | { json: unknown },
  options: CheckOptions,
): Promise<ImportResult> {
  const file = 'csv' in body ? readCsv(body.csv) : readJson(body.json);
  const lines = checkLines(file, options);
  return storeShipments(prisma, lines, file.unit);
}
