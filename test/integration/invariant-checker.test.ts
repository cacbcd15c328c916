/**
 * The soak's invariant checker (scripts/soak/checker.ts) on the real stack, in a database and a namespace of its
 * own. A small state built through the API, its answers logged as the soak's clients log them, holds every
 * invariant; each invariant broken on purpose (and undone after) is reported as exactly that, with its subject.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { NativeConnection } from '@temporalio/worker';
import { COMPLAINT_WORKFLOW_TYPE, complaintWorkflowId } from '../../domain/complaint-contract';
import { monthOf } from '../../domain/months';
import { recallStatusQuery, recallWorkflowId, type RecallStatus } from '../../domain/recall-contract';
import type { Role } from '../../domain/roles';
import type { Prisma } from '../../generated/prisma/client';
import { verifyLinkToken } from '../../infra/customer-links';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { createLogger } from '../../infra/logger';
import { applyMigrations } from '../../infra/migrate';
import { ensureSearchAttributes } from '../../infra/temporal-connection';
import { freePort } from '../../infra/temporal-dev-server';
import { checkInvariants, formatReport, type CheckOptions, type CheckReport } from '../../scripts/soak/checker';
import type { InvariantName } from '../../scripts/soak/checker';
import { emptyLoadLog, type LoadLog } from '../../scripts/soak/load-log';
import { DISCIPLINE_DATA } from '../support/car-scenario';
import {
  correctiveActionsSettled,
  eventually,
  readComplaint,
  registrationBody,
  startHarness,
  type Harness,
} from '../support/harness';
import { freshNamespace } from '../support/namespace';
import { testStack } from '../support/stack-registry';
import { startHarnessReplyListener } from '../support/reply-listener';
import { MAINTENANCE_SCHEDULE_ID, maintenanceOrderId } from '../../domain/maintenance-contract';
import { addDays, addMonths, localDate } from '../../domain/maintenance/rules';
import { maintenanceSchedules } from '../../infra/maintenance-schedule';
import { startMonthlyReport } from '../../infra/monthly-report-schedule';
import { ensureSchedules } from '../../infra/schedules';
import { previousMonth } from '../../scripts/soak/upkeep';

let h: Harness;
let dropDatabase: (() => Promise<unknown>) | undefined;
const log: LoadLog = emptyLoadLog();
const staffId = {} as Record<Role, string>;
/** Recipients the mail catcher refuses for now (451: SMTP says try later). */
const blocked = new Set<string>();
const numbers = { closed: '', withCar: '', byLink: '', open: '', car: '', recall: '', order: '' };

