import request from 'supertest';
import { complaintWorkflowId, statusQuery } from '../../domain/complaint-contract';
import { eventually, registrationBody, startHarness, type Harness } from '../support/harness';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

let h: Harness;
let worker: WorkerProcess | undefined;
const held = new Map<string, () => void>();
let holdSubject: string | undefined;
let onHold: (() => void) | undefined;

beforeAll(async () => {
  h = await startHarness({
    worker: false,
    async beforeAccept(mail) {
      if (holdSubject && mail.subject.includes(holdSubject)) {
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
  const { body } = await request(h.app).post('/api/v1/complaints').send(registrationBody()).expect(201);
  const number: string = body.number;

  worker = await startWorkerProcess(h.config);
  await h.catcher.waitFor((m) => m.subject.includes(number));
  await eventually(async () => ((await stageOf(number)) === 'triage' ? true : undefined));

  expect(await worker.kill('SIGKILL')).toBeNull();
  worker = await startWorkerProcess(h.config);

  const closed = await request(h.app)
    .post(`/api/v1/complaints/${number}/withdraw`)
    .send({ reason: 'fixed on site' })
    .expect(200);
  expect(closed.body.stage).toBe('closed');
  const result = await h.temporal.workflow.getHandle(complaintWorkflowId(number)).result();
  expect(result.finalStage).toBe('closed');

  const mails = h.catcher.messages.filter((m) => m.subject.includes(number));
  expect(mails).toHaveLength(2);
  expect(await h.prisma.outboxEmail.count({ where: { complaintNumber: number, status: 'sent' } })).toBe(2);
  expect((await h.prisma.complaint.findUniqueOrThrow({ where: { number } })).stage).toBe('closed');
  await worker.kill('SIGTERM');
  worker = undefined;
});

test('a worker killed in the middle of sending does not send the email a second time', async () => {
  worker = await startWorkerProcess(h.config);
  const holding = new Promise<void>((resolve) => (onHold = resolve));
  const { body } = await request(h.app).post('/api/v1/complaints').send(registrationBody()).expect(201);
  const number: string = body.number;
  holdSubject = number;
  await holding; // the worker is now inside the SMTP transaction
  await worker.kill('SIGKILL');
  for (const release of held.values()) release();
  holdSubject = undefined;

  worker = await startWorkerProcess(h.config);
  // The killed attempt times out (start-to-close), the retry finds the email mid-send and does not resend.
  await eventually(async () => ((await stageOf(number)) === 'triage' ? true : undefined), 60_000, 500);
  const rows = await h.prisma.outboxEmail.findMany({ where: { complaintNumber: number } });
  expect(rows.map((r) => r.status)).toEqual(['uncertain']);
  expect(h.catcher.messages.filter((m) => m.subject.includes(number))).toHaveLength(1);
  await worker.kill('SIGTERM');
  worker = undefined;
});
