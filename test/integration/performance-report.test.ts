/**
 * Department performance on the real database: each profile's rule grades missed deadlines, months are
 * counted in the company's time zone (here New York, with daylight saving), and the report names the best team.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createActivities, type RecordClocksInput } from '../../activities';
import { insertComplaint } from '../../api/complaint-store';
import type { Deadline } from '../../domain/clocks';
import { BEST_TEAM_RULE, type PerformanceRule } from '../../domain/performance';
import { registrationSchema } from '../../domain/registration';
import { DEFAULT_DIRECTORY } from '../../infra/directory';
import { createLogger } from '../../infra/logger';
import { createProfileRegistry } from '../../infra/profile-registry';
import { registrationBody, startHarness, type Harness } from '../support/harness';

const TIME_ZONE = 'America/New_York';
let h: Harness;
let activities: ReturnType<typeof createActivities>;

beforeAll(async () => {
  h = await startHarness({ worker: false, timeZone: TIME_ZONE });
  activities = createActivities({
    prisma: h.prisma,
    mailer: h.mailer,
    logger: createLogger('silent'),
    now: () => new Date(),
    timeZone: h.config.COMPLAINT_TIMEZONE,
    directory: DEFAULT_DIRECTORY,
  });
});

afterAll(async () => {
  await h?.stop();
});

const pinned = createProfileRegistry().get('industrial-fault')!;

async function newComplaint(): Promise<string> {
  const { complaint } = await insertComplaint(h.prisma, registrationSchema.parse(registrationBody()), {
    pinned,
    now: new Date(),
    timeZone: TIME_ZONE,
  });
  return complaint.number;
}

function clock(name: string, dueAt: string, late: boolean): Deadline {
  const startedAt = new Date(Date.parse(dueAt) - 86_400_000).toISOString();
  return {
    name,
    startedAt,
    dueAt,
    warnAt: startedAt,
    duration: { amount: 24, unit: 'hours' },
    pausedMs: 0,
    ...(late ? { breachedAt: dueAt } : { metAt: dueAt }),
  };
}

/** One complaint of `department` with one clock per due instant, each late or not. */
async function record(
  department: string,
  clocks: Array<[string, boolean]>,
  performance?: Pick<PerformanceRule, 'breaches'>,
) {
  const number = await newComplaint();
  const input: RecordClocksInput = {
    number,
    department,
    owner: 'quality_manager',
    clocks: clocks.map(([dueAt, late], i) => clock(`c${i}`, dueAt, late)),
    performance,
  };
  await activities.recordClocks(input);
  await activities.recordClocks(input); // a retried activity counts nothing twice
  return number;
}

const kinds = (department: string) =>
  h.prisma.performanceEntry
    .findMany({ where: { department }, orderBy: { clockStartedAt: 'asc' } })
    .then((rows) => rows.map((r) => [r.month, r.kind]));

const report = async (month: string) =>
  (
    await request(h.app)
      .get('/api/v1/reports/performance')
      .query({ month })
      .set('Authorization', h.as('general_manager'))
      .expect(200)
  ).body;

test("each profile's rule grades the breaches; a profile pinned without one keeps the legacy rule (002)", async () => {
  const due = ['2041-05-05T15:00:00.000Z', '2041-05-06T15:00:00.000Z', '2041-05-07T15:00:00.000Z'];
  const late = due.map((d): [string, boolean] => [d, true]);
  const [warningOnly, seed002, legacy] = ['warn', 'seed002', 'legacy'].map((d) => `${d}-${randomUUID()}`);
  await record(warningOnly!, late, { breaches: { kind: 'warning_only' } });
  await record(seed002!, late, { breaches: { kind: 'warning_then_penalty', warningsPerMonth: 1 } });
  await record(legacy!, late);
  expect(await kinds(warningOnly!)).toEqual([
    ['204105', 'warning'],
    ['204105', 'warning'],
    ['204105', 'warning'],
  ]);
  const warnThenPenalty = [
    ['204105', 'warning'],
    ['204105', 'penalty'],
    ['204105', 'penalty'],
  ];
  expect(await kinds(seed002!)).toEqual(warnThenPenalty);
  expect(await kinds(legacy!)).toEqual(warnThenPenalty);
});

test('months are counted in the company time zone: entries and report agree across a daylight-saving month', async () => {
  const department = `tz-${randomUUID()}`;
  // 2043-03-31 23:30 EDT is April in UTC and in Shanghai, March in New York; 2043-03-01 00:30 EST is March.
  await record(department, [
    ['2043-03-01T05:30:00.000Z', true],
    ['2043-04-01T03:30:00.000Z', true],
    ['2043-04-01T04:30:00.000Z', false], // 00:30 EDT on 1 April: April
    ['2043-03-01T04:30:00.000Z', false], // 23:30 EST on 28 February: February
  ]);
  expect(await kinds(department)).toEqual([
    ['204303', 'warning'],
    ['204303', 'penalty'],
  ]);
  const march = await report('204303');
  expect(march).toMatchObject({ month: '204303', timeZone: TIME_ZONE, bestTeamRule: BEST_TEAM_RULE });
  expect(march.departments.find((d: { department: string }) => d.department === department)).toEqual({
    department,
    name: { 'zh-CN': department, en: department },
    clocks: 2,
    metOnTime: 0,
    breaches: 2,
    onTimeRate: 0,
    warnings: 1,
    penalties: 1,
    praise: 0,
    escalations: 0,
  });
  for (const month of ['204302', '204304']) {
    const line = (await report(month)).departments.find((d: { department: string }) => d.department === department);
    expect({ month, line }).toMatchObject({ month, line: { clocks: 1, metOnTime: 1, breaches: 0, penalties: 0 } });
  }
});