/** A database of this file's own (on the run's PostgreSQL server, or an embedded one), migrated; its URL. */
async function ownDatabase(): Promise<string> {
  const stack = testStack();
  if (stack.databaseKind === 'embedded') {
    const embedded = await startEmbeddedPostgres(fs.mkdtempSync(path.join(os.tmpdir(), 'checker-')), await freePort());
    dropDatabase = () => embedded.stop();
    return applyMigrations(embedded.url).then(() => embedded.url);
  }
  const name = `invariant_checker_${Date.now()}_${process.pid}`;
  const admin = async (sql: string, client = new pg.Client({ connectionString: stack.databaseUrl })) => {
    await client.connect();
    return client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE DATABASE "${name}"`);
  dropDatabase = () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const url = Object.assign(new URL(stack.databaseUrl), { pathname: `/${name}` }).toString();
  return applyMigrations(url).then(() => url);
}

/** A namespace of this file's own, with the search attributes the workflows set. */
async function ownNamespace(): Promise<string> {
  const connection = await NativeConnection.connect({ address: testStack().temporalAddress });
  const namespace = await freshNamespace(connection, 'checker');
  const added = () => ensureSearchAttributes(connection, namespace, createLogger('silent'));
  await eventually(async () => ((await added()).length ? true : undefined), 30_000).finally(() => connection.close());
  return namespace;
}

const key = (what: string) => `${what}-${randomUUID()}`;
const now = () => new Date().toISOString();

/** POSTs `body` as `role` with an Idempotency-Key; expects `ok` (200 unless said) and returns the answer's body. */
async function post(url: string, role: Role, body: object, idempotencyKey: string, ok = [200]) {
  const sending = request(h.app).post(url).set('Authorization', h.as(role)).set('Idempotency-Key', idempotencyKey);
  const answer = await sending.send(body);
  if (!ok.includes(answer.status)) throw new Error(`${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body as { number: string; stage: string; profile: { id: string } };
}

/** Registers and logs the answer (the same `body` and key again: a retry); waits for its row in triage, or not. */
async function register(role: Role, body: object, idempotencyKey = key('register'), wait = true): Promise<string> {
  const { number, profile } = await post('/api/v1/complaints', role, body, idempotencyKey, [200, 201]);
  log.registrations.push({ idempotencyKey, number, profileId: profile.id, staffId: staffId[role], at: now() });
  const stage = async () => (await h.prisma.complaint.findUnique({ where: { number } }))?.stage;
  if (wait) await eventually(async () => ((await stage()) === 'triage' ? true : undefined));
  return number;
}

async function act(number: string, action: string, role: Role, payload: object, idempotencyKey = key(action)) {
  const { stage } = await post(`/api/v1/complaints/${number}/actions/${action}`, role, payload, idempotencyKey);
  log.actions.push({ number, action, idempotencyKey, stageAfter: stage, at: now() });
}

/** An 8D step (technical support), or with `ordinal` a recall's ledger answer (sales), logged. */
async function step(number: string, action: string, payload: object, ordinal?: number) {
  const idempotencyKey = key(action);
  if (ordinal === undefined) {
    await post(`/api/v1/corrective-actions/${number}/actions/${action}`, 'technical_support', payload, idempotencyKey);
    return log.correctiveActionSteps.push({ carNumber: number, action, idempotencyKey, at: now() });
  }
  await post(`/api/v1/recalls/${number}/consignees/${ordinal}/${action}`, 'sales', payload, idempotencyKey);
  log.ledgerAnswers.push({ recallNumber: number, ordinal, action, idempotencyKey, at: now() });
}

const analysis = { method: 'five_why', whys: ['drive trips', 'over-current', 'solder joint cracked'] };
const diagnosis = { cause: 'manufacturing', analysis, findings: 'cracked solder joint on the power board' };
const evidence = { factoryTestReport: 'FT-2611: all tests passed at shipment' };
const valid = { valid: true, reason: 'our fault', customerContacted: true };

/** 000: one complaint run to its end (its registration and a classification sent twice), one left in planning. */
async function industrialComplaints() {
  const body = registrationBody();
  const first = key('register');
  numbers.closed = await register('customer_service', body, first);
  expect(await register('customer_service', body, first)).toBe(numbers.closed);
  const classify = key('classify');
  await act(numbers.closed, 'classify', 'customer_service', { type: 'product_fault' }, classify);
  await act(numbers.closed, 'classify', 'customer_service', { type: 'product_fault' }, classify);
  await act(numbers.closed, 'checkValidity', 'sales', valid);
  await act(numbers.closed, 'submitDiagnosis', 'technical_support', { ...diagnosis, evidence });
  const plan = { summary: 'new power board', customerRemedy: ['free repair or replacement of the faulty part'] };
  await act(numbers.closed, 'proposePlan', 'technical_support', plan);
  await act(numbers.closed, 'approvePlan', 'quality_manager', { approved: true });
  await act(numbers.closed, 'recordCustomerDecision', 'sales', { accepted: true });
  await act(numbers.closed, 'recordProcessing', 'repair', { steps: ['replaced the power board'] });
  await act(numbers.closed, 'recordVerification', 'technical_support', { passed: true, method: 'run', result: 'ok' });
  await act(numbers.closed, 'recordSurvey', 'customer_service', { level: 'satisfied' });
  await readComplaint(h, numbers.closed, (live) => live.stage === 'archived');
  numbers.open = await register('sales', registrationBody());
  await act(numbers.open, 'classify', 'customer_service', { type: 'product_fault' });
  await act(numbers.open, 'checkValidity', 'sales', valid);
  await act(numbers.open, 'submitDiagnosis', 'technical_support', { ...diagnosis, evidence });
}

/** 004: in warranty, its diagnosis opens an 8D; the quality manager recalls its lot (one shipment traced). */
async function complaintWithCarAndRecall() {
  const lot = `LOT-${randomUUID().slice(0, 8)}`;
  const consignee = { customerName: 'Consignee One', customerEmail: `c-${lot}@example.com`, customerLanguage: 'en' };
  const shipped = { shipTo: 'Suzhou', productModel: 'HX-300 servo drive', lot, quantity: 3, shippedAt: '2026-10-01' };
  const shipments = [{ id: `S-${lot}`, ...consignee, ...shipped }];
  await post('/api/v1/shipments', 'quality_manager', { shipments }, lot);
  const body = registrationBody({ profileId: 'cr-mp25' });
  const product = { ...body.product, batchNumber: lot, warrantyStatus: 'in' };
  numbers.withCar = await register('customer_service', { ...body, product });
  await act(numbers.withCar, 'classify', 'sales', { type: 'quality_in_warranty' });
  await act(numbers.withCar, 'checkValidity', 'quality_manager', valid);
  const technical = { ...diagnosis, defectCode: 'solder_joint', technical: true };
  await act(numbers.withCar, 'submitDiagnosis', 'quality_manager', technical);
  await act(numbers.withCar, 'decideRecall', 'quality_manager', { risk: 'the board may overheat', lots: [lot] });
  const opened = await readComplaint(h, numbers.withCar, (live) => live.correctiveActions?.[0]?.phase === 'open');
  numbers.car = opened.live.correctiveActions![0]!.number;
  await step(numbers.car, 'formTeam', DISCIPLINE_DATA.formTeam);
  await step(numbers.car, 'describeProblem', DISCIPLINE_DATA.describeProblem);
  const recall = () => h.prisma.recall.findFirst({ where: { complaintNumber: numbers.withCar } });
  numbers.recall = (await eventually(async () => (await recall()) ?? undefined)).number;
  const handle = h.temporal.workflow.getHandle(recallWorkflowId(numbers.recall));
  const whenRecall = (ready: (s: RecallStatus) => boolean) =>
    eventually(async () => (ready(await handle.query(recallStatusQuery)) ? true : undefined), 60_000);
  await whenRecall((s) => s.phase === 'monitoring' && s.pendingEffects === 0);
  await step(numbers.recall, 'acknowledge', { quantityOnHand: 2, channel: 'phone' }, 1);
  await step(numbers.recall, 'return', { quantity: 1 }, 1);
  await whenRecall((s) => s.counts.acknowledged === 1 && s.counts.unitsReturned === 1);
}

/** 004: found invalid; the customer objects through the link in the email that said so. */
async function complaintAnsweredByLink() {
  const body = registrationBody({ profileId: 'cr-mp25' });
  const email = body.customer.email;
  numbers.byLink = await register('customer_service', { ...body, customer: { ...body.customer, language: 'en' } });
  await act(numbers.byLink, 'classify', 'sales', { type: 'quality_in_warranty' });
  const invalid = { ...valid, valid: false, reason: 'used outside the specification' };
  await act(numbers.byLink, 'checkValidity', 'quality_manager', invalid);
  const link = await eventually(async () => {
    for (const mail of h.catcher.messages.filter((m) => m.to.includes(email)))
      for (const [, token] of mail.text.matchAll(/https?:\/\/\S+?\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g)) {
        const verified = verifyLinkToken([h.config.CUSTOMER_LINK_SECRET], token!);
        if (verified.ok && verified.payload.p === 'invalid_objection') return { token, payload: verified.payload };
      }
    return undefined;
  });
  const agent = request.agent(h.app);
  const page = await agent.get(`/c/${link.token}`).expect(200);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1]!;
  const answered = await agent.post(`/c/${link.token}`).type('form').send({ csrf, reason: 'as the manual says' });
  expect([answered.status, answered.text.includes('data-field="outcome"')]).toEqual([200, true]);
  log.linkAnswers.push({ number: numbers.byLink, jti: link.payload.j, purpose: 'invalid_objection', at: now() });
  await readComplaint(h, numbers.byLink, (live) => live.stage === 'investigation');
}

/** The customer of the open complaint replies by email, through the listener the API process starts. */
async function customerReplies() {
  const listener = await startHarnessReplyListener(h);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
  try {
    const { customerEmail } = await h.prisma.complaint.findUniqueOrThrow({ where: { number: numbers.open } });
    const messageId = `<reply-${randomUUID()}@customer.example>`;
    await transport.sendMail({
      from: customerEmail,
      to: `replies+${numbers.open}@example.com`,
      subject: 'Re: your complaint',
      messageId,
      text: 'It still trips.',
    });
    log.replies.push({ number: numbers.open, messageId, at: now() });
  } finally {
    transport.close();
    await listener.stop();
  }
}

/** A unit falls due; the daily run (its schedule as the API makes it, triggered) opens its order; the visit. */
async function maintenanceVisit() {
  const serial = `SN-CHK-${randomUUID().slice(0, 8)}`;
  const dueOn = addDays(localDate(Date.now(), h.config.COMPLAINT_TIMEZONE), 5);
  const customer = { name: 'Wang Fang', email: `${serial.toLowerCase()}@example.com`, language: 'en', region: 'east' };
  const unit = { serial, customer, productModel: 'HX-300', installedOn: addMonths(dueOn, -6), intervalMonths: 6 };
  const registered = await post('/api/v1/installed-base', 'customer_service', unit, key('unit'), [201]);
  const due = (registered as unknown as { nextDueOn: string }).nextDueOn;
  log.installedUnits.push({ serial, dueOn: due, at: now() });
  await ensureSchedules(h.temporal, maintenanceSchedules(h.config), createLogger('silent'));
  await h.temporal.schedule.getHandle(MAINTENANCE_SCHEDULE_ID).trigger();
  const orderId = maintenanceOrderId(serial, due);
  await eventually(async () => {
    const order = await h.prisma.maintenanceOrder.findUnique({ where: { orderId } });
    return order?.state === 'scheduled' && order.engineer ? true : undefined;
  }, 60_000);
  const visit = {
    visitedAt: now(),
    checklist: { inspect: { done: true }, clean: { done: true }, calibrate: { done: true } },
    signedBy: 'Wang Fang',
  };
  const idempotencyKey = key('visit');
  const visited = await post(`/api/v1/maintenance-orders/${orderId}/visit`, 'repair', visit, idempotencyKey);
  const { nextDueDate } = visited as unknown as { nextDueDate: string };
  log.maintenanceVisits.push({ orderId, serial, idempotencyKey, nextDueDate, at: now() });
  numbers.order = orderId;
}

/** Last month's report backfilled, as `npm run report` starts it. */
async function backfill() {
  const month = previousMonth(h.config.COMPLAINT_TIMEZONE);
  const run = { month, trigger: 'backfill' as const, mailManagement: true };
  await (await startMonthlyReport(h.temporal, h.config.TEMPORAL_TASK_QUEUE, run)).result();
  log.reportRuns.push({ month, at: now() });
}

beforeAll(async () => {
  h = await startHarness({
    env: {
      DATABASE_URL: await ownDatabase(),
      TEMPORAL_NAMESPACE: await ownNamespace(),
      REPLY_MAILBOX: 'replies@example.com',
      INBOUND_SMTP_PORT: '0',
    },
    async beforeAccept(mail) {
      if (mail.to.some((to) => blocked.has(to)))
        throw Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 });
    },
  });
  for (const staff of await h.prisma.staff.findMany()) staffId[staff.role as Role] = staff.id;
  await industrialComplaints();
  await complaintWithCarAndRecall();
  await complaintAnsweredByLink();
  await customerReplies();
  await maintenanceVisit();
  await backfill();
  await correctiveActionsSettled(h, numbers.withCar);
  for (const number of [numbers.closed, numbers.withCar, numbers.byLink, numbers.open])
    await readComplaint(h, number, (live) => live.pendingEffects === 0);
}, 300_000);

