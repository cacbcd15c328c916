/**
 * The project's benchmark: starts the real stack itself, measures a raw Temporal baseline and the service
 * side by side on the same server, and prints one table.
 *   npm run bench -- [--registrations 500] [--concurrency 20] [--complaints 10] [--timers 20] [--open 0]
 *                    [--profile dir] [--worker-env NAME=value ...]
 * --open N adds N open complaints at the end and reports the worker's memory with them (10,000: ~10 min).
 * --worker-env sets a variable of the worker's process (MALLOC_ARENA_MAX=2, WORKER_MAX_CACHED_WORKFLOWS=200, …).
 *   npm run bench -- --fleet [--fleet-complaints 2000] [--fleet-kills 6]   two APIs, three workers killed in turn
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { escalationWorkflowId } from '../domain/escalation-contract';
import type { Role } from '../domain/roles';
import { environment } from '../infra/config';
import { createPrisma, type PrismaClient } from '../infra/database';
import { installTemporalRuntime } from '../worker/create-worker';
import {
  commandsUpdate,
  finishUpdate,
  rawActivities,
  rawTimerWorkflow,
  rawWorkflow,
  touchUpdate,
} from './bench/raw-workflow';
import { FAST_CLOCK_MS, FAST_CLOCKS_PROFILE, writeFastClocksProfile } from './bench/fast-clocks';
import { effectsCarriedOut, untilInTriage, untilThroughRegistration } from './bench/waits';
import { eventually as until } from '../test/support/eventually';
import { cpuMeter, cpuMs, cpuMsByName, percentile, pool, printTable, rssMiB, timed } from './bench/measure';
import { issueBenchTokens, startBenchStack, type BenchStack } from './bench/stack';
import { benchFleet } from './fleet/bench';

const { values: options } = parseArgs({
  options: {
    registrations: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '20' },
    complaints: { type: 'string', default: '10' },
    timers: { type: 'string', default: '20' },
    open: { type: 'string', default: '0' },
    profile: { type: 'string' },
    'worker-env': { type: 'string', multiple: true, default: [] },
    fleet: { type: 'boolean', default: false },
    'fleet-complaints': { type: 'string', default: '2000' },
    'fleet-kills': { type: 'string', default: '6' },
  },
});
const REGISTRATIONS = Number(options.registrations);
const CONCURRENCY = Number(options.concurrency);
const COMPLAINTS = Number(options.complaints);
const TIMERS = Number(options.timers);
const OPEN = Number(options.open);

/** The README walk-through: ten staff actions from classification to the survey that closes. */
const WALK_THROUGH: Array<[string, Role, unknown]> = [
  ['classify', 'customer_service', { type: 'product_fault' }],
  ['checkValidity', 'sales', { valid: true, reason: 'original part, correct use', customerContacted: true }],
  [
    'submitDiagnosis',
    'technical_support',
    {
      cause: 'manufacturing',
      findings: 'cracked solder joint',
      analysis: { method: 'five_why', whys: ['trips'] },
      evidence: { factoryTestReport: 'FT-1: passed at shipment' },
    },
  ],
  [
    'proposePlan',
    'technical_support',
    { summary: 'replace the drive', customerRemedy: ['free repair or replacement of the faulty part'] },
  ],
  ['approvePlan', 'quality_manager', { approved: true }],
  ['recordCustomerDecision', 'sales', { accepted: true, confirmationRef: 'signed scan' }],
  ['recordProgress', 'customer_service', { note: 'drive replaced' }],
  ['recordProcessing', 'repair', { steps: ['replaced drive'] }],
  ['recordVerification', 'technical_support', { passed: true, method: '2 h run', result: 'no fault' }],
  ['recordSurvey', 'customer_service', { level: 'very_satisfied' }],
];

function registration(i: number, profileId = 'industrial-fault') {
  return {
    profileId,
    customer: { name: `Bench Co ${i}`, email: `bench-${i}@example.com`, language: 'en', region: 'east' },
    product: { model: 'XR-200', serialNumber: `SN-${i}`, batchNumber: `B-${i}`, warrantyStatus: 'in' },
    channel: 'email',
    description: 'Pump stops after 10 minutes of operation',
  };
}

