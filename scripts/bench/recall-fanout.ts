/**
 * The recall benchmark (issue 11; a script, not a timed test): starts the real stack the way `npm run bench`
 * does, imports shipments of N consignees in 3 lots through the API, starts a recall of the 3 lots and measures
 * the fan-out until every consignee is notified (the workflow's own status) and the SMTP catcher holds every
 * notice; then acknowledges every consignee through the API (each a signal to the workflow) and measures until
 * the status shows 100 % reached. Prints the runs of the workflow (continue-as-new) with their history lengths,
 * the most activities and children pending at once, and a raw baseline beside it.
 *   npm run bench:recall -- [--consignees 10000] [--concurrency 20]
 */
import { parseArgs } from 'node:util';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { recallStatusQuery, recallWorkflowId } from '../../domain/recall-contract';
import { renderRecallNotice } from '../../mail/recall-notice';
import { environment } from '../../infra/config';
import type { MailCatcher } from '../../infra/mail-catcher';
import { createMailer } from '../../infra/mailer';
import { eventually as until } from '../../test/support/eventually';
import { installTemporalRuntime } from '../../worker/create-worker';
import { BATCH, HISTORY_BUDGET, WINDOW } from '../../workflows/recall/fan-out';
import { pool, printTable, timed } from './measure';
import { issueBenchTokens, startBenchStack, type BenchStack } from './stack';

const { values: options } = parseArgs({
  options: {
    consignees: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '20' },
  },
});
const CONSIGNEES = Number(options.consignees);
const CONCURRENCY = Number(options.concurrency);
if (!Number.isInteger(CONSIGNEES) || CONSIGNEES < 1) throw new Error('--consignees must be a whole number ≥ 1');

/** Temporal's history warning: no run of the recall may pass it. */
const HISTORY_LIMIT = 10_240;
/** Shipments per import request. */
const IMPORT_CHUNK = 5_000;
/** Every so many consignees also received a second shipment (another lot). */
const SECOND_SHIPMENT_EVERY = 10;
const PRODUCT = 'RX-10';
const NOTICE_DOMAIN = '@consignee.example';
const RAW_DOMAIN = '@raw.example';
const TIME_ZONE = environment().COMPLAINT_TIMEZONE ?? 'Asia/Shanghai';
const SAMPLE_MS = 500;
const RISK = 'The pressure relief valve may stick closed; the housing can crack under pressure.';
const REMEDY = 'Free replacement of the valve assembly';
/** How long the fan-out and the acknowledgements may take before the bench gives up and reports what it saw. */
const PHASE_TIMEOUT_MS = Math.max(600_000, CONSIGNEES * 200);

const log = (line: string) => process.stderr.write(`[bench:recall ${new Date().toISOString()}] ${line}\n`);
const seconds = (ms: number) => ms / 1000;

/** The shipments: consignee i (1..N) received lot i mod 3; every 10th also a shipment of the next lot. */
function shipments(lots: string[]) {
  const rows = [];
  for (let i = 1; i <= CONSIGNEES; i += 1) {
    const base = {
      customerName: i % 2 ? `Consignee ${i}` : `收货人 ${i}`,
      customerEmail: `consignee-${i}${NOTICE_DOMAIN}`,
      customerLanguage: i % 2 ? 'en' : 'zh-CN',
      shipTo: `Region ${i % 50}`,
      productModel: PRODUCT,
      quantity: 1 + (i % 5),
    };
    rows.push({ ...base, id: `S-${i}-1`, lot: lots[i % 3]!, shippedAt: `2026-0${1 + (i % 9)}-15` });
    if (i % SECOND_SHIPMENT_EVERY === 0)
      rows.push({ ...base, id: `S-${i}-2`, lot: lots[(i + 1) % 3]!, shippedAt: '2026-10-20' });
  }
  return rows;
}

/** Counts the notices (and raw mails) the catcher received, each recipient's copies, reading only new messages. */
class MailCount {
  private seen = 0;
  readonly notices = new Map<string, number>();
  noticeTotal = 0;
  rawTotal = 0;
  firstNoticeAt?: number;
  lastNoticeAt?: number;

  constructor(private readonly catcher: MailCatcher) {}

  update(): this {
    const { messages } = this.catcher;
    for (; this.seen < messages.length; this.seen += 1) {
      for (const to of messages[this.seen]!.to) {
        if (to.endsWith(RAW_DOMAIN)) this.rawTotal += 1;
        if (!to.endsWith(NOTICE_DOMAIN)) continue;
        this.noticeTotal += 1;
        this.notices.set(to, (this.notices.get(to) ?? 0) + 1);
        this.firstNoticeAt ??= performance.now();
        this.lastNoticeAt = performance.now();
      }
    }
    return this;
  }

