/**
 * One soak: the stack started, clients walking the load while the fault loop runs, then — faults stopped and
 * everything back up — the independent checker over what the clients were answered. `npm run soak` and the
 * CI test (test/soak/soak.test.ts) both run this.
 */
import { createPrisma, type PrismaClient } from '../../infra/database';
import { SoakClient } from './client';
import { checkInvariants, type CheckReport } from './checker';
import { Faults, type FaultKind } from './faults';
import { Load, type LoadCounts } from './load';
import { emptyLoadLog, type LoadLog } from './load-log';
import { Rng } from './rng';
import { SOAK_TIME_ZONE, startSoakStack, type SoakStack } from './stack';

export interface SoakOptions {
  minutes: number;
  seed: number;
  /** Clients walking the load at once. */
  clients: number;
  apis: number;
  workers: number;
  /** Seconds between faults, drawn from [min, max]. */
  faultEverySeconds: [number, number];
  burstSize: number;
  /** How long the checker may wait for the stack to settle after the faults. */
  settleSeconds: number;
  say: (line: string) => void;
}

export interface SoakResult {
  options: Omit<SoakOptions, 'say'>;
  load: LoadCounts;
  requests: { sent: number; retried: number; unanswered: number; byStatus: Record<string, number> };
  faults: Record<FaultKind, number>;
  complaints: number;
  emails: number;
  report: CheckReport;
  seconds: number;
}

/** Every process, Temporal, PostgreSQL and SMTP back up, at full speed. */
export async function everythingBack(stack: SoakStack): Promise<void> {
  if (!stack.temporal.running) await stack.temporal.start();
  await stack.database.restore();
  await stack.smtp.restore();
  stack.database.latencyMs = 0;
  for (let i = 0; i < stack.apis; i++) await stack.start('api', i);
  for (let i = 0; i < stack.workers; i++) await stack.start('worker', i);
}

/**
 * The invariant checker over `stack` against `log`, the faults over now and everything back; `then` reads what
 * else it needs with the checker's PostgreSQL client.
 */
export async function checkStack<T>(
  stack: SoakStack,
  log: LoadLog,
  settleSeconds: number,
  then: (report: CheckReport, prisma: PrismaClient) => Promise<T>,
): Promise<T> {
  const faultsEndedAt = new Date();
  const prisma = createPrisma(stack.databaseUrl, 4);
  try {
    const report = await checkInvariants({
      prisma,
      temporal: stack.client,
      caught: stack.catcher.messages,
      log,
      settleMs: settleSeconds * 1_000,
      timeZone: SOAK_TIME_ZONE,
      faultsEndedAt,
    });
    return await then(report, prisma);
  } finally {
    await prisma.$disconnect();
  }
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const started = Date.now();
  const { say, ...shown } = options;
  const stack = await startSoakStack({ apis: options.apis, workers: options.workers });
  try {
    say(
      `stack up: ${options.apis} APIs, ${options.workers} workers; load for ${options.minutes} min, seed ${options.seed}`,
    );
    const rng = new Rng(options.seed);
    const client = new SoakClient(() => stack.apiUrls(), stack.tokens);
    const log = emptyLoadLog();
    const load = new Load(
      client,
      log,
      rng,
      {
        mail: () => stack.catcher.messages,
        apis: () => stack.apiUrls(),
        replyPorts: () => stack.inboundPorts(),
      },
      { temporal: stack.client, taskQueue: stack.taskQueue, timeZone: SOAK_TIME_ZONE },
    );
    const faults = new Faults(
      stack,
      load,
      new Rng(options.seed * 7919),
      { everySeconds: options.faultEverySeconds, burstSize: options.burstSize },
      say,
    );
    const clients = [...Array.from({ length: options.clients }, () => load.run()), load.backfill()];
    const faulting = faults.run();
    await new Promise((resolve) => setTimeout(resolve, options.minutes * 60_000));
    say('load and faults stopping');
    faults.stop();
    await faulting;
    load.stopping = true;
    await Promise.all(clients);
    await everythingBack(stack);
    say(`everything back up; checking (settling up to ${options.settleSeconds} s)`);
    return await checkStack(stack, log, options.settleSeconds, async (report, prisma) => ({
      options: shown,
      load: load.counts,
      requests: client.counts,
      faults: faults.injected,
      complaints: await prisma.complaint.count(),
      emails: stack.catcher.messages.length,
      report,
      seconds: Math.round((Date.now() - started) / 1_000),
    }));
  } finally {
    await stack.stop();
  }
}