/** CPU of every process of the stack (ms), to say where a phase's time went. */
function stackCpu(stack: BenchStack) {
  return cpuMeter({
    temporal: () => cpuMs(stack.temporalServer.pid!),
    postgres: () => cpuMsByName('postgres'),
    api: () => cpuMs(stack.api.pid!),
    worker: () => cpuMs(stack.worker.pid!),
    bench: () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1000;
    },
  });
}

/** "temporal 3.1, postgres 0.2, …" ms per item, the processes that used any. */
function cpuPerItem(used: Record<string, number>, items: number): string {
  return Object.entries(used)
    .filter(([, ms]) => ms / items >= 0.05)
    .map(([name, ms]) => `${name} ${(ms / items).toFixed(1)}`)
    .join(', ');
}

async function rawBaseline(address: string, client: Client, stack: BenchStack) {
  const taskQueue = `raw-${Date.now()}`;
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: require.resolve('./bench/raw-workflow'),
    activities: rawActivities,
  });
  return worker.runUntil(async () => {
    const cpu = stackCpu(stack);
    const starts = await timed(() =>
      pool(REGISTRATIONS, CONCURRENCY, (i) =>
        client.workflow.start(rawWorkflow, { taskQueue, workflowId: `${taskQueue}-${i}` }),
      ),
    );
    const startsCpu = cpuPerItem(cpu.stop(), REGISTRATIONS);
    const latencies: number[] = [];
    for (let i = 0; i < COMPLAINTS * WALK_THROUGH.length; i += 1) {
      const handle = starts.value[i % starts.value.length]!;
      latencies.push((await timed(() => handle.executeUpdate(touchUpdate, { args: ['x'] }))).ms);
    }
    // the same, with the commands an action's answer carries (where the gap to a staff action is Temporal's own)
    const withCommands: number[] = [];
    for (let i = 0; i < COMPLAINTS * WALK_THROUGH.length; i += 1) {
      const handle = starts.value[i % starts.value.length]!;
      withCommands.push((await timed(() => handle.executeUpdate(commandsUpdate, { args: ['x'] }))).ms);
    }
    await pool(starts.value.length, CONCURRENCY, (i) => starts.value[i]!.executeUpdate(finishUpdate));
    const lateness = await Promise.all(
      Array.from({ length: TIMERS }, (_, i) =>
        client.workflow.execute(rawTimerWorkflow, {
          taskQueue,
          workflowId: `${taskQueue}-t${i}`,
          args: [FAST_CLOCK_MS],
        }),
      ),
    );
    return {
      startsCpu,
      startsPerSecond: REGISTRATIONS / (starts.ms / 1000),
      update: spread(latencies),
      updateWithCommands: spread(withCommands),
      lateness: spread(lateness),
    };
  });
}

/** p50, p95, p99 and the maximum of a sample. */
function spread(values: number[]) {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: Math.max(...values),
  };
}

