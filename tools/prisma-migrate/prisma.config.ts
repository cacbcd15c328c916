// Prisma 6.19 CLI configuration using the WebAssembly schema engine over a pg driver adapter.
// This tool exists because Prisma 7's migration commands need a native engine that cannot be
// downloaded on every machine. See README "Database migrations".
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// The WebAssembly engine leaves 10 s / 60 s timers armed, which keeps each command alive for up to a
// minute after it is done. Long timers must not hold the process open.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= 5_000) timer.unref();
  return timer;
}) as typeof setTimeout;

// adapter-pg 6.19 cannot decode the catalog types `name` (oid 19) and `"char"` (oid 18) that the
// schema engine reads (prisma/orm#27403); present them as text.
const TEXT_OID = 25;
const CATALOG_TEXT_OIDS = new Set([18, 19]);
function textifyCatalogFields(res: pg.QueryResult | undefined) {
  for (const field of res?.fields ?? []) {
    if (CATALOG_TEXT_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return res;
}
const originalQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function patchedQuery(this: pg.Client, ...args: unknown[]) {
  const last = args[args.length - 1];
  if (typeof last === 'function') {
    args[args.length - 1] = (err: Error | null, res: pg.QueryResult) => last(err, textifyCatalogFields(res));
    return originalQuery.apply(this, args);
  }
  const result = originalQuery.apply(this, args);
  if (result instanceof Promise) return result.then(textifyCatalogFields);
  return result;
} as typeof pg.Client.prototype.query;

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL must name a PostgreSQL database the tool may use');

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

// The stock connectToShadowDb ignores the shadow database name when given a connection string and
// drops the database while its pool is still open. This one uses a uniquely named database and
// closes its pool before dropping it.
class ShadowAwarePrismaPg extends PrismaPg {
  async connectToShadowDb() {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const name = `prisma_shadow_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const shadow = new PrismaPg({ connectionString: withDatabase(databaseUrl!, name), allowExitOnIdle: true });
    const adapter = await shadow.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Client({ connectionString: databaseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, '.work', 'schema.prisma'),
  migrations: { path: path.join(__dirname, '..', '..', 'prisma', 'migrations') },
  async adapter() {
    return new ShadowAwarePrismaPg({ connectionString: databaseUrl, allowExitOnIdle: true });
  },
});
