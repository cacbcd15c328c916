/**
 * The project's benchmark: starts the real stack itself, measures a raw Temporal baseline and the service
 * side by side on the same server, and prints one table.
 *   npm run bench -- [--registrations 200] [--concurrency 20] [--complaints 10]
 */
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ROLES, type Role } from '../domain/roles';
import { environment } from '../infra/config';
import { createPrisma } from '../infra/database';
import { issueStaffToken } from '../infra/staff';
import { installTemporalRuntime } from '../worker/create-worker';
import { finishUpdate, rawWorkflow, touchUpdate } from './bench/raw-workflow';
import { eventually as until } from '../test/support/eventually';
import { percentile, pool, printTable, rssMiB, timed } from './bench/measure';
import { startBenchStack, type BenchStack } from './bench/stack';

const { values: options } = parseArgs({
  options: {
    registrations: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    complaints: { type: 'string', default: '10' },
  },
});
const REGISTRATIONS = Number(options.registrations);
const CONCURRENCY = Number(options.concurrency);
const COMPLAINTS = Number(options.complaints);

/** The README walk-through: ten staff actions from classification to the survey that closes. */
const WALK_THROUGH: Array<[string, Role, unknown]> = [
  ['classify', 'customer_service', { type: 'product_fault' }],
  ['checkValidity', 'sales', { valid: true, reason: 'original part, correct use', customerContacted: true }],
  [
    'submitDiagnosis',
    'technical_support',
    { cause: 'manufacturing', findings: 'cracked solder joint', analysis: { method: 'five_why', whys: ['trips'] } },
  ],
  ['proposePlan', 'technical_support', { summary: 'replace the drive', customerRemedy: ['replace'] }],
  ['approvePlan', 'quality_manager', { approved: true }],
  ['recordCustomerDecision', 'sales', { accepted: true, confirmationRef: 'signed scan' }],
  ['recordProgress', 'repair', { note: 'drive replaced' }],
  ['recordProcessing', 'repair', { steps: ['replaced drive'] }],
  ['recordVerification', 'technical_support', { passed: true, method: '2 h run', result: 'no fault' }],
  ['recordSurvey', 'customer_service', { level: 'very_satisfied' }],
];

function registration(i: number) {
  return {
    profileId: 'industrial-fault',
    customer: { name: `Bench Co ${i}`, email: `bench-${i}@example.com`, language: 'en', region: 'east' },
    product: { model: 'XR-200', serialNumber: `SN-${i}`, batchNumber: `B-${i}`, warrantyStatus: 'in' },
    channel: 'email',
    description: 'Pump stops after 10 minutes of operation',
  };
}

async function rawBaseline(address: string, client: Client) {
  const taskQueue = `raw-${Date.now()}`;
  const worker = await Worker.create({
    connection: await NativeConnection.connect({ address }),
    taskQueue,
    workflowsPath: require.resolve('./bench/raw-workflow'),
  });
  return worker.runUntil(async () => {
    const starts = await timed(() =>
      pool(REGISTRATIONS, CONCURRENCY, (i) =>
        client.workflow.start(rawWorkflow, { taskQueue, workflowId: `${taskQueue}-${i}` }),
      ),
    );
    const latencies: number[] = [];
    for (let i = 0; i < COMPLAINTS * WALK_THROUGH.length; i += 1) {
      const handle = starts.value[i % starts.value.length]!;
      latencies.push((await timed(() => handle.executeUpdate(touchUpdate, { args: ['x'] }))).ms);
    }
    await pool(starts.value.length, CONCURRENCY, (i) => starts.value[i]!.executeUpdate(finishUpdate));
    return {
      startsPerSecond: REGISTRATIONS / (starts.ms / 1000),
      updateP50: percentile(latencies, 50),
      updateP95: percentile(latencies, 95),
    };
  });
}

async function service(stack: BenchStack, tokens: Record<Role, string>) {
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
  const registered = await timed(() =>
    pool(REGISTRATIONS, CONCURRENCY, async (i) => ({
      number: (await post('/complaints', 'customer_service', registration(i))).number!,
      at: performance.now(),
    })),
  );
  // A complaint is through registration once its stored record reached triage (the acknowledgement is out).
  const triagedAt = new Map<string, number>();
  await until(
    async () => {
      const rows = await prisma.complaint.findMany({
        where: { stage: { not: 'registered' } },
        select: { number: true },
      });
      for (const r of rows) if (!triagedAt.has(r.number)) triagedAt.set(r.number, performance.now());
      return triagedAt.size >= REGISTRATIONS ? true : undefined;
    },
    600_000,
    100,
  );
  const toTriage = registered.value.map((r) => triagedAt.get(r.number)! - r.at);
  const rssAfter = rssMiB(stack.worker.pid!);
  const latencies: number[] = [];
  const byAction = new Map<string, number[]>();
  for (const { number } of registered.value.slice(0, COMPLAINTS)) {
    for (const [action, role, body] of WALK_THROUGH) {
      const { ms } = await timed(() => post(`/complaints/${number}/actions/${action}`, role, body));
      latencies.push(ms);
      byAction.set(action, [...(byAction.get(action) ?? []), ms]);
    }
  }
  await prisma.$disconnect();
  return {
    registrationsPerSecond: REGISTRATIONS / (registered.ms / 1000),
    triageP50: percentile(toTriage, 50),
    triageP95: percentile(toTriage, 95),
    actionP50: percentile(latencies, 50),
    actionP95: percentile(latencies, 95),
    byAction: [...byAction].map(([action, ms]) => `${action} ${percentile(ms, 50).toFixed(0)}`).join(', '),
    rssPerComplaintKiB: ((rssAfter - rssBefore) * 1024) / REGISTRATIONS,
    rssAfter,
  };
}

async function main() {
  const cli = environment().TEMPORAL_CLI_PATH;
  if (!cli) throw new Error('TEMPORAL_CLI_PATH is not set: run `npm run bench`, which provisions the Temporal CLI');
  installTemporalRuntime();
  const stack = await startBenchStack(cli);
  try {
    const tokenPrisma = createPrisma(stack.databaseUrl, 2);
    const tokens = {} as Record<Role, string>;
    for (const role of ROLES)
      tokens[role] = await issueStaffToken(tokenPrisma, {
        id: `bench-${role}`,
        name: role,
        email: `${role}@example.com`,
        role,
      });
    await tokenPrisma.$disconnect();
    const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
    const raw = await rawBaseline(stack.temporalAddress, client);
    const svc = await service(stack, tokens);
    await client.connection.close();
    process.stdout.write(
      `\nBenchmark: ${REGISTRATIONS} registrations at concurrency ${CONCURRENCY}; ${COMPLAINTS} complaints × ${WALK_THROUGH.length} README actions, one at a time\n\n` +
        printTable([
          ['starts / registrations per second', raw.startsPerSecond, svc.registrationsPerSecond, '/s'],
          ['update / staff action round trip p50', raw.updateP50, svc.actionP50, 'ms'],
          ['update / staff action round trip p95', raw.updateP95, svc.actionP95, 'ms'],
          ['registration → through registration p50', undefined, svc.triageP50, 'ms'],
          ['registration → through registration p95', undefined, svc.triageP95, 'ms'],
          ['worker RSS per open complaint', undefined, svc.rssPerComplaintKiB, 'KiB'],
          ['worker RSS after the registrations', undefined, svc.rssAfter, 'MiB'],
        ]) +
        `\n\nstaff action p50 by action (ms): ${svc.byAction}\n`,
    );
  } finally {
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
