import request from 'supertest';
import { formatComplaintNumber } from '../../domain/complaint-number';
import { complaintWorkflowId } from '../../domain/complaint-contract';
import { insertComplaint } from '../../api/complaint-store';
import { createProfileRegistry } from '../../infra/profile-registry';

const pinned = createProfileRegistry().get('industrial-fault')!;
import { registrationSchema } from '../../domain/registration';
import { registrationBody, startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  // No worker: this file is about numbering, and 200 acknowledgements would only slow it down.
  h = await startHarness({ worker: false, poolMax: 20 });
});

afterAll(async () => {
  await h?.stop();
});

test('200 concurrent registrations through the API get 200 distinct numbers, each with its workflow', async () => {
  const responses = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      request(h.app)
        .post('/api/v1/complaints')
        .set('Authorization', h.as('customer_service'))
        .send(registrationBody({ description: `concurrent complaint ${i}` })),
    ),
  );
  expect(responses.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
  const numbers = responses.map((r) => r.body.number as string);
  expect(new Set(numbers).size).toBe(200);
  const stored = await h.prisma.complaint.findMany({
    where: { number: { in: numbers } },
    orderBy: { sequence: 'asc' },
  });
  expect(stored).toHaveLength(200);
  for (const c of stored) {
    expect(c.workflowStartedAt).not.toBeNull();
    // the insert builds them in SQL: they must be what the domain functions say
    expect(c.number).toBe(formatComplaintNumber(c.month, c.sequence));
    expect(c.workflowId).toBe(complaintWorkflowId(c.number));
  }
  const descriptions = await Promise.all(stored.map((c) => h.temporal.workflow.getHandle(c.workflowId).describe()));
  expect(descriptions.filter((d) => d.status.name === 'RUNNING')).toHaveLength(200);
});

test('numbers keep working past 999 and restart at 001 in a new month', async () => {
  const registration = registrationSchema.parse(registrationBody());
  await h.prisma.complaintSequence.create({ data: { month: '203107', lastValue: 998 } });
  const july = new Date('2031-07-15T04:00:00Z');
  const numbers: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const { complaint } = await insertComplaint(h.prisma, registration, {
      pinned,
      now: july,
      timeZone: 'Asia/Shanghai',
    });
    numbers.push(complaint.number);
  }
  expect(numbers).toEqual(['203107-999', '203107-1000', '203107-1001']);
  // 2031-07-31 16:30 UTC is already August in Shanghai (UTC+8).
  const { complaint } = await insertComplaint(h.prisma, registration, {
    pinned,
    now: new Date('2031-07-31T16:30:00Z'),
    timeZone: 'Asia/Shanghai',
  });
  expect(complaint.number).toBe(formatComplaintNumber('203108', 1));
});

test('a failed insert does not consume a number', async () => {
  const registration = registrationSchema.parse(registrationBody());
  const now = new Date('2032-03-10T02:00:00Z');
  const first = await insertComplaint(h.prisma, registration, {
    pinned,
    now,
    timeZone: 'UTC',
    requestKey: 'dup-key-0001',
  });
  // A clashing workflow ID makes the insert fail inside the transaction.
  await h.prisma.complaint.update({ where: { id: first.complaint.id }, data: { workflowId: 'complaint-203203-002' } });
  await expect(insertComplaint(h.prisma, registration, { pinned, now, timeZone: 'UTC' })).rejects.toThrow();
  const counter = await h.prisma.complaintSequence.findUniqueOrThrow({ where: { month: '203203' } });
  expect(counter.lastValue).toBe(1);
});

test('concurrent inserts with one request key store one complaint and consume one number', async () => {
  const registration = registrationSchema.parse(registrationBody());
  const now = new Date('2032-05-10T02:00:00Z');
  const results = await Promise.all(
    Array.from({ length: 5 }, () =>
      insertComplaint(h.prisma, registration, { pinned, now, timeZone: 'UTC', requestKey: 'race-key-0001' }),
    ),
  );
  expect(results.filter((r) => r.created)).toHaveLength(1);
  expect(new Set(results.map((r) => r.complaint.number))).toEqual(new Set(['203205-001']));
  const counter = await h.prisma.complaintSequence.findUniqueOrThrow({ where: { month: '203205' } });
  expect(counter.lastValue).toBe(1);
});
