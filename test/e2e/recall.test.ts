/**
 * A recall on the real stack (Temporal dev server, PostgreSQL, SMTP, the worker as its own process): a 004
 * complaint's quality manager recalls 3 lots; 50 consignees (49 from shipment records, one the complaint's own
 * customer) get one notice each — exactly 50 reach the SMTP server although the worker is SIGKILLed in the
 * middle of the fan-out; acknowledgements and returns are recorded; the recall closes once every consignee has
 * settled; the complaint's records link it.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { recallStatusQuery, recallWorkflowId, type RecallStatus } from '../../domain/recall-contract';
import type { CaughtMail } from '../../infra/mail-catcher';
import { eventually, registrationBody, startHarness, type Harness } from '../support/harness';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

let h: Harness;
let worker: WorkerProcess | undefined;
/** The notice to hold inside its SMTP transaction (the worker is killed while it waits). */
let holdAt: number | undefined;
let noticesSeen = 0;
let onHold: (() => void) | undefined;
let release: (() => void) | undefined;

const isNotice = (mail: Pick<CaughtMail, 'headers'>, number: string) =>
  (mail.headers['x-idempotency-key'] ?? '').startsWith(`recall:${number}:notice:`);

beforeAll(async () => {
  h = await startHarness({
    worker: false,
    async beforeAccept(mail) {
      if (!mail.headers['x-idempotency-key']?.includes(':notice:')) return;
      noticesSeen += 1;
      if (noticesSeen !== holdAt) return;
      onHold?.();
      await new Promise<void>((resolve) => (release = resolve));
    },
  });
});

afterAll(async () => {
  release?.();
  await worker?.kill();
  await h?.stop();
});

const post = (path: string, role: 'quality_manager' | 'sales' | 'customer_service', body: object) =>
  request(h.app).post(path).set('Authorization', h.as(role)).send(body);

function shipments(lots: string[]) {
  // 49 consignees; every seventh received two lots (two shipments, one consignee)
  return Array.from({ length: 49 }, (_, i) => i + 1).flatMap((n) => {
    const line = {
      customerName: `Consignee ${n}`,
      customerEmail: `consignee-${n}-${lots[0]}@example.com`,
      customerLanguage: n % 2 ? 'zh-CN' : 'en',
      shipTo: `Warehouse ${n}, Suzhou`,
      productModel: 'HX-300',
      quantity: 3,
      shippedAt: '2026-10-0' + ((n % 9) + 1),
    };
    const first = { ...line, id: `S-${lots[0]}-${n}`, lot: lots[n % 3] };
    return n % 7 ? [first] : [first, { ...line, id: `S-${lots[0]}-${n}-b`, lot: lots[(n + 1) % 3], quantity: 1 }];
  });
}

/** What the stack holds, for a failure message. */
async function diagnose(): Promise<string> {
  const recalls = await h.prisma.recall.findMany({ include: { _count: { select: { ledger: true } } } });
  const outbox = await h.prisma.outboxEmail.groupBy({ by: ['subjectKind', 'status'], _count: true });
  return JSON.stringify({ recalls, outbox, noticesSeen, worker: worker?.output.join('').slice(-3_000) }, null, 1);
}

async function recallWhen(number: string, accept: (s: RecallStatus) => boolean, timeoutMs = 120_000) {
  const handle = h.temporal.workflow.getHandle(recallWorkflowId(number));
  return eventually(
    async () => {
      const status = await handle.query(recallStatusQuery).catch(() => undefined);
      return status && accept(status) ? status : undefined;
    },
    timeoutMs,
    250,
  );
}