afterAll(async () => {
  await h?.stop();
  await dropDatabase?.();
});

const check = (over: Partial<CheckOptions> = {}): Promise<CheckReport> => {
  const { prisma, temporal, catcher, config } = h;
  const stack = { prisma, temporal, caught: catcher.messages, timeZone: config.COMPLAINT_TIMEZONE };
  return checkInvariants({ ...stack, log, settleMs: 20_000, ...over });
};

const distinct = (values: string[]) => [...new Set(values)].sort();
/** The invariants and subjects the report names (its text alongside, for a failure's message). */
const named = ({ violations, ...rest }: CheckReport) => ({
  invariants: distinct(violations.map((v) => v.invariant)),
  subjects: distinct(violations.map((v) => v.subject)),
  report: formatReport({ violations, ...rest }),
});
const only = (invariant: InvariantName, ...subjects: string[]) => ({
  invariants: [invariant],
  subjects: distinct(subjects),
  report: expect.any(String),
});
const CLEAN = { invariants: [], subjects: [], report: expect.any(String) };

test('the state built through the API holds every invariant, and every invariant had something to check', async () => {
  const report = await check();
  expect(named(report)).toEqual(CLEAN);
  expect(Object.entries(report.checked).filter(([, n]) => n === 0)).toEqual([]);
}, 120_000);

