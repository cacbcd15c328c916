/**
 * Starts the real components once per test run: a Temporal dev server (with the complaint search
 * attributes) and a fresh PostgreSQL database with the migrations applied. Any component that cannot
 * start fails the run.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { applyMigrations } from '../../infra/migrate';
import { projectRoot } from '../../infra/project-root';
import { freePort, startDevServer } from '../../infra/temporal-dev-server';
import { setStack, TEST_ENV } from './stack-registry';

const LOCAL_POSTGRES = 'postgresql://postgres@127.0.0.1:5432/postgres';

function temporalBinaries(): { cli: string; testServer: string } {
  let cli = process.env.TEMPORAL_CLI_PATH;
  let testServer = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (!cli || !testServer) {
    const out = execFileSync('bash', [path.join(projectRoot(), 'scripts', 'provision-temporal.sh')], {
      encoding: 'utf8',
    });
    for (const line of out.split('\n')) {
      const [key, value] = line.split('=');
      if (key === 'TEMPORAL_CLI_PATH') cli = value;
      if (key === 'TEMPORAL_TEST_SERVER_PATH') testServer = value;
    }
  }
  if (!cli || !testServer)
    throw new Error('Temporal binaries could not be provisioned (scripts/provision-temporal.sh)');
  return { cli, testServer };
}

async function serverReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const { cli, testServer } = temporalBinaries();
  const temporal = await startDevServer({ cliPath: cli });

  let adminUrl: string | undefined = process.env.DATABASE_URL;
  if (adminUrl && !(await serverReachable(adminUrl))) {
    await temporal.stop();
    throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there`);
  }
  if (!adminUrl && (await serverReachable(LOCAL_POSTGRES))) adminUrl = LOCAL_POSTGRES;

  let databaseUrl: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (adminUrl) {
    const name = `complaints_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    databaseUrl = withDatabase(adminUrl, name);
    const url = adminUrl;
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-pglite-'));
    const embedded = await startEmbeddedPostgres(dir, await freePort());
    databaseUrl = embedded.url;
    stopEmbedded = async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  await applyMigrations(databaseUrl);

  process.env[TEST_ENV.temporalAddress] = temporal.address;
  process.env[TEST_ENV.testServerPath] = testServer;
  process.env[TEST_ENV.databaseUrl] = databaseUrl;
  process.env[TEST_ENV.databaseKind] = adminUrl ? 'server' : 'embedded';
  setStack({
    async stop() {
      await temporal.stop();
      await dropDatabase?.();
      await stopEmbedded?.();
    },
  });
  process.stdout.write(
    `\ntest stack: Temporal dev server ${temporal.address}, PostgreSQL ${adminUrl ? 'server' : 'embedded'} (${Date.now() - started} ms)\n`,
  );
}
