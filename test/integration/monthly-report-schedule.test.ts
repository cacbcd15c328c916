/**
 * The monthly report's schedule and run on the real stack (issue 13; seed 004 §5.7): the API's start-up code
 * creates the schedule on the Temporal dev server (the 1st at 06:00 in the company's zone, overlap skip, a
 * 7-day catch-up window); a backfill of that schedule definition at 2017-10-01 06:00 reports September 2017 — a month of
 * complaints written straight into PostgreSQL — and opens its three top-three corrective actions (rows in
 * `corrective_action`, source monthly_top3, their workflows started), tells the departments of its repeats of
 * the quality improvement plan meeting and emails the PDF report to management once, through the real SMTP
 * catcher; `npm run report -- --month 201709` afterwards opens and sends nothing new.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import {
  MONTHLY_REPORT_SCHEDULE_ID,
  MONTHLY_REPORT_SCHEDULED_WORKFLOW_TYPE,
  monthlyReportWorkflowId,
  type MonthlyReportResult,
} from '../../domain/monthly-report-contract';
import { monthRange } from '../../domain/months';
import { createLogger } from '../../infra/logger';
import { monthlyReportSchedules } from '../../infra/monthly-report-schedule';
import { ensureSchedulesInBackground } from '../../infra/schedules';
import {
  buildFixture,
  expectedFigures,
  FIXTURE_DEFECT_CODES,
  insertFixture,
  type Fixture,
} from '../support/monthly-report-fixture';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { eventually, startHarness, type Harness } from '../support/harness';

const MONTH = '201709';
const TIME_ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
/**
 * Management, and administration, where 004's statistics go (§5.7 d)): the fixture's month has cr-mp25
 * complaints (and none of 002, whose statistics would go to sales too).
 */
const MANAGEMENT = [
  'general-manager@example.com',
  'quality-manager@example.com',
  'department-head@example.com',
  'administration@example.com',
];

let h: Harness;
let fixture: Fixture;

beforeAll(async () => {
  h = await startHarness({ timeZone: TIME_ZONE });
  fixture = buildFixture(MONTH, TIME_ZONE);
  await insertFixture(h.prisma, fixture, [30_000]);
});

afterAll(async () => {
  await h?.stop();
});

const reportMails = () => h.catcher.messages.filter((m) => m.subject === '[月度质量报告] 2017-09');
const meetingMails = () => h.catcher.messages.filter((m) => m.subject.startsWith('[质量改进计划会议] 2017-09'));
const ROOT = path.join(__dirname, '..', '..');
/** `npm run report -- <args>` (its script, without the setup step) with these settings. */
const report = (args: string[], env: Record<string, string>) =>
  promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/report.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', SMTP_URL: '', ...env },
    timeout: 60_000,
  });
const monthlyCars = () =>
  h.prisma.correctiveAction.findMany({
    where: { source: 'monthly_top3', requestKey: { startsWith: `monthly_top3:${MONTH}:` } },
    orderBy: { number: 'asc' },
  });

test("the API's start-up code creates the schedule: the 1st at 06:00 in the company's zone, overlap skip, 7-day catch-up", async () => {
  await ensureSchedulesInBackground(h.temporal, h.config, createLogger('silent'), {
    retryMs: 500,
    stopped: () => false,
  });
  const schedule = await h.temporal.schedule.getHandle(MONTHLY_REPORT_SCHEDULE_ID).describe();
  expect(schedule.spec.timezone).toBe(TIME_ZONE);
  expect(schedule.spec.calendars).toEqual([
    expect.objectContaining({
      dayOfMonth: [{ start: 1, end: 1, step: 1 }],
      hour: [{ start: 6, end: 6, step: 1 }],
      minute: [{ start: 0, end: 0, step: 1 }],
    }),
  ]);
  expect(schedule.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 7 * 24 * HOUR });
  expect(schedule.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: MONTHLY_REPORT_SCHEDULED_WORKFLOW_TYPE,
    taskQueue: h.config.TEMPORAL_TASK_QUEUE,
    args: [{ timeZone: TIME_ZONE }],
  });
  // the next run: the 1st of a month at 06:00 local
  const next = schedule.info.nextActionTimes[0]!;
  const local = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    day: 'numeric',
    hour: 'numeric',
    hourCycle: 'h23',
  });
  expect(local.format(next)).toBe('1, 06');
  // a second start-up brings it to its definition again without an error
  await ensureSchedulesInBackground(h.temporal, h.config, createLogger('silent'), {
    retryMs: 500,
    stopped: () => false,
  });
});