/** The report's invariants and subjects with `damage` done to the stack; `undo`ne after, whatever happened. */
async function whenBroken(damage: () => Promise<unknown>, undo: () => Promise<unknown>) {
  try {
    await damage();
    return named(await check());
  } finally {
    await undo();
  }
}

/** The report's invariants and subjects against the log with `more` in it. */
const withLog = async (more: Partial<LoadLog>) => named(await check({ log: { ...log, ...more } }));

/** A copy of the open complaint's row as `<its month>-<sequence>`, which has no workflow. */
async function copiedRow(sequence: number) {
  const source = await h.prisma.complaint.findUniqueOrThrow({ where: { number: numbers.open } });
  const number = `${source.month}-${sequence}`;
  const registration = source.registration as Prisma.InputJsonValue;
  const row = { ...source, id: randomUUID(), number, sequence, requestKey: null, registration };
  const workflowId = complaintWorkflowId(number);
  const create = () => h.prisma.complaint.create({ data: { ...row, workflowId } });
  return { number, workflowId, create, remove: () => h.prisma.complaint.delete({ where: { number } }) };
}

test('registration-once: a logged registration without its row, and a complaint row without a workflow', async () => {
  const missing = `${monthOf(new Date(), h.config.COMPLAINT_TIMEZONE)}-8999`;
  const lost = { idempotencyKey: 'never-stored-0001', number: missing, profileId: 'industrial-fault', at: now() };
  const registrations = [...log.registrations, { ...lost, staffId: staffId.sales }];
  expect(await withLog({ registrations })).toEqual(only('registration-once', missing));
  const orphan = await copiedRow(9001);
  expect(await whenBroken(orphan.create, orphan.remove)).toEqual(only('registration-once', orphan.number));
}, 120_000);

