/**
 * The real stack the benchmark measures, started by itself: a Temporal dev server (in memory), a fresh
 * PostgreSQL database, an SMTP catcher, and the worker and the API as their own compiled processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { ROLES, type Role } from '../../domain/roles';
import { environment } from '../../infra/config';
import { createPrisma } from '../../infra/database';
import { issueStaffToken } from '../../infra/staff';
import { applyMigrations } from '../../infra/migrate';
import { startMailCatcher, type MailCatcher } from '../../infra/mail-catcher';
import { projectRoot } from '../../infra/project-root';
import { freePort, startDevServer, type DevServer } from '../../infra/temporal-dev-server';
import { eventually as until } from '../../test/support/eventually';

export interface BenchStack {
  temporalAddress: string;
  databaseUrl: string;
  apiUrl: string;
  taskQueue: string;
  worker: ChildProcess;
  api: ChildProcess;
  temporalServer: ChildProcess;
  catcher: MailCatcher;
  stop(): Promise<void>;
}

export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `complaints_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export function startProcess(
  entry: string,
  env: Record<string, string>,
  ready: string,
  profileDir?: string,
): Promise<ChildProcess> {
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // as deployed (package.json start:worker, docker-compose.yml): the worker's main heap bounded too
  const heap = entry.startsWith('worker/') ? ['--max-old-space-size=512'] : [];
  const child = spawn(process.execPath, [...heap, ...profiling, path.join(projectRoot(), 'dist', entry)], {
    env: { PATH: environment().PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // what it printed before it was ready (for the error); after that its output is read and dropped, never
  // kept (the API logs every request: keeping and searching it all cost the bench's own CPU)
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes(ready)) return;
      clearTimeout(timer);
      for (const stream of [child.stdout, child.stderr]) stream.off('data', onData).on('data', () => undefined);
      resolve(child);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${entry} exited (${code}):\n${output}`)));
  });
}

/** `profileDir`: the worker and the API write V8 CPU profiles there when they stop (open them in Chrome DevTools). */
export async function startBenchStack(
  cliPath: string,
  options: {
    profileDir?: string;
    profileFiles?: string;
    workerMetricsAddress?: string;
    /** Variables of the worker's process only (allocator, cache size, …). */
    workerEnv?: Record<string, string>;
  } = {},
): Promise<BenchStack> {
  const { profileDir } = options;
  const env = environment();
  const temporal: DevServer = await startDevServer({ cliPath, port: await freePort() });
  const database = await freshDatabase(env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  await applyMigrations(database.url);
  const catcher = await startMailCatcher();
  const apiPort = await freePort();
  const taskQueue = `bench-${Date.now()}`;
  const common = {
    DATABASE_URL: database.url,
    SMTP_URL: catcher.smtpUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'info',
    ...(options.profileFiles && { PROFILE_FILES: options.profileFiles }),
  };
  const worker = await startProcess(
    'worker/main.js',
    {
      ...common,
      ...(options.workerMetricsAddress && { WORKER_METRICS_ADDRESS: options.workerMetricsAddress }),
      ...options.workerEnv,
    },
    'worker polling',
    profileDir,
  );
  const api = await startProcess(
    'api/main.js',
    { ...common, API_PORT: String(apiPort), API_HOST: '127.0.0.1' },
    'listening',
    profileDir,
  );
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await until(async () => ((await fetch(`${apiUrl}/readyz`).catch(() => undefined))?.ok ? true : undefined), 30_000);
  return {
    temporalAddress: temporal.address,
    databaseUrl: database.url,
    apiUrl,
    taskQueue,
    worker,
    api,
    temporalServer: temporal.process,
    catcher,
    async stop() {
      for (const child of [api, worker]) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await catcher.stop();
      await temporal.stop();
      await database.drop();
    },
  };
}

/** A bearer token per role for the bench's staff (`bench-<role>`), issued in the stack's database. */
export async function issueBenchTokens(databaseUrl: string): Promise<Record<Role, string>> {
  const prisma = createPrisma(databaseUrl, 2);
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES)
    tokens[role] = await issueStaffToken(prisma, {
      id: `bench-${role}`,
      name: role,
      email: `${role}@example.com`,
      role,
    });
  await prisma.$disconnect();
  return tokens;
}