test('the best team of the month: the highest on-time rate among departments with enough clocks', async () => {
  const day = (d: number) => `2045-06-${String(d).padStart(2, '0')}T14:00:00.000Z`;
  const clocks = (onTime: number, late: number): Array<[string, boolean]> => [
    ...Array.from({ length: onTime }, (_, i): [string, boolean] => [day(i + 1), false]),
    ...Array.from({ length: late }, (_, i): [string, boolean] => [day(onTime + i + 1), true]),
  ];
  const [steady, perfectButFew, sloppy] = ['steady', 'few', 'sloppy'].map((d) => `${d}-${randomUUID()}`);
  await record(steady!, clocks(9, 1));
  await record(perfectButFew!, clocks(4, 0));
  await record(sloppy!, clocks(5, 5));
  const june = await report('204506');
  expect(june.bestTeam).toBe(steady);
  expect(june.bestTeamRule).toBe(BEST_TEAM_RULE);
  expect(june.departments.find((d: { department: string }) => d.department === steady)).toMatchObject({
    clocks: 10,
    onTimeRate: 90,
  });
  expect((await report('204507')).bestTeam).toBeNull();
});

test('002 §7: praise and escalations recorded with an action count for the department once; an escalated department is not the best team', async () => {
  const day = (d: number) => `2046-08-${String(d).padStart(2, '0')}T14:00:00.000Z`;
  const onTime = (n: number, late = 0): Array<[string, boolean]> =>
    Array.from({ length: n + late }, (_, i): [string, boolean] => [day(i + 1), i >= n]);
  const [blamed, praised] = ['blamed', 'praised'].map((d) => `${d}-${randomUUID()}`);
  await record(blamed!, onTime(10));
  const number = await record(praised!, onTime(9, 1));
  const credit = (seq: number, kind: string, department: string) => ({
    number,
    seq,
    action: kind === 'praise' ? 'recordSurvey' : 'recordCustomerDecision',
    actor: { id: 'cs-1', role: 'customer_service' as const },
    stageBefore: 'customer_decision',
    stageAfter: 'escalated',
    at: day(20),
    forms: [{ kind, data: { department, owner: 'quality_manager', note: 'as the customer said' } }],
    snapshot: { stage: 'escalated', severity: 'general', ownerRoles: ['quality_manager'] },
  });
  await activities.recordAction(credit(1, 'escalation_blame', blamed!));
  await activities.recordAction(credit(1, 'escalation_blame', blamed!)); // a retry counts nothing twice
  await activities.recordAction(credit(2, 'praise', praised!));
  const august = await report('204608');
  const line = (d: string) => august.departments.find((l: { department: string }) => l.department === d);
  expect(line(blamed!)).toMatchObject({ onTimeRate: 100, escalations: 1, praise: 0, penalties: 0 });
  expect(line(praised!)).toMatchObject({ onTimeRate: 90, praise: 1, escalations: 0, warnings: 1 });
  expect(august.bestTeam).toBe(praised);
  expect(august.bestTeamRule).toContain('no escalated complaint');
});

test('clocks and breaches recorded before the complaint was routed count for its department, never "unassigned"', async () => {
  const day = (d: number) => `2047-09-${String(d).padStart(2, '0')}T14:00:00.000Z`;
  const number = await newComplaint(); // registered, not classified: no department yet
  // as the workflow records them before classification (workflows/complaint/effect-inputs.ts)
  await activities.recordClocks({
    number,
    department: 'unassigned',
    owner: 'unassigned',
    clocks: [clock('acknowledge', day(2), false), clock('first_contact', day(3), true)],
  });
  const line = async (department: string) =>
    (await report('204709')).departments.find((l: { department: string }) => l.department === department);
  const september = await report('204709');
  expect(september.departments.map((l: { department: string }) => l.department)).not.toContain('unassigned');
  // not routed yet: customer service, who registers and classifies it
  expect(await line('customer_service')).toMatchObject({
    name: { 'zh-CN': '客服部', en: 'customer service' },
    clocks: 2,
    metOnTime: 1,
    breaches: 1,
    warnings: 1,
  });
  // routed: its department, named by the profiles
  await h.prisma.complaint.update({ where: { number }, data: { department: 'quality' } });
  expect(await line('customer_service')).toBeUndefined();
  expect(await line('quality')).toMatchObject({
    name: { 'zh-CN': '质量部', en: 'quality department' },
    clocks: 2,
    metOnTime: 1,
    breaches: 1,
    warnings: 1,
  });
});