test("stage-matches: a row's stage not its workflow's, a logged answer with a stage never reached", async () => {
  const number = numbers.open;
  const stage = (to: string) => () => h.prisma.complaint.update({ where: { number }, data: { stage: to } });
  expect(await whenBroken(stage('payment'), stage('planning'))).toEqual(only('stage-matches', number));
  const last = log.actions.filter((a) => a.number === number).at(-1)!;
  const actions = log.actions.map((a) => (a === last ? { ...a, stageAfter: 'payment' } : a));
  expect(await withLog({ actions })).toEqual(only('stage-matches', number));
}, 120_000);

test('action-audited-once: an audit row deleted, an audit row and an 8D step doubled, a ledger answer lost', async () => {
  const { auditEntry, correctiveActionStep } = h.prisma;
  const where = { complaintNumber: numbers.open };
  const classified = await auditEntry.findFirstOrThrow({ where: { ...where, action: 'classify' } });
  const deleteIt = () => auditEntry.delete({ where: { id: classified.id } });
  const restore = () => auditEntry.create({ data: classified });
  expect(await whenBroken(deleteIt, restore)).toEqual(only('action-audited-once', numbers.open));
  const diagnosed = await auditEntry.findFirstOrThrow({ where: { ...where, action: 'submitDiagnosis' } });
  const twice = { ...diagnosed, id: randomUUID(), seq: diagnosed.seq + 1000 };
  const double = () => auditEntry.create({ data: twice });
  const undouble = () => auditEntry.delete({ where: { id: twice.id } });
  expect(await whenBroken(double, undouble)).toEqual(only('action-audited-once', numbers.open));
  const step = await correctiveActionStep.findFirstOrThrow({ where: { carNumber: numbers.car, action: 'formTeam' } });
  const stepTwice = { ...step, id: randomUUID(), seq: step.seq + 1000, data: step.data as Prisma.InputJsonValue };
  const doubleStep = () => correctiveActionStep.create({ data: stepTwice });
  const undoubleStep = () => correctiveActionStep.delete({ where: { id: stepTwice.id } });
  expect(await whenBroken(doubleStep, undoubleStep)).toEqual(only('action-audited-once', numbers.car));
  const lost = { recallNumber: numbers.recall, ordinal: 1, action: 'destroy', idempotencyKey: 'unsent-1', at: now() };
  const ledgerAnswers = [...log.ledgerAnswers, lost];
  expect(await withLog({ ledgerAnswers })).toEqual(only('action-audited-once', numbers.recall));
}, 120_000);