  get distinct(): number {
    return this.notices.size;
  }
}

/** Samples the recall's current run every SAMPLE_MS: the most activities and children pending at once. */
function sampler(handle: WorkflowHandle) {
  const max = { activities: 0, children: 0, samples: 0, failed: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const { raw } = await handle.describe();
        max.activities = Math.max(max.activities, raw.pendingActivities?.length ?? 0);
        max.children = Math.max(max.children, raw.pendingChildren?.length ?? 0);
        max.samples += 1;
      } catch {
        max.failed += 1; // not started yet, or between runs
      }
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
  })();
  return {
    max,
    async stop() {
      stopped = true;
      await loop;
      return max;
    },
  };
}

interface Run {
  runId: string;
  status: string;
  historyLength: number;
  startedAt: number;
}

/** Every run of the workflow ID (the continue-as-new chain), oldest first, with its history length. */
async function runsOf(client: Client, workflowId: string, expected: number): Promise<Run[]> {
  const listed = await until(
    async () => {
      const infos = [];
      for await (const info of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) infos.push(info);
      return infos.length >= expected ? infos : undefined;
    },
    30_000,
    500,
  );
  const runs = await Promise.all(
    listed.map(async (info) => {
      // visibility's copy of a running run lags; describe reads the run itself
      const d = await client.workflow.getHandle(workflowId, info.runId).describe();
      return { runId: info.runId, status: d.status.name, historyLength: d.historyLength, startedAt: +d.startTime };
    }),
  );
  return runs.sort((a, b) => a.startedAt - b.startedAt);
}

/** The name of a history event (its one attributes field, without the suffix). */
function eventName(event: object): string {
  const key = Object.entries(event).find(([k, v]) => k.endsWith('EventAttributes') && v)?.[0] ?? 'unknown';
  return key.replace(/EventAttributes$/, '');
}

/** What the bench saw when the recall did not get there: for the report, and to stop there. */
async function diagnose(client: Client, workflowId: string, mails: MailCount, why: unknown): Promise<never> {
  const lines = [`the recall did not get there: ${String(why)}`, `workflow ${workflowId}`];
  try {
    const handle = client.workflow.getHandle(workflowId);
    const d = await handle.describe();
    lines.push(`current run ${d.runId}: ${d.status.name}, ${d.historyLength} events`);
    lines.push(`pending activities: ${JSON.stringify(d.raw.pendingActivities?.map((a) => a.activityType?.name))}`);
    const status = await handle.query(recallStatusQuery).catch((e: unknown) => `query failed: ${String(e)}`);
    lines.push(`status: ${JSON.stringify(status)}`);
    const events = (await handle.fetchHistory()).events ?? [];
    lines.push('last events:');
    for (const e of events.slice(-25))
      lines.push(
        `  ${String(e.eventId)} ${eventName(e)} ${JSON.stringify((e as Record<string, unknown>)[`${eventName(e)}EventAttributes`] ?? {}).slice(0, 300)}`,
      );
  } catch (error) {
    lines.push(`describe failed: ${String(error)}`);
  }
  mails.update();
  lines.push(`catcher: ${mails.noticeTotal} notices to ${mails.distinct} distinct consignees`);
  process.stderr.write(`${lines.join('\n')}\n`);
  throw why;
}

/** Raw baseline: N notices rendered and handed to the same catcher through the service's own nodemailer
 * transport (createMailer: a pool of 5 connections), WINDOW at once as the fan-out's batches run — no Temporal,
 * no database, no outbox, no ledger. */
async function rawMailLoop(stack: BenchStack, mails: MailCount) {
  const mailer = createMailer(stack.catcher.smtpUrl, 'Recall Desk <recalls@example.com>');
  const before = mails.update().rawTotal;
  const sent = await timed(async () => {
    await pool(CONSIGNEES, WINDOW, async (i) => {
      const language = i % 2 ? 'en' : 'zh-CN';
      const email = renderRecallNotice(
        'notice',
        language,
        {
          recallNumber: '202611-001',
          consigneeName: `Consignee ${i}`,
          productModel: PRODUCT,
          lots: ['R-A'],
          serials: [],
          quantity: 1 + (i % 5),
          shipTo: `Region ${i % 50}`,
          firstShippedAt: '2026-03-15T00:00:00Z',
          lastShippedAt: '2026-03-15T00:00:00Z',
          risk: RISK,
          remedy: REMEDY,
          deadline: '2026-12-30T00:00:00Z',
          answer: { email: 'recalls@example.com' },
        },
        TIME_ZONE,
      );
      await mailer.send({ to: `raw-${i}${RAW_DOMAIN}`, ...email, messageId: `<raw-${i}@bench>` });
    });
    await until(async () => (mails.update().rawTotal - before >= CONSIGNEES ? true : undefined), 120_000, 50);
  });
  mailer.close();
  return { ms: sent.ms, perSecond: CONSIGNEES / seconds(sent.ms) };
}

