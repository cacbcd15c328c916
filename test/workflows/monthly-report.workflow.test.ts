/**
 * The monthly report's run (issue 13; seed 004 §5.7) on the time-skipping server, with fake activities over an
 * in-memory corrective-action table and outbox: a month's run opens one standalone corrective action per
 * top-three cause (source monthly_top3, technical for design and manufacturing), tells the departments of the
 * repeats and batch defects of the quality improvement plan meeting, and emails the PDF to management; the same
 * month run again opens and sends nothing new. The schedule's run (started here as the schedule would: the test
 * server runs no Schedules) at 06:00 on the 1st reports the month just ended, under the month's own ID.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ComplaintActivities } from '../../activities';
import type { MonthlyReportRunActivities } from '../../activities/monthly-report';
import type { TemplateValues } from '../../mail/email-templates';
import {
  monthlyReportStatusQuery,
  monthlyReportWorkflowId,
  type MonthlyReportInput,
  type MonthlyReportResult,
} from '../../domain/monthly-report-contract';
import { MANAGEMENT_RECIPIENTS, type TopThreeOpening } from '../../domain/monthly-report/monthly-actions';
import { shiftMonth, type MonthlyReport, type ParetoItem } from '../../domain/monthly-report/monthly-report';
import { monthOf, monthRange } from '../../domain/months';
import { monthlyReportScheduledWorkflow, monthlyReportWorkflow } from '../../workflows';
import { createTimeSkippingEnv, skipTo, withFakeWorker } from '../support/time-skipping';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;

const item = (rank: number, cause: string, productModel: string, complaints: number, units: number): ParetoItem => ({
  rank,
  defect: cause,
  cause,
  profileId: 'cr-mp25',
  productModel,
  complaints,
  units,
  share: complaints * 5,
  cumulativeShare: 0,
  top3: rank <= 3,
});

/** A month's figures as the figures activity returns them (only what the run reads is filled in). */
function figures(month: string, repeats = true): MonthlyReport {
  return {
    month,
    timeZone: TZ,
    generatedAt: new Date().toISOString(),
    totals: { complaints: 20, units: 31, defectComplaints: 16, defectUnits: 25 },
    pareto: {
      defectComplaints: 16,
      items: [
        item(1, 'manufacturing', 'HX-300 servo drive', 6, 9),
        item(2, 'design', 'PSU-48', 4, 4),
        item(3, 'manufacturing', 'PSU-48', 3, 5),
        item(4, 'design', 'HX-300 servo drive', 2, 2),
      ],
      otherComplaints: 1,
    },
    sla: {
      overall: { key: '', clocks: 40, metOnTime: 36, breaches: 4, onTimeRate: 90 },
      byClock: [],
      byDepartment: [],
    },
    ppm: {
      defects: { in_warranty_return: 10, out_of_warranty_return: 5, onsite_repair: 6, unrepaired_unreturned: 4 },
      defectUnits: 25,
      shipped: 40_000,
      shippedSource: 'shipments',
      ppm: 625,
    },
    repeats: {
      windowFrom: '',
      sameCustomerCause: repeats
        ? [
            {
              customer: 'Acme Pumps',
              cause: 'manufacturing',
              complaints: 2,
              thisMonth: 1,
              numbers: [`${month}-001`, `${month}-004`],
            },
          ]
        : [],
      sameCustomerCauseGroups: repeats ? 1 : 0,
      sameLot: repeats
        ? [
            {
              lot: 'B-77',
              productModels: ['PSU-48'],
              complaints: 3,
              thisMonth: 3,
              units: 7,
              numbers: [`${month}-002`, `${month}-003`, `${month}-005`],
            },
          ]
        : [],
      sameLotGroups: repeats ? 1 : 0,
    },
  } as unknown as MonthlyReport;
}

/** Where the fake complaints are routed. */
const DEPARTMENTS: Record<string, string> = { '001': 'after_sales', '002': 'quality', '003': 'engineering' };

