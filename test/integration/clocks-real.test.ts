/**
 * SLA clocks on the real stack: a profile with deadlines of seconds, a worker process killed while its
 * clocks run and started again after they came due; department performance from the recorded breaches.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createActivities } from '../../activities';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { ProfileInput } from '../../domain/profile-schema';
import { DEFAULT_DIRECTORY } from '../../infra/directory';
import { createLogger } from '../../infra/logger';
import { eventually, readComplaint, registrationBody, startHarness, type Harness } from '../support/harness';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

const quick: ProfileInput = {
  ...JSON.parse(JSON.stringify(BUILT_IN_PROFILES.find((p) => p.id === 'industrial-fault'))),
  id: 'quick-clocks',
  clockRules: [
    {
      name: 'acknowledge',
      rule: 'acknowledged within a minute',
      section: 'test',
      length: { fixed: { amount: 1, unit: 'minutes' } },
      startedBy: ['registered'],
      metBy: ['acknowledged'],
    },
    {
      name: 'first_contact',
      rule: 'the customer contacted within 15 seconds',
      section: 'test',
      length: { fixed: { amount: 0.25, unit: 'minutes' } }, // 15 s
      startedBy: ['registered'],
      metBy: ['customer_contacted'],
    },
  ],
  clocks: {
    warningFraction: 0.5,
    escalation: [
      { notify: ['technical_support'], after: { amount: 0, unit: 'minutes' } },
      { notify: ['sales'], after: { amount: 0.1, unit: 'minutes' } }, // 6 s
    ],
  },
};

let h: Harness;
/** The activities over this harness's real PostgreSQL and SMTP server. */
const realActivities = () =>
  createActivities({
    prisma: h.prisma,
    mailer: h.mailer,
    logger: createLogger('silent'),
    now: () => new Date(),
    timeZone: 'Asia/Shanghai',
    directory: DEFAULT_DIRECTORY,
  });
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-')), 'quick.json');
  fs.writeFileSync(file, JSON.stringify(quick));
  h = await startHarness({ worker: false, profileFiles: [file] });
});

afterAll(async () => {
  await worker?.kill();
  await h?.stop();
});

test('a worker killed while clocks run: after the restart each clock fires once, recorded at its due instant', async () => {
  worker = await startWorkerProcess(h.config);
  const registration = registrationBody({ profileId: 'quick-clocks' });
  const { body } = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registration)
    .expect(201);
  const number: string = body.number;
  await h.catcher.waitFor((m) => m.subject.includes(number) && m.to.includes(registration.customer.email));
  await worker.kill('SIGKILL');
  const registeredMs = Date.parse(body.createdAt);
  // Down past the warning (7.5 s), the breach (15 s) and the second ladder level's time: the outage itself
  // is what is tested, so real time has to pass here (no state to wait for).
  await new Promise((r) => setTimeout(r, Math.max(0, registeredMs + 24_000 - Date.now())));
  worker = await startWorkerProcess(h.config);

  const clock = await eventually(async () => {
    const row = await h.prisma.slaClock.findFirst({ where: { complaintNumber: number, name: 'first_contact' } });
    return row?.breachedAt ? row : undefined;
  }, 30_000);
  expect(clock.breachedAt!.toISOString()).toBe(clock.dueAt.toISOString());
  expect(clock.dueAt.getTime() - clock.startedAt.getTime()).toBe(15_000);
  expect(clock.warnedAt!.getTime() - clock.startedAt.getTime()).toBe(7_500);

  const outbox = await eventually(async () => {
    const rows = await h.prisma.outboxEmail.findMany({
      where: { complaintNumber: number, event: { startsWith: 'escalation:' } },
    });
    return rows.length >= 2 ? rows : undefined;
  }, 30_000);
  expect(outbox.map((r) => [r.event, r.recipient]).sort()).toEqual([
    ['escalation:first_contact:1:1', 'technical-support@example.com'],
    ['escalation:first_contact:1:2', 'sales@example.com'],
  ]);
  // A late warning would have been handled before the breach that overtook it, so before the ladder's
  // second level seen above: nothing more can come for it.
  const all = await h.prisma.outboxEmail.findMany({ where: { complaintNumber: number } });
  // the warning came due while no worker ran and the breach overtook it: recorded (warnedAt), not mailed late
  expect(all.filter((r) => r.event.startsWith('warning:first_contact'))).toHaveLength(0);
  await eventually(async () =>
    h.catcher.messages.filter((m) => m.subject.includes(number)).length === all.length ? true : undefined,
  );
  // the ladder tells the complaint its level by a signal, which may come a moment after its email
  const { live } = await readComplaint(h, number, (l) => l.escalationLevel === 2);
  expect(live).toMatchObject({ overdue: true, escalationLevel: 2 });
  await worker.kill('SIGTERM');
  worker = undefined;
}, 120_000);