async function service(stack: BenchStack, client: Client, token: string, mails: MailCount) {
  const api = async (path: string, body: unknown) => {
    const res = await fetch(`${stack.apiUrl}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };

  // 1. shipments through the API
  const tag = Date.now().toString(36).toUpperCase();
  const lots = ['A', 'B', 'C'].map((l) => `R${tag}-${l}`);
  const all = shipments(lots);
  const imported = await timed(async () => {
    let created = 0;
    for (let at = 0; at < all.length; at += IMPORT_CHUNK)
      created += (await api('/shipments', { shipments: all.slice(at, at + IMPORT_CHUNK) })).created as number;
    return created;
  });
  if (imported.value !== all.length) throw new Error(`imported ${imported.value} of ${all.length} shipments`);
  log(`${all.length} shipments imported in ${imported.ms.toFixed(0)} ms`);

  // 2. the recall, and the fan-out until every consignee is notified and every notice caught
  const postedAt = performance.now();
  const opened = await api('/recalls', { productModel: PRODUCT, lots, risk: RISK, remedy: REMEDY });
  const number = opened.number as string;
  const workflowId = recallWorkflowId(number);
  const handle = client.workflow.getHandle(workflowId);
  log(`recall ${number} started (${workflowId})`);
  const fanOutSampler = sampler(handle);
  let tracedAt: number | undefined;
  let lastLog = 0;
  const status = () => handle.query(recallStatusQuery).catch(() => undefined);
  const notified = await until(
    async () => {
      const s = await status();
      mails.update();
      if (s && tracedAt === undefined && s.phase !== 'tracing') tracedAt = performance.now();
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`${s?.phase}: ${s?.counts.notified}/${s?.counts.consignees} notified, ${mails.noticeTotal} caught`);
      }
      if (s && s.counts.consignees !== CONSIGNEES && s.phase !== 'tracing')
        throw new Error(`traced ${s.counts.consignees} consignees, not ${CONSIGNEES}`);
      const done = s?.phase === 'monitoring' && s.counts.notified === CONSIGNEES && mails.noticeTotal >= CONSIGNEES;
      return done ? { at: performance.now(), status: s } : undefined;
    },
    PHASE_TIMEOUT_MS,
    SAMPLE_MS,
  ).catch((error: unknown) => diagnose(client, workflowId, mails, error));
  const fanOutPending = await fanOutSampler.stop();
  const wallMs = notified.at - postedAt;
  const fanOutRuns = await runsOf(client, workflowId, notified.status.runs + 1);
  const caughtAfterFanOut = { total: mails.noticeTotal, distinct: mails.distinct };
  log(`fan-out done in ${wallMs.toFixed(0)} ms over ${fanOutRuns.length} run(s)`);

  // 3. every consignee acknowledges (one unit still on hand: the recall stays open), each a signal
  const ackSampler = sampler(handle);
  const acked = await timed(() =>
    pool(CONSIGNEES, CONCURRENCY, (i) =>
      api(`/recalls/${number}/consignees/${i + 1}/acknowledge`, { quantityOnHand: 1, channel: 'email' }),
    ),
  );
  const lastAckAt = performance.now();
  const ackStart = lastAckAt - acked.ms;
  log(`${CONSIGNEES} acknowledgements posted in ${acked.ms.toFixed(0)} ms`);
  const reached = await until(
    async () => {
      const s = await status();
      return s?.percentReached === 100 && s.counts.acknowledged === CONSIGNEES
        ? { at: performance.now(), status: s }
        : undefined;
    },
    PHASE_TIMEOUT_MS,
    100,
  ).catch((error: unknown) => diagnose(client, workflowId, mails, error));
  const ackPending = await ackSampler.stop();
  const allRuns = await runsOf(client, workflowId, reached.status.runs + 1);
  // late duplicates would show here
  await new Promise((r) => setTimeout(r, 2_000));
  mails.update();
  return {
    number,
    workflowId,
    shipments: all.length,
    twice: Math.floor(CONSIGNEES / SECOND_SHIPMENT_EVERY),
    importPerSecond: all.length / seconds(imported.ms),
    wallMs,
    tracedMs: (tracedAt ?? notified.at) - postedAt,
    firstNoticeMs: (mails.firstNoticeAt ?? notified.at) - postedAt,
    lastNoticeMs: (mails.lastNoticeAt ?? notified.at) - postedAt,
    noticesPerSecond: CONSIGNEES / seconds(wallMs),
    caughtAfterFanOut,
    caughtAtEnd: { total: mails.noticeTotal, distinct: mails.distinct },
    multiple: [...mails.notices.values()].filter((n) => n > 1).length,
    fanOutPending,
    fanOutRuns,
    ackPerSecond: CONSIGNEES / seconds(acked.ms),
    ackToReachedMs: reached.at - ackStart,
    afterLastAckMs: reached.at - lastAckAt,
    ackPending,
    allRuns,
    final: reached.status,
  };
}

const largest = (runs: Run[]) => Math.max(...runs.map((r) => r.historyLength));
const runList = (runs: Run[]) =>
  runs.map((r, i) => `#${i + 1} ${r.historyLength}${r.status === 'RUNNING' ? ' (running)' : ''}`).join(', ');

async function main() {
  const cli = environment().TEMPORAL_CLI_PATH;
  if (!cli) throw new Error('TEMPORAL_CLI_PATH is not set: run `npm run bench:recall`, which provisions the CLI');
  installTemporalRuntime();
  const stack = await startBenchStack(cli);
  try {
    const tokens = await issueBenchTokens(stack.databaseUrl);
    const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }) });
    const mails = new MailCount(stack.catcher);
    log(`raw baseline: ${CONSIGNEES} notices through nodemailer, ${WINDOW} at once`);
    const raw = await rawMailLoop(stack, mails);
    const svc = await service(stack, client, tokens.quality_manager, mails);
    await client.connection.close();
    const over = svc.allRuns.filter((r) => r.historyLength > HISTORY_LIMIT).length;
    process.stdout.write(
      `\nRecall fan-out: ${CONSIGNEES} consignees (${svc.shipments} shipments in 3 lots, ${svc.twice} consignees with 2), ` +
        `notices in batches of ${BATCH} per activity, ${WINDOW} batches at once, continue-as-new past ` +
        `${HISTORY_BUDGET} events; acknowledgements at concurrency ${CONCURRENCY}\n` +
        `raw sendMail: the same notices rendered and sent to the same SMTP catcher through the service's ` +
        `nodemailer transport, ${WINDOW} at once, no Temporal, no database, no outbox\n\n` +
        printTable([
          ['notices per second (POST → all notified and caught)', raw.perSecond, svc.noticesPerSecond, '/s'],
          [`wall time for ${CONSIGNEES} notices`, seconds(raw.ms), seconds(svc.wallMs), 's'],
          ['POST → consignees traced (phase notifying)', undefined, seconds(svc.tracedMs), 's'],
          ['POST → first notice caught', undefined, seconds(svc.firstNoticeMs), 's'],
          ['POST → last notice caught', undefined, seconds(svc.lastNoticeMs), 's'],
          ['shipment import', undefined, svc.importPerSecond, '/s'],
          [`acknowledgements (API → ledger → signal), concurrency ${CONCURRENCY}`, undefined, svc.ackPerSecond, '/s'],
          ['first acknowledgement → status shows 100 % reached', undefined, seconds(svc.ackToReachedMs), 's'],
          ['last acknowledgement → status shows 100 % reached', undefined, seconds(svc.afterLastAckMs), 's'],
        ]).replace('raw Temporal', 'raw sendMail') +
        `\n\nrecall ${svc.number} (${svc.workflowId}), ${svc.final.statusLine}\n` +
        `notices caught: ${svc.caughtAfterFanOut.total} to ${svc.caughtAfterFanOut.distinct} distinct consignees ` +
        `when notified; ${svc.caughtAtEnd.total} to ${svc.caughtAtEnd.distinct} at the end ` +
        `(${svc.multiple} consignees got more than one)\n` +
        `fan-out: ${svc.fanOutRuns.length} run(s), largest history ${largest(svc.fanOutRuns)} events; ` +
        `most pending at once: ${svc.fanOutPending.activities} activities, ${svc.fanOutPending.children} children ` +
        `(${svc.fanOutPending.samples} samples)\n` +
        `after ${CONSIGNEES} acknowledgements (signals): ${svc.allRuns.length} runs, largest history ` +
        `${largest(svc.allRuns)} events (limit ${HISTORY_LIMIT}: ${over ? `${over} run(s) OVER` : 'none over'}); ` +
        `most pending at once: ${svc.ackPending.activities} activities, ${svc.ackPending.children} children\n` +
        `history of each run (events): ${runList(svc.allRuns)}\n`,
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