async function service(stack: BenchStack, client: Client, tokens: Record<Role, string>) {
  const prisma = createPrisma(stack.databaseUrl, 4);
  const post = async (path: string, role: Role, body: unknown) => {
    const res = await fetch(`${stack.apiUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { number?: string };
  };
  const rssBefore = rssMiB(stack.worker.pid!);
  const cpu = stackCpu(stack);
  const registered = await timed(() =>
    pool(REGISTRATIONS, CONCURRENCY, async (i) => ({
      number: (await post('/complaints', 'customer_service', registration(i))).number!,
      at: performance.now(),
    })),
  );
  const lastPost = Math.max(...registered.value.map((r) => r.at));
  const registrationCpu = cpuPerItem(cpu.stop(), REGISTRATIONS);
  // A complaint is through registration once its stored record left `registered` (the registration step
  // is recorded: acknowledgement and owners' mails queued behind it).
  // In triage in the workflow (what staff act on, and the Web UI shows) comes first.
  const [triagedAt, inTriageAt] = await Promise.all([
    untilThroughRegistration(
      prisma,
      registered.value.map((r) => r.number),
      600_000,
    ),
    untilInTriage(client, stack.taskQueue, REGISTRATIONS),
  ]);
  const toTriage = registered.value.map((r) => triagedAt.get(r.number)! - r.at);
  const burstDrained = Math.max(...triagedAt.values()) - lastPost;
  const burstInTriage = inTriageAt - lastPost;
  const rssAfter = rssMiB(stack.worker.pid!);
  const walk = async (numbers: string[], settle: boolean) => {
    const latencies: number[] = [];
    const byAction = new Map<string, number[]>();
    for (const [action, role, body] of WALK_THROUGH) {
      for (const number of numbers) {
        const { ms } = await timed(() => post(`/complaints/${number}/actions/${action}`, role, body));
        latencies.push(ms);
        byAction.set(action, [...(byAction.get(action) ?? []), ms]);
        if (settle) await effectsCarriedOut(client, number);
      }
    }
    return { latencies, byAction };
  };
  // Taking turns over the complaints, one action at a time: first as staff work (the previous action's records
  // and emails carried out before the next action, untimed), then back to back (the next action competes with
  // the previous one's effects for the 2 cores).
  const numbers = registered.value.map((r) => r.number);
  const paced = await walk(numbers.slice(0, COMPLAINTS), true);
  const backToBack = await walk(numbers.slice(COMPLAINTS, 2 * COMPLAINTS), false);
  const latencies = paced.latencies;
  const byAction = paced.byAction;
  const timers = await timerLateness(prisma, client, post);
  const open = OPEN > 0 ? await withOpenComplaints(stack, prisma, post) : undefined;
  await prisma.$disconnect();
  return {
    registrationCpu,
    registrationsPerSecond: REGISTRATIONS / (registered.ms / 1000),
    triage: spread(toTriage),
    burstDrained,
    burstInTriage,
    action: spread(latencies),
    actionBackToBack: spread(backToBack.latencies),
    byAction: [...byAction].map(([action, ms]) => `${action} ${percentile(ms, 50).toFixed(0)}`).join(', '),
    rssPerComplaintKiB: ((rssAfter - rssBefore) * 1024) / REGISTRATIONS,
    rssAfter,
    lateness: timers,
    open,
  };
}

type Row = [string, number | undefined, number | undefined, string];

type Post = (path: string, role: Role, body: unknown) => Promise<{ number?: string }>;

/**
 * Registers complaints whose clocks run 24 s; how late each missed deadline was acted on: the escalation
 * ladder's start (Temporal's own start time of the child) after the clock's due time.
 */
async function timerLateness(prisma: PrismaClient, client: Client, post: Post) {
  const numbers = await pool(TIMERS, CONCURRENCY, async (i) => {
    return (await post('/complaints', 'customer_service', registration(100_000 + i, FAST_CLOCKS_PROFILE))).number!;
  });
  const breached = await until(
    async () => {
      const rows = await prisma.slaClock.findMany({
        where: { complaintNumber: { in: numbers }, breachedAt: { not: null } },
        select: { complaintNumber: true, name: true, dueAt: true },
      });
      return new Set(rows.map((r) => r.complaintNumber)).size === numbers.length ? rows : undefined;
    },
    180_000,
    250,
  );
  const late: number[] = [];
  const ladderStart = async (number: string, clock: string) => {
    // ladders are numbered per complaint in the order they started
    for (let seq = 1; seq <= 10; seq += 1) {
      const handle = client.workflow.getHandle(escalationWorkflowId(number, clock, seq));
      const started = await handle.describe().then(
        (d) => d.startTime.getTime(),
        () => undefined,
      );
      if (started !== undefined) return started;
    }
    return undefined;
  };
  for (const clock of breached) {
    const started = await ladderStart(clock.complaintNumber, clock.name);
    if (started !== undefined) late.push(started - clock.dueAt.getTime());
  }
  return spread(late);
}

/** Adds OPEN complaints, each through registration and classified, and reads the worker's memory. */
async function withOpenComplaints(stack: BenchStack, prisma: PrismaClient, post: Post) {
  // the worker's memory every 30 s while the complaints go through it (stderr), to see the curve
  const started = Date.now();
  const sampler = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    process.stderr.write(`worker RSS after ${seconds} s of the open phase: ${rssMiB(stack.worker.pid!)} MiB\n`);
  }, 30_000);
  try {
    return await addOpenComplaints(stack, prisma, post);
  } finally {
    clearInterval(sampler);
  }
}

async function addOpenComplaints(stack: BenchStack, prisma: PrismaClient, post: Post) {
  const numbers = await pool(OPEN, CONCURRENCY, async (i) => {
    return (await post('/complaints', 'customer_service', registration(200_000 + i))).number!;
  });
  await untilThroughRegistration(prisma, numbers, 3_600_000);
  // each classified, so every complaint the worker keeps has loaded the action schemas (the larger case)
  const [action, role, body] = WALK_THROUGH[0]!;
  await pool(numbers.length, CONCURRENCY, (i) => post(`/complaints/${numbers[i]}/actions/${action}`, role, body));
  return { count: numbers.length + REGISTRATIONS + TIMERS, rssMiB: rssMiB(stack.worker.pid!) };
}

async function main() {
  const cli = environment().TEMPORAL_CLI_PATH;
  if (!cli) throw new Error('TEMPORAL_CLI_PATH is not set: run `npm run bench`, which provisions the Temporal CLI');
  installTemporalRuntime();
  const stack = await startBenchStack(cli, {
    profileDir: options.profile && path.resolve(options.profile),
    profileFiles: writeFastClocksProfile(),
    workerEnv: Object.fromEntries(
      (options['worker-env'] ?? []).map((pair) => [
        pair.slice(0, pair.indexOf('=')),
        pair.slice(pair.indexOf('=') + 1),
      ]),
    ),
  });
  try {
    const tokens = await issueBenchTokens(stack.databaseUrl);
    const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
    const raw = await rawBaseline(stack.temporalAddress, client, stack);
    const svc = await service(stack, client, tokens);
    await client.connection.close();
    process.stdout.write(
      `\nBenchmark: ${REGISTRATIONS} registrations at concurrency ${CONCURRENCY}; ${COMPLAINTS} complaints × ${WALK_THROUGH.length} README actions, one at a time, taking turns\n\n` +
        printTable([
          ['starts / registrations per second', raw.startsPerSecond, svc.registrationsPerSecond, '/s'],
          ['update / staff action round trip p50', raw.update.p50, svc.action.p50, 'ms'],
          [
            'update with an activity, a search attribute, details p50',
            raw.updateWithCommands.p50,
            svc.action.p50,
            'ms',
          ],
          ['update / staff action round trip p95', raw.update.p95, svc.action.p95, 'ms'],
          ['update / staff action round trip p99', raw.update.p99, svc.action.p99, 'ms'],
          ['update / staff action back to back p50', raw.update.p50, svc.actionBackToBack.p50, 'ms'],
          ['update / staff action back to back p95', raw.update.p95, svc.actionBackToBack.p95, 'ms'],
          ['registration → through registration p50', undefined, svc.triage.p50, 'ms'],
          ['registration → through registration p95', undefined, svc.triage.p95, 'ms'],
          [`last of ${REGISTRATIONS} in triage (workflow), after the last POST`, undefined, svc.burstInTriage, 'ms'],
          [`last of ${REGISTRATIONS} recorded (stored list), after the last POST`, undefined, svc.burstDrained, 'ms'],
          [
            'timer lateness p50 (raw: sleep; service: deadline → ladder started)',
            raw.lateness.p50,
            svc.lateness.p50,
            'ms',
          ],
          ['timer lateness p99', raw.lateness.p99, svc.lateness.p99, 'ms'],
          ['worker RSS per open complaint (cache filling)', undefined, svc.rssPerComplaintKiB, 'KiB'],
          ['worker RSS after the registrations', undefined, svc.rssAfter, 'MiB'],
          ...(svc.open
            ? [[`worker RSS with ${svc.open.count} open complaints`, undefined, svc.open.rssMiB, 'MiB'] as Row]
            : []),
        ]) +
        `\n\nstaff action p50 by action (ms): ${svc.byAction}\n` +
        `CPU per start while starting (ms): ${raw.startsCpu}\n` +
        `CPU per registration while registering (ms): ${svc.registrationCpu}\n`,
    );
  } finally {
    await stack.stop();
  }
}

const run = options.fleet
  ? benchFleet(Number(options['fleet-complaints']), Number(options['fleet-kills']))
  : main().then(() => 0);
run.then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