test('department performance: first late handling in a month is a warning, the second a penalty; the report counts them', async () => {
  const activities = realActivities();
  const department = `dept-${Date.now()}`;
  const numbers: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const { body } = await request(h.app)
      .post('/api/v1/complaints')
      .set('Authorization', h.as('customer_service'))
      .send(registrationBody())
      .expect(201);
    numbers.push(body.number);
  }
  const clock = (startedAt: string, dueAt: string, breached: boolean) => ({
    name: 'answer',
    startedAt,
    dueAt,
    warnAt: startedAt,
    duration: { amount: 7, unit: 'working_days' as const },
    pausedMs: 0,
    ...(breached ? { breachedAt: dueAt } : { metAt: dueAt }),
  });
  // Two complaints late in March 2031 (Shanghai), one on time.
  await activities.recordClocks({
    number: numbers[0]!,
    department,
    owner: 'quality_manager',
    clocks: [clock('2031-03-01T01:00:00.000Z', '2031-03-10T01:00:00.000Z', true)],
  });
  await activities.recordClocks({
    number: numbers[0]!,
    department,
    owner: 'quality_manager',
    clocks: [clock('2031-03-01T01:00:00.000Z', '2031-03-10T01:00:00.000Z', true)],
  });
  await activities.recordClocks({
    number: numbers[1]!,
    department,
    owner: 'quality_manager',
    clocks: [clock('2031-03-02T01:00:00.000Z', '2031-03-11T01:00:00.000Z', true)],
  });
  await activities.recordClocks({
    number: numbers[2]!,
    department,
    owner: 'quality_manager',
    clocks: [clock('2031-03-03T01:00:00.000Z', '2031-03-12T01:00:00.000Z', false)],
  });

  const entries = await h.prisma.performanceEntry.findMany({ where: { department }, orderBy: { createdAt: 'asc' } });
  expect(entries.map((e) => [e.complaintNumber, e.kind, e.month])).toEqual([
    [numbers[0], 'warning', '203103'],
    [numbers[1], 'penalty', '203103'],
  ]);
  await request(h.app).get('/api/v1/reports/performance?month=203103').set('Authorization', h.as('sales')).expect(403);
  await request(h.app)
    .get('/api/v1/reports/performance?month=2031-3')
    .set('Authorization', h.as('general_manager'))
    .expect(400);
  const report = await request(h.app)
    .get('/api/v1/reports/performance?month=203103')
    .set('Authorization', h.as('general_manager'))
    .expect(200);
  expect(report.body.departments.find((d: { department: string }) => d.department === department)).toEqual({
    department,
    // a department no profile names is written as its id
    name: { 'zh-CN': department, en: department },
    clocks: 3,
    metOnTime: 1,
    breaches: 2,
    onTimeRate: 33.3,
    warnings: 1,
    penalties: 1,
    praise: 0,
    escalations: 0,
  });
});

test("anonymisation at the end of retention removes the customer's personal data and keeps the record", async () => {
  const { body } = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registrationBody())
    .expect(201);
  const number: string = body.number;
  const activities = realActivities();
  expect(await activities.notifyCustomer({ number, event: 'acknowledgement', key: 'acknowledgement' })).toBe('sent');
  // an answer the customer gave by link, with what they typed
  await h.prisma.customerLinkUse.create({
    data: {
      jti: `jti-${number}`,
      complaintNumber: number,
      purpose: 'plan_decision',
      usedAt: new Date(),
      answer: { answer: 'customerObjected', fields: { reason: 'call me on 138 0000 0000' } },
    },
  });
  await activities.archiveComplaint({ number, closedAt: new Date().toISOString(), retentionYears: 2, reason: 'test' });
  await activities.anonymiseComplaint({ number });
  await activities.anonymiseComplaint({ number });
  const row = await h.prisma.complaint.findUniqueOrThrow({ where: { number } });
  expect(row).toMatchObject({
    customerName: 'anonymised',
    customerEmail: `anonymised+${number}@invalid`,
    customerPhone: null,
  });
  expect(JSON.stringify(row.registration)).not.toContain(body.registration.customer.email);
  expect(row.productModel).toBe(body.registration.product.model);
  const outbox = await h.prisma.outboxEmail.findMany({ where: { complaintNumber: number } });
  expect(outbox.length).toBeGreaterThan(0);
  expect(outbox.every((o) => o.textBody === '' && o.htmlBody === '')).toBe(true);
  expect((await h.prisma.customerLinkUse.findUniqueOrThrow({ where: { jti: `jti-${number}` } })).answer).toEqual({});
  expect(
    (await h.prisma.archiveRecord.findUniqueOrThrow({ where: { complaintNumber: number } })).anonymisedAt,
  ).not.toBeNull();
});