test('email-once: a message caught twice, and a row marked sent that the catcher never got', async () => {
  const first = h.catcher.messages[0]!;
  const row = await h.prisma.outboxEmail.findFirstOrThrow({ where: { messageId: first.messageId } });
  const twice = [...h.catcher.messages, { ...first, id: h.catcher.messages.length + 1 }];
  expect(named(await check({ caught: twice }))).toEqual(only('email-once', row.id));
  const event = `never-caught-${randomUUID().slice(0, 8)}`;
  const sent = await h.prisma.outboxEmail.findFirstOrThrow({ where: { subjectId: numbers.open, status: 'sent' } });
  const unseen = {
    ...sent,
    id: randomUUID(),
    idempotencyKey: `complaint:${numbers.open}:${event}:${sent.recipient}`,
    event,
    messageId: `<${event}@complaint-orchestrator>`,
  };
  const create = () => h.prisma.outboxEmail.create({ data: unseen });
  const remove = () => h.prisma.outboxEmail.delete({ where: { id: unseen.id } });
  expect(await whenBroken(create, remove)).toEqual(only('email-once', unseen.id));
}, 120_000);

test('reply-stored-once: a reply the listener accepted that the record does not hold', async () => {
  const replies = [...log.replies, { number: numbers.open, messageId: '<lost@customer.example>', at: now() }];
  expect(await withLog({ replies })).toEqual(only('reply-stored-once', numbers.open));
}, 120_000);