test('the schedule run for 2017-10-01 06:00 reports September: three corrective actions, the meeting notice, the PDF once', async () => {
  const expected = expectedFigures(fixture, 30_000);
  const scheduledAt = new Date(monthRange('201710', TIME_ZONE).from.getTime() + 6 * HOUR);
  // the schedule's own definition under an ID of this test's (other test files may bring `monthly-report` to
  // their task queue meanwhile); its backfill sets the run's TemporalScheduledStartTime as a due run would
  const [definition] = monthlyReportSchedules(h.config);
  const schedule = await h.temporal.schedule.create({
    ...definition!,
    scheduleId: `monthly-report-test-${randomUUID()}`,
  });
  const run = h.temporal.workflow.getHandle(monthlyReportWorkflowId(MONTH));
  try {
    await schedule.backfill([
      {
        start: new Date(scheduledAt.getTime() - 60_000),
        end: new Date(scheduledAt.getTime() + 60_000),
        overlap: ScheduleOverlapPolicy.ALLOW_ALL,
      },
    ]);
    await eventually(async () => {
      const described = await run.describe().catch(() => undefined);
      return described?.status.name === 'COMPLETED' ? true : undefined;
    }, 60_000);
  } finally {
    await schedule.delete();
  }
  const result: MonthlyReportResult = await run.result();

  // one corrective action per top-three item, in the Pareto's order, opened row-first and started
  expect(result.correctiveActions.map((c) => `${c.defect} · ${c.productModel}`)).toEqual(expected.top3);
  expect(result.correctiveActions.every((c) => c.created)).toBe(true);
  const cars = await monthlyCars();
  expect(cars.map((c) => c.number).sort()).toEqual(result.correctiveActions.map((c) => c.number).sort());
  // 004 §5.7 c): each opens under the procedure of its complaints (a cr-mp25 defect: the CR-MP25 8D)
  for (const item of result.correctiveActions) {
    if (FIXTURE_DEFECT_CODES.includes(item.defect!)) expect(item.profileId).toBe('cr-mp25');
    const form = BUILT_IN_PROFILES.find((p) => p.id === item.profileId)?.correctiveAction?.form;
    expect([item.number, cars.find((c) => c.number === item.number)?.form]).toEqual([item.number, form]);
  }
  for (const car of cars) {
    expect(car).toMatchObject({ source: 'monthly_top3', complaintNumber: null });
    expect(car.workflowStartedAt).not.toBeNull();
    expect((await h.temporal.workflow.getHandle(car.workflowId).describe()).status.name).toBe('RUNNING');
  }

  // the repeats call the meeting: the convener and the departments of their complaints
  expect(result.meeting.items).toBeGreaterThan(0);
  expect(result.meeting.to).toContain('quality');
  await eventually(async () => (meetingMails().length >= result.meeting.sent ? true : undefined));
  expect(meetingMails().some((m) => m.to.includes('quality@example.com'))).toBe(true);

  // the PDF to management, once per mailbox
  await eventually(async () => (reportMails().length === MANAGEMENT.length ? true : undefined));
  expect(
    reportMails()
      .flatMap((m) => m.to)
      .sort(),
  ).toEqual([...MANAGEMENT].sort());
  for (const mail of reportMails()) {
    expect(mail.attachments).toEqual([
      expect.objectContaining({ filename: `monthly-report-${MONTH}.pdf`, contentType: 'application/pdf' }),
    ]);
    expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(mail.text).toContain(result.correctiveActions.map((c) => c.number).join(', '));
  }
});

test('`npm run report -- --month 201709` runs the same workflow again: nothing new opened or sent', async () => {
  const before = { report: reportMails().length, meeting: meetingMails().length };
  // only Temporal's settings: a shell next to `npm start` has no DATABASE_URL or SMTP_URL
  const { stdout } = await report(['--month', MONTH], {
    TEMPORAL_ADDRESS: h.config.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: h.config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: h.config.TEMPORAL_TASK_QUEUE,
    COMPLAINT_TIMEZONE: TIME_ZONE,
  });
  expect(stdout).toContain(`${monthlyReportWorkflowId(MONTH)} started`);
  const result = JSON.parse(stdout.slice(stdout.indexOf('{'))) as MonthlyReportResult;
  expect(result.correctiveActions).toHaveLength(3);
  expect(result.correctiveActions.every((c) => !c.created)).toBe(true);
  expect(result.meeting.sent).toBe(0);
  expect(result.management).toMatchObject({ sent: 0, alreadySent: MANAGEMENT.length });
  expect(await monthlyCars()).toHaveLength(3);
  expect({ report: reportMails().length, meeting: meetingMails().length }).toEqual(before);
  expect(reportMails()).toHaveLength(MANAGEMENT.length);

  // a month that has not ended is refused
  await expect(report(['--month', '209912'], {})).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining('has not ended yet'),
  });
});
