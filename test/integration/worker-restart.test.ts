import request from 'supertest';
import { complaintWorkflowId, statusQuery } from '../../domain/complaint-contract';
import { eventually, registrationBody, startHarness, type Harness } from '../support/harness';
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

afterAll(async () => {
  for (const release of held.values()) release();
  await worker?.kill();
  await h?.stop();
});

async function stageOf(number: string) {
  return (await h.temporal.workflow.getHandle(complaintWorkflowId(number)).query(statusQuery)).stage;
}

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
  await eventually(async () => ((await stageOf(number)) === 'triage' ? true : undefined));

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