test('link-answered-once: a logged answer by link whose link has no use row', async () => {
  const linkAnswers = [...log.linkAnswers, { number: numbers.open, jti: 'no-link', purpose: 'quote', at: now() }];
  expect(await withLog({ linkAnswers })).toEqual(only('link-answered-once', numbers.open));
}, 120_000);

test("recall-ledger: a consignee row changed behind the workflow's back", async () => {
  const where = { recallNumber_ordinal: { recallNumber: numbers.recall, ordinal: 1 } };
  const { quantityShipped } = await h.prisma.recallConsignee.findUniqueOrThrow({ where });
  const shipped = (quantity: number) => () =>
    h.prisma.recallConsignee.update({ where, data: { quantityShipped: quantity } });
  expect(await whenBroken(shipped(quantityShipped + 5), shipped(quantityShipped))).toEqual(
    only('recall-ledger', numbers.recall),
  );
}, 120_000);

test("clocks-match: a stored clock whose due instant is not the workflow's", async () => {
  const clock = await h.prisma.slaClock.findFirstOrThrow({
    where: { metAt: null, complaint: { stage: { notIn: ['closed', 'archived'] } } },
  });
  const due = (at: Date) => () => h.prisma.slaClock.update({ where: { id: clock.id }, data: { dueAt: at } });
  expect(await whenBroken(due(new Date(clock.dueAt.getTime() + 3_600_000)), due(clock.dueAt))).toEqual(
    only('clocks-match', clock.complaintNumber),
  );
}, 120_000);

test('monthly-totals: a complaint counted in a month it was not registered in', async () => {
  const where = { number: numbers.closed };
  const { month } = await h.prisma.complaint.findUniqueOrThrow({ where });
  const inMonth = (to: string) => () => h.prisma.complaint.update({ where, data: { month: to } });
  expect(await whenBroken(inMonth('202001'), inMonth(month))).toEqual(only('monthly-totals', month, '202001'));
}, 120_000);

test("maintenance-once: a unit whose next due date is not the one the visit's answer gave", async () => {
  const order = await h.prisma.maintenanceOrder.findUniqueOrThrow({ where: { orderId: numbers.order } });
  const unit = await h.prisma.installedBase.findUniqueOrThrow({ where: { serial: order.serial } });
  const moved = (nextDueOn: Date) =>
    h.prisma.installedBase.update({ where: { serial: unit.serial }, data: { nextDueOn } });
  const broken = await whenBroken(
    () => moved(new Date(unit.nextDueOn.getTime() + 86_400_000)),
    () => moved(unit.nextDueOn),
  );
  expect(broken).toEqual(only('maintenance-once', numbers.order));
});

test('backfill-once: a backfill logged for a month that never ran, and a report email SMTP refused', async () => {
  const { month } = log.reportRuns[0]!;
  const subject = { subjectKind: 'monthly_report', subjectId: month };
  const rejected = (status: string) => h.prisma.outboxEmail.updateMany({ where: subject, data: { status } });
  const broken = await whenBroken(
    () => rejected('rejected'),
    () => rejected('sent'),
  );
  // email-once sees it too: caught, yet marked refused
  expect([broken.invariants, broken.subjects.includes(month)]).toEqual([['backfill-once', 'email-once'], true]);
  const never = await withLog({ reportRuns: [...log.reportRuns, { month: '202001', at: now() }] });
  expect(never).toEqual(only('backfill-once', '202001'));
});

test('no-pending-effects: a registration whose acknowledgement SMTP keeps refusing (4xx) stays pending', async () => {
  const body = registrationBody();
  const email = body.customer.email;
  blocked.add(email);
  let number = '';
  try {
    number = await register('customer_service', body, key('register'), false);
    const handle = h.temporal.workflow.getHandle(complaintWorkflowId(number));
    const retried = async () => (await handle.describe()).raw.pendingActivities?.some((a) => (a.attempt ?? 0) > 2);
    await eventually(async () => ((await retried()) ? true : undefined), 30_000);
    const pending = await h.prisma.outboxEmail.findMany({ where: { complaintNumber: number, status: 'pending' } });
    expect(pending.map((r) => r.recipient)).toEqual([email]);
    const report = await check({ settleMs: 1_000, activityAttemptBound: 2 });
    expect(named(report)).toEqual(only('no-pending-effects', number, pending[0]!.id));
    expect(report.notes.some((n) => n.startsWith('not settled'))).toBe(true);
  } finally {
    blocked.delete(email);
  }
  await readComplaint(h, number, (live) => live.pendingEffects === 0);
}, 120_000);