/** Fake activities: corrective actions by request key, emails once per key and recipient, as the real ones. */
function fakes() {
  const cars = new Map<string, { number: string; opening: TopThreeOpening }>();
  const outbox = new Set<string>();
  const delivered: Array<{ kind: 'meeting' | 'management'; to: string[]; values: TemplateValues }> = [];
  const reportsRequested: string[] = [];
  const send = (key: string) => (outbox.has(key) ? false : (outbox.add(key), true));
  const activities: Pick<
    MonthlyReportRunActivities,
    'monthlyReportFigures' | 'openMonthlyCorrectiveAction' | 'complaintDepartments' | 'mailMonthlyReport'
  > &
    Pick<ComplaintActivities, 'notifyStaffOf'> = {
    async monthlyReportFigures(month) {
      reportsRequested.push(month);
      return figures(month, month !== '203001');
    },
    async openMonthlyCorrectiveAction({ opening }) {
      const found = cars.get(opening.requestKey);
      if (found) return { number: found.number, created: false };
      const number = `car-209912-${String(cars.size + 1).padStart(3, '0')}`;
      cars.set(opening.requestKey, { number, opening });
      return { number, created: true };
    },
    async complaintDepartments({ numbers }) {
      return Object.fromEntries(numbers.map((n) => [n, DEPARTMENTS[n.slice(-3)] ?? null]));
    },
    async mailMonthlyReport({ report, to, values }) {
      const fresh = to.filter((r) => send(`monthly_report:${report.month}:report:${r}`));
      if (fresh.length) delivered.push({ kind: 'management', to: fresh, values });
      return { sent: fresh.length, alreadySent: to.length - fresh.length, unknown: [] };
    },
    async notifyStaffOf({ event, key, to, values, about }) {
      expect(event).toBe('quality_meeting');
      const fresh = to.filter((r) => send(`${about.kind}:${about.id}:${key}:${r}`));
      if (fresh.length) delivered.push({ kind: 'meeting', to: fresh, values: values ?? {} });
      return { sent: fresh.length, unknown: [] };
    },
  };
  return { activities, cars, delivered, reportsRequested };
}

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

const withWorker = (activities: object, body: (taskQueue: string) => Promise<void>) =>
  withFakeWorker(env, 'monthly-report', activities, body);

/** A month's run as `npm run report` starts it (the month's own ID); its result. */
async function runMonth(taskQueue: string, input: MonthlyReportInput): Promise<MonthlyReportResult> {
  const h = await env.client.workflow.start(monthlyReportWorkflow, {
    taskQueue,
    workflowId: monthlyReportWorkflowId(input.month),
    args: [input],
  });
  return h.result();
}