test('3 lots, 50 consignees: 50 notices reach the SMTP server once each across a worker SIGKILL; the ledger settles and the recall closes', async () => {
  worker = await startWorkerProcess(h.config);
  const tag = randomUUID().slice(0, 8);
  const lots = [`A-${tag}`, `B-${tag}`, `C-${tag}`];
  await post('/api/v1/shipments', 'quality_manager', { shipments: shipments(lots) }).expect(200);

  // the complaint's own customer received lot A and has no shipment record: traced from the complaint
  const registration = registrationBody({ profileId: 'cr-mp25' });
  (registration.product as { batchNumber: string }).batchNumber = lots[0]!;
  const complaint = await post('/api/v1/complaints', 'customer_service', registration).expect(201);
  const complaintNumber: string = complaint.body.number;
  await eventually(async () =>
    (await h.prisma.complaint.findUnique({ where: { number: complaintNumber } }))?.stage === 'triage'
      ? true
      : undefined,
  );
  await post(`/api/v1/complaints/${complaintNumber}/actions/classify`, 'sales', {
    type: 'quality_in_warranty',
  }).expect(200);

  // the 20th notice is held inside its SMTP transaction; the worker dies there
  holdAt = 20;
  const holding = new Promise<void>((resolve) => (onHold = resolve));
  const decided = await post(`/api/v1/complaints/${complaintNumber}/actions/decideRecall`, 'quality_manager', {
    risk: 'the power board may overheat and catch fire',
    remedy: 'free replacement of the power board',
    lots,
  }).expect(200);
  expect(decided.body.live.recalls[0]).toMatchObject({ seq: 1, trigger: 'decision' });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => void diagnose().then((d) => reject(new Error(`the 20th notice never came:\n${d}`))),
      90_000,
    );
  });
  await Promise.race([holding, late]).finally(() => clearTimeout(timer));
  expect(await worker.kill('SIGKILL')).toBeNull();
  release!();
  worker = await startWorkerProcess(h.config);

  const stored = await eventually(
    async () => (await h.prisma.recall.findFirst({ where: { complaintNumber } })) ?? undefined,
    30_000,
  );
  const number = stored.number;
  const notified = await recallWhen(number, (s) => s.phase === 'monitoring' && s.pendingEffects === 0);
  expect(notified.counts).toMatchObject({ consignees: 50, notified: 50, uncertain: 1 });

  // exactly one notice per consignee reached the SMTP server, the held one included (sent once, never again)
  const notices = h.catcher.messages.filter((m) => isNotice(m, number));
  expect(notices).toHaveLength(50);
  expect(new Set(notices.map((m) => m.to[0])).size).toBe(50);
  const uncertain = await h.prisma.recallConsignee.findMany({
    where: { recallNumber: number, noticeStatus: 'uncertain' },
  });
  expect(uncertain).toHaveLength(1);
  const own = notices.find((m) => m.to[0] === registration.customer.email.toLowerCase())!;
  expect(own.subject).toContain(number);
  const en = notices.find((m) => m.to[0]!.startsWith('consignee-2-'))!;
  expect(en.subject).toContain('Product safety recall');
  expect(en.text).toContain('free replacement of the power board');

  // the ledger, through the API: acknowledgements (with what is on hand), returns, destruction; refusals change nothing
  const ledger = (
    await request(h.app)
      .get(`/api/v1/recalls/${number}/consignees?limit=500`)
      .set('Authorization', h.as('sales'))
      .expect(200)
  ).body.items as Array<{ ordinal: number; quantityShipped: number }>;
  expect(ledger).toHaveLength(50);
  const action = (ordinal: number, name: string, body: object) =>
    post(`/api/v1/recalls/${number}/consignees/${ordinal}/${name}`, 'sales', body);
  await action(1, 'return', { quantity: 1 }).expect(409); // not acknowledged yet
  for (const { ordinal } of ledger) {
    const onHand = ordinal % 2 ? 2 : 0;
    await action(ordinal, 'acknowledge', { quantityOnHand: onHand, channel: 'phone' }).expect(200);
    if (onHand) {
      await action(ordinal, 'return', { quantity: 1 }).expect(200);
      if (ordinal === 1) await action(1, 'return', { quantity: 5 }).expect(409); // only 1 left on hand
      if (ordinal < 49) await action(ordinal, 'destroy', { quantity: 1 }).expect(200);
    }
  }
  const waiting = await recallWhen(number, (s) => s.counts.acknowledged === 50);
  expect(waiting.phase).toBe('monitoring');
  expect(waiting.counts.settled).toBe(49);
  expect(waiting.percentReached).toBe(100);
  await action(49, 'credit', { amount: 120.5 }).expect(200);
  await action(49, 'correct', { quantity: 1 }).expect(200);

  const result = await h.temporal.workflow.getHandle(recallWorkflowId(number)).result();
  expect(result.reason).toBe('every consignee settled');
  expect(result.counts).toMatchObject({ settled: 50, unitsReturned: 25, unitsDestroyed: 24, unitsCorrected: 1 });
  await action(2, 'acknowledge', { quantityOnHand: 0 }).expect(409);
  const read = await request(h.app).get(`/api/v1/recalls/${number}`).set('Authorization', h.as('sales')).expect(200);
  expect(read.body).toMatchObject({ state: 'closed', closeReason: 'every consignee settled', complaintNumber });
  expect(read.body.events.map((e: { action: string }) => e.action)).toEqual(
    expect.arrayContaining(['opened', 'traced', 'notified', 'closed']),
  );
  const listed = await request(h.app)
    .get(`/api/v1/recalls?lot=${lots[1]}`)
    .set('Authorization', h.as('sales'))
    .expect(200);
  expect(listed.body.items.map((r: { number: string }) => r.number)).toEqual([number]);

  // the complaint's records link the recall
  const records = await request(h.app)
    .get(`/api/v1/complaints/${complaintNumber}/records`)
    .set('Authorization', h.as('customer_service'))
    .expect(200);
  expect(records.body.recalls).toEqual([expect.objectContaining({ number, state: 'closed' })]);
  expect(records.body.forms.some((f: { kind: string }) => f.kind === 'recall')).toBe(true);
  // every recall email (notices, staff mails) is in the outbox once; none sent twice
  const rows = await h.prisma.outboxEmail.findMany({ where: { subjectKind: 'recall', subjectId: number } });
  const sentToCatcher = h.catcher.messages.filter((m) =>
    (m.headers['x-idempotency-key'] ?? '').startsWith(`recall:${number}:`),
  );
  expect(sentToCatcher).toHaveLength(rows.length);
  expect(new Set(sentToCatcher.map((m) => m.headers['x-idempotency-key'])).size).toBe(rows.length);
}, 300_000);