test('a workflow that does not answer in time is a violation of each invariant that needed it, not a hang', async () => {
  const { number, workflowId, create } = await copiedRow(9002);
  await create();
  const unpolled = { workflowId, taskQueue: `nobody-polls-${number}`, args: [] };
  const started = await h.temporal.workflow.start(COMPLAINT_WORKFLOW_TYPE, unpolled);
  try {
    const report = await check({ queryDeadlineMs: 1_000, settleMs: 1_000 });
    const asked = { invariants: ['clocks-match', 'no-pending-effects', 'stage-matches'], subjects: [number] };
    expect(named(report)).toMatchObject(asked);
    expect(report.violations.filter((v) => !v.detail.endsWith('no answer within 1 s'))).toEqual([]);
    expect(report.tookMs).toBeLessThan(15_000);
  } finally {
    await started.terminate('checker test over');
    // closed: a terminated workflow answers no query either, and nothing asks a closed complaint's
    await h.prisma.complaint.update({ where: { number }, data: { stage: 'closed' } });
  }
}, 120_000);

test('email-once: an uncertain email beyond the 500 that GET /api/v1/outbox lists is not surfaced', async () => {
  const at = new Date();
  const rows = Array.from({ length: 501 }, (_, i) => ({
    idempotencyKey: `checker:${i}:uncertain:${randomUUID()}@example.com`,
    subjectKind: 'checker',
    subjectId: String(i),
    event: 'uncertain',
    recipient: 'nobody@example.com',
    language: 'en',
    subject: 'left uncertain',
    textBody: '-',
    htmlBody: '-',
    messageId: `<${randomUUID()}@checker>`,
    status: 'uncertain',
    attempts: 1,
    createdAt: at,
    claimedAt: at,
  }));
  const broken = await whenBroken(
    () => h.prisma.outboxEmail.createMany({ data: rows }),
    () => h.prisma.outboxEmail.deleteMany({ where: { subjectKind: 'checker' } }),
  );
  const uncertain = await h.prisma.outboxEmail.findMany({ where: { status: 'uncertain' } });
  expect(uncertain).toEqual([]);
  expect(broken.invariants).toEqual(['email-once']);
  expect(broken.subjects).toHaveLength(1);
  expect(broken.report).toContain('uncertain beyond the 500');
});

test('no-pending-effects: a workflow whose task keeps failing (a type no worker knows)', async () => {
  const faultsEndedAt = new Date();
  const workflowId = `checker-failing-task-${randomUUID().slice(0, 8)}`;
  const handle = await h.temporal.workflow.start('noSuchWorkflowType', {
    workflowId,
    taskQueue: h.config.TEMPORAL_TASK_QUEUE,
    args: [],
  });
  try {
    const failing = async () => ((await handle.describe()).raw.pendingWorkflowTask?.attempt ?? 0) > 1;
    await eventually(async () => ((await failing()) ? true : undefined), 60_000);
    const report = await check({ settleMs: 1_000, faultsEndedAt });
    expect(named(report)).toEqual(only('no-pending-effects', workflowId));
    const details = report.violations.map((v) => v.detail);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/workflow task at attempt \d+/),
        expect.stringMatching(/workflow task failed/),
      ]),
    );
  } finally {
    await handle.terminate('checker test over');
  }
}, 120_000);

test('with every break undone (and the refused email delivered), every invariant holds again', async () => {
  expect(named(await check())).toEqual(CLEAN);
}, 120_000);
