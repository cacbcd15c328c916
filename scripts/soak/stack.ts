/**
 * The soak's own stack: a Temporal dev server that can be stopped and started with its workflows intact, a fresh
 * PostgreSQL database and an SMTP catcher each behind a TCP proxy that can be cut or slowed, and several API and
 * worker processes (compiled, as deployed) that can be killed and started again on the same ports.
 */
import type { ChildProcess } from 'node:child_process';
import type { Client } from '@temporalio/client';
import { connectClient } from '../../infra/temporal-connection';
import { environment } from '../../infra/config';
import { applyMigrations } from '../../infra/migrate';
import { startMailCatcher, type MailCatcher } from '../../infra/mail-catcher';
import { freePort } from '../../infra/temporal-dev-server';
import type { Role } from '../../domain/roles';
import { startRestartableTemporal, type RestartableTemporal } from '../../test/support/restartable-temporal';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy';
import { eventually as until } from '../../test/support/eventually';
import { freshDatabase, issueBenchTokens, startProcess } from '../bench/stack';

/** One API or worker process slot: its process while it runs. */
interface Slot {
  kind: 'api' | 'worker';
  index: number;
  port?: number;
  /** An API's listener for customers' email replies. */
  inboundPort?: number;
  child?: ChildProcess;
}

export interface SoakStack {
  temporal: RestartableTemporal;
  /** A client of the Temporal server (it reconnects after a restart). */
  client: Client;
  /** The task queue the workers poll (the monthly report's backfill starts on it). */
  taskQueue: string;
  databaseUrl: string;
  catcher: MailCatcher;
  database: TcpProxy;
  smtp: TcpProxy;
  tokens: Record<Role, string>;
  /** The APIs running now. */
  apiUrls(): string[];
  /** The reply listeners of the APIs running now. */
  inboundPorts(): number[];
  readonly apis: number;
  readonly workers: number;
  kill(kind: 'api' | 'worker', index: number): Promise<void>;
  start(kind: 'api' | 'worker', index: number): Promise<void>;
  running(kind: 'api' | 'worker'): number[];
  stop(): Promise<void>;
}

/** The company's time zone on the soak's stack (the monthly totals are counted in it). */
export const SOAK_TIME_ZONE = 'Asia/Shanghai';
/** Where customers reply: `replies+<number>@example.com` reaches the complaint. */
export const SOAK_REPLY_MAILBOX = 'replies@example.com';

function through(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

export async function startSoakStack(options: { apis: number; workers: number }): Promise<SoakStack> {
  const env = environment();
  const temporal = await startRestartableTemporal();
  const db = await freshDatabase(env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  await applyMigrations(db.url);
  const catcher = await startMailCatcher();
  const database = await startTcpProxy({ port: Number(new URL(db.url).port || 5432) });
  const smtp = await startTcpProxy({ port: Number(new URL(catcher.smtpUrl).port) });
  const common = {
    DATABASE_URL: through(db.url, database.port),
    SMTP_URL: through(catcher.smtpUrl, smtp.port),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `soak-${Date.now()}`,
    LOG_LEVEL: 'info',
    COMPLAINT_TIMEZONE: SOAK_TIME_ZONE,
    REPLY_MAILBOX: SOAK_REPLY_MAILBOX,
  };
  const slots: Slot[] = [
    ...Array.from({ length: options.apis }, (_, index): Slot => ({ kind: 'api', index })),
    ...Array.from({ length: options.workers }, (_, index): Slot => ({ kind: 'worker', index })),
  ];
  for (const slot of slots.filter((s) => s.kind === 'api')) {
    slot.port = await freePort();
    slot.inboundPort = await freePort();
  }
  const slotOf = (kind: Slot['kind'], index: number) => slots.find((s) => s.kind === kind && s.index === index)!;

  async function start(kind: Slot['kind'], index: number): Promise<void> {
    const slot = slotOf(kind, index);
    if (slot.child) return;
    slot.child =
      kind === 'worker'
        ? await startProcess('worker/main.js', common, 'worker polling')
        : await startProcess(
            'api/main.js',
            {
              ...common,
              API_PORT: String(slot.port),
              API_HOST: '127.0.0.1',
              INBOUND_SMTP_PORT: String(slot.inboundPort),
            },
            'listening',
          );
    slot.child.once('exit', () => (slot.child = undefined));
  }
  async function kill(kind: Slot['kind'], index: number): Promise<void> {
    const child = slotOf(kind, index).child;
    if (!child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  for (const slot of slots) await start(slot.kind, slot.index);
  const apiUrls = () => slots.filter((s) => s.kind === 'api' && s.child).map((s) => `http://127.0.0.1:${s.port}`);
  await until(async () => ((await fetch(`${apiUrls()[0]}/readyz`).catch(() => undefined))?.ok ? true : undefined));
  const client = await connectClient({ TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default' });
  return {
    temporal,
    client,
    taskQueue: common.TEMPORAL_TASK_QUEUE,
    databaseUrl: db.url,
    catcher,
    database,
    smtp,
    tokens: await issueBenchTokens(db.url),
    apiUrls,
    inboundPorts: () => slots.filter((s) => s.kind === 'api' && s.child).map((s) => s.inboundPort!),
    apis: options.apis,
    workers: options.workers,
    kill,
    start,
    running: (kind) => slots.filter((s) => s.kind === kind && s.child).map((s) => s.index),
    async stop() {
      for (const slot of slots) {
        const child = slot.child;
        if (!child) continue;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await client.connection.close();
      await Promise.all([database.stop(), smtp.stop()]);
      await catcher.stop();
      await temporal.dispose();
      await db.drop();
    },
  };
}
