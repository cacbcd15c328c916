import request from 'supertest';
import { complaintWorkflowId, statusQuery } from '../../domain/complaint-contract';
import { eventually, registerComplaint, registrationBody, startHarness, type Harness } from '../support/harness';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

let h: Harness;
let worker: WorkerProcess | undefined;
const held = new Map<string, () => void>();
let holdRecipient: string | undefined;
let onHold: (() => void) | undefined;

beforeAll(async () => {
  h = await startHarness({
    worker: false,
    async beforeAccept(mail) {
      if (holdRecipient && mail.to.includes(holdRecipient)) {
        onHold?.();
        await new Promise<void>((resolve) => held.set(mail.subject, resolve));
      }
    },
  });
});

// a test that failed half-way leaves its worker running: the next test must not share the queue with it
afterEach(async () => {
  await worker?.kill();
  worker = undefined;
});

afterAll(async () => {
  for (const release of held.values()) release();
  await worker?.kill();
  await h?.stop();
});

test('killing the worker while the workflow runs loses nothing and sends no duplicate email', async () => {
  // Registered while no worker runs: the workflow waits for one.
  const { body } = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registrationBody())
    .expect(201);
  const number: string = body.number;

  worker = await startWorkerProcess(h.config);
  await h.catcher.waitFor((m) => m.subject.includes(number));
  // killed between steps: registration's emails (one activity with the acknowledgement) all handed over; an
  // email caught mid-send is the next test's case (uncertain, never sent twice)
  await eventually(async () => {
    const status = await h.temporal.workflow.getHandle(complaintWorkflowId(number)).query(statusQuery);
    return status.stage === 'triage' && status.pendingEffects === 0 ? true : undefined;
  });

  expect(await worker.kill('SIGKILL')).toBeNull();
  worker = await startWorkerProcess(h.config);

  const closed = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/withdraw`)
    .set('Authorization', h.as('customer_service'))
    .send({ reason: 'fixed on site' })
    .expect(200);
  expect(closed.body.stage).toBe('closed');
  const result = await h.temporal.workflow.getHandle(complaintWorkflowId(number)).result();
  expect(result.finalStage).toBe('archived');

  const customerEmail: string = body.registration.customer.email;
  const mails = h.catcher.messages.filter((m) => m.subject.includes(number) && m.to.includes(customerEmail));
  expect(mails).toHaveLength(2);
  const rows = await h.prisma.outboxEmail.findMany({ where: { complaintNumber: number } });
  expect(rows.every((r) => r.status === 'sent')).toBe(true);
  // every outbox row was delivered exactly once, staff copies included
  expect(h.catcher.messages.filter((m) => m.subject.includes(number))).toHaveLength(rows.length);
  expect((await h.prisma.complaint.findUniqueOrThrow({ where: { number } })).stage).toBe('archived');
  await worker.kill('SIGTERM');
  worker = undefined;
});

test('a worker killed in the middle of sending does not send the email a second time', async () => {
  worker = await startWorkerProcess(h.config);
  const holding = new Promise<void>((resolve) => (onHold = resolve));
  const registration = registrationBody();
  holdRecipient = registration.customer.email;
  const { body } = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registration)
    .expect(201);
  const number: string = body.number;
  await holding; // the worker is now inside the SMTP transaction of the acknowledgement
  await worker.kill('SIGKILL');
  for (const release of held.values()) release();
  holdRecipient = undefined;

  worker = await startWorkerProcess(h.config);
  // The killed attempt times out (start-to-close), the retry finds the email mid-send and does not resend.
  const acknowledgement = () =>
    h.prisma.outboxEmail.findMany({ where: { complaintNumber: number, event: 'acknowledgement' } });
  await eventually(
    async () => ((await acknowledgement()).some((r) => r.status !== 'sending') ? true : undefined),
    60_000,
    500,
  );
  const rows = await acknowledgement();
  expect(rows.map((r) => r.status)).toEqual(['uncertain']);
  const customerEmail: string = body.registration.customer.email;
  expect(h.catcher.messages.filter((m) => m.subject.includes(number) && m.to.includes(customerEmail))).toHaveLength(1);
  await worker.kill('SIGTERM');
  worker = undefined;
});

test("a worker killed between an action's answer and its effects: every effect is carried out once", async () => {
  worker = await startWorkerProcess(h.config);
  const number = await registerComplaint(h);

  // Hold the complaint's row: the action's record (its first effect) will wait on it, mid-transaction.
  let unlock!: () => void;
  const locked = new Promise<void>((resolve) => {
    void h.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM complaint WHERE number = ${number} FOR UPDATE`;
        resolve();
        await new Promise<void>((release) => (unlock = release));
      },
      { timeout: 120_000 },
    );
  });
  await locked;
  const answered = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 'product_fault' })
    .expect(200);
  expect(answered.body.stage).toBe('validity_check');
  expect(answered.body.live.pendingEffects).toBeGreaterThan(0);
  await eventually(async () => {
    const waiting = await h.prisma.$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    return waiting[0]!.n > 0n ? true : undefined;
  });
  await worker.kill('SIGKILL');
  unlock();
  worker = await startWorkerProcess(h.config);

  const handle = h.temporal.workflow.getHandle(complaintWorkflowId(number));
  await eventually(
    async () => ((await handle.query(statusQuery)).pendingEffects === 0 ? true : undefined),
    60_000,
    500,
  );
  const audit = await h.prisma.auditEntry.findMany({ where: { complaintNumber: number, action: 'classify' } });
  expect(audit).toHaveLength(1);
  expect(await h.prisma.complaintForm.count({ where: { complaintNumber: number, kind: 'classification' } })).toBe(1);
  const rows = await h.prisma.outboxEmail.findMany({ where: { complaintNumber: number } });
  expect(rows.filter((r) => r.event.startsWith('owner_assigned')).map((r) => r.status)).toEqual(['sent']);
  expect(rows.every((r) => r.status === 'sent')).toBe(true);
  await eventually(async () =>
    h.catcher.messages.filter((m) => m.subject.includes(number)).length === rows.length ? true : undefined,
  );
  expect((await h.prisma.complaint.findUniqueOrThrow({ where: { number } })).stage).toBe('validity_check');
  await worker.kill('SIGTERM');
  worker = undefined;
});
