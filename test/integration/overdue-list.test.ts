/**
 * The complaint list's overdue filter: "overdue" is a running clock (not met, not paused) past its due time,
 * filtered in SQL before the page is cut, so `total` and the pages are right.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { insertComplaint } from '../../api/complaint-store';
import { registrationSchema } from '../../domain/registration';
import { createProfileRegistry } from '../../infra/profile-registry';
import { registrationBody, startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

const pinned = createProfileRegistry().get('industrial-fault')!;
const HOUR = 3_600_000;

type ClockState = 'running_past_due' | 'breached_running' | 'met_late' | 'running_not_due' | 'paused_past_due';

/** A complaint of `batch` registered `ageMs` ago, with one clock per state given. */
async function complaintWith(batch: string, ageMs: number, clocks: ClockState[]): Promise<string> {
  const now = Date.now();
  const { complaint } = await insertComplaint(
    h.prisma,
    registrationSchema.parse(registrationBody({ product: { model: 'LX-9', batchNumber: batch } })),
    { pinned, now: new Date(now - ageMs), timeZone: h.config.COMPLAINT_TIMEZONE },
  );
  for (const [i, state] of clocks.entries()) {
    const dueAt = new Date(state === 'running_not_due' ? now + HOUR : now - HOUR);
    await h.prisma.slaClock.create({
      data: {
        complaintNumber: complaint.number,
        name: `clock_${i}`,
        startedAt: new Date(now - 3 * HOUR),
        dueAt,
        warnAt: new Date(now - 2 * HOUR),
        durationAmount: 2,
        durationUnit: 'hours',
        department: 'quality',
        owner: 'quality_manager',
        breachedAt: state === 'breached_running' || state === 'met_late' ? dueAt : null,
        metAt: state === 'met_late' ? new Date(now - HOUR / 2) : null,
        pausedAt: state === 'paused_past_due' ? new Date(now - 2 * HOUR) : null,
      },
    });
  }
  return complaint.number;
}

test('overdue=true and overdue=false: totals count every match and the pages split them, newest first', async () => {
  const batch = `OVERDUE-${randomUUID().slice(0, 8)}`;
  // newest first: registered 1 … 7 minutes ago
  const specs: Array<[string, ClockState[]]> = [
    ['overdue, timer not yet fired', ['running_past_due']],
    ['not overdue: met late, next clock not due', ['met_late', 'running_not_due']],
    ['overdue, breach recorded', ['breached_running', 'met_late']],
    ['not overdue: paused (its due time moves on)', ['paused_past_due']],
    ['overdue, one of two', ['running_not_due', 'running_past_due']],
    ['not overdue: no clocks', []],
    ['overdue, oldest', ['breached_running']],
  ];
  const numbers: string[] = [];
  for (const [i, [, clocks]] of specs.entries()) numbers.push(await complaintWith(batch, (i + 1) * 60_000, clocks));
  const overdue = numbers.filter((_, i) => specs[i]![0].startsWith('overdue'));
  const onTime = numbers.filter((_, i) => !specs[i]![0].startsWith('overdue'));

  const page = async (query: Record<string, string>) => {
    const res = await request(h.app)
      .get('/api/v1/complaints')
      .query({ batch, ...query })
      .set('Authorization', h.as('general_manager'))
      .expect(200);
    return { total: res.body.total, numbers: res.body.items.map((i: { number: string }) => i.number) };
  };
  expect(await page({ overdue: 'true', limit: '3' })).toEqual({ total: 4, numbers: overdue.slice(0, 3) });
  expect(await page({ overdue: 'true', limit: '3', offset: '3' })).toEqual({ total: 4, numbers: overdue.slice(3) });
  expect(await page({ overdue: 'true', limit: '3', offset: '6' })).toEqual({ total: 4, numbers: [] });
  expect(await page({ overdue: 'false', limit: '2' })).toEqual({ total: 3, numbers: onTime.slice(0, 2) });
  expect(await page({ overdue: 'false', limit: '2', offset: '2' })).toEqual({ total: 3, numbers: onTime.slice(2) });
  expect(await page({ limit: '50' })).toEqual({ total: 7, numbers });
});