test("a month's run opens one corrective action per top-three cause, calls the meeting, mails management; again: nothing new", async () => {
  const month = '202610';
  const { activities, cars, delivered } = fakes();
  await withWorker(activities, async (taskQueue) => {
    const first = await runMonth(taskQueue, { month, trigger: 'backfill' });
    expect(first.correctiveActions).toEqual([
      expect.objectContaining({ rank: 1, cause: 'manufacturing', productModel: 'HX-300 servo drive', created: true }),
      expect.objectContaining({ rank: 2, cause: 'design', productModel: 'PSU-48', created: true }),
      expect.objectContaining({ rank: 3, cause: 'manufacturing', productModel: 'PSU-48', created: true }),
    ]);
    expect(first.correctiveActions.map((c) => c.number)).toEqual([
      'car-209912-001',
      'car-209912-002',
      'car-209912-003',
    ]);
    const opened = [...cars.values()].map((c) => c.opening);
    expect(opened.map((o) => o.requestKey)).toEqual([
      'monthly_top3:202610:manufacturing:HX-300 servo drive',
      'monthly_top3:202610:design:PSU-48',
      'monthly_top3:202610:manufacturing:PSU-48',
    ]);
    expect(opened[0]).toMatchObject({ units: 9, technical: true });
    expect(opened[0]!.reason).toContain(
      'Monthly quality report 2026-10: top-3 defect cause #1 — manufacturing on HX-300',
    );

    // the departments of the repeats' complaints and the convener; management gets the PDF
    expect(first.meeting).toEqual({ items: 2, to: ['after_sales', 'engineering', 'quality'], sent: 3 });
    expect(first.management).toEqual({ to: MANAGEMENT_RECIPIENTS, sent: 3, alreadySent: 0 });
    const meeting = delivered.find((d) => d.kind === 'meeting')!;
    expect(meeting.values['items@en']).toBe(
      'same customer, same cause: Acme Pumps (manufacturing) 2 times (202610-001, 202610-004);\n' +
        'batch defect: lot B-77 (PSU-48) 3 complaints, 7 units (202610-002, 202610-003, 202610-005)',
    );
    expect(meeting.values['items@zh-CN']).toContain('同一客户同一原因：Acme Pumps（制造）2 次');
    const management = delivered.find((d) => d.kind === 'management')!;
    expect(management.values).toMatchObject({
      month: '2026-10',
      complaints: '20',
      ppm: '625',
      onTime: '90%',
      cars: 'car-209912-001, car-209912-002, car-209912-003',
      meetings: '2',
    });

    // the same month again (a backfill after the schedule's run): the same corrective actions, no email
    const second = await runMonth(taskQueue, { month, trigger: 'backfill' });
    expect(second.correctiveActions.map((c) => [c.number, c.created])).toEqual([
      ['car-209912-001', false],
      ['car-209912-002', false],
      ['car-209912-003', false],
    ]);
    expect(second.meeting.sent).toBe(0);
    expect(second.management).toMatchObject({ sent: 0, alreadySent: 3 });
    expect(cars.size).toBe(3);
    expect(delivered).toHaveLength(2);

    const status = await env.client.workflow.getHandle(monthlyReportWorkflowId(month)).query(monthlyReportStatusQuery);
    expect(status).toMatchObject({ month, phase: 'done', meetingItems: 2, managementTo: MANAGEMENT_RECIPIENTS });
    expect(status.topThree.map((t) => t.rank)).toEqual([1, 2, 3]);
  });
});

test('no repeats: no meeting notice; without the management email nothing is mailed', async () => {
  const { activities, cars, delivered } = fakes();
  await withWorker(activities, async (taskQueue) => {
    const result = await runMonth(taskQueue, { month: '203001', trigger: 'backfill', mailManagement: false });
    expect(result.correctiveActions).toHaveLength(3);
    expect(result.meeting).toEqual({ items: 0, to: [], sent: 0 });
    expect(result.management).toEqual({ to: [], sent: 0, alreadySent: 0 });
    expect(cars.size).toBe(3);
    expect(delivered).toEqual([]);
  });
});

test("the schedule's run at 06:00 on the 1st reports the month just ended, under the month's own ID", async () => {
  const { activities, reportsRequested } = fakes();
  // the next 1st of a month, 06:00 in the company's zone (as the schedule's calendar says)
  const thisMonth = monthOf(new Date(await env.currentTimeMs()), TZ);
  const firstOfNext = monthRange(shiftMonth(thisMonth, 1), TZ).from.getTime();
  await skipTo(env, firstOfNext + 6 * HOUR);
  await withWorker(activities, async (taskQueue) => {
    const h = await env.client.workflow.start(monthlyReportScheduledWorkflow, {
      taskQueue,
      workflowId: `monthly-report-scheduled-${randomUUID()}`,
      args: [{ timeZone: TZ }],
    });
    const run = await h.result();
    expect(run.month).toBe(thisMonth);
    expect(run.result?.correctiveActions).toHaveLength(3);
    expect(run.result?.management.sent).toBe(3);
    expect(reportsRequested).toEqual([thisMonth]);
    const child = await env.client.workflow.getHandle(monthlyReportWorkflowId(thisMonth)).describe();
    expect(child.status.name).toBe('COMPLETED');
  });
});
