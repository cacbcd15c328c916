/**
 * Preventive maintenance (seed 003 §1.2, §3.1) on the time-skipping server, with fake activities over an
 * in-memory installed base: the schedule's daily run (started here as the schedule would: the test server runs
 * no Schedules) starts one order per due visit and never the same visit twice; a 6-month unit gets two visits
 * in a year with the right next due dates; the customer is told 7 days ahead at 09:00; an unrecorded visit
 * escalates at the exact minute of its deadline, level by level; refusals never enter history.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { MaintenanceActivities } from '../../activities/maintenance';
import {
  assignEngineerUpdate,
  maintenanceOrderId,
  maintenanceStatusQuery,
  recordVisitUpdate,
  type DueVisit,
  type DueVisitsResult,
  type MaintenanceOrderInput,
  type MaintenanceStatus,
  type RecordVisitRequest,
} from '../../domain/maintenance-contract';
import { addDays, addMonths, localDate, nextDueDate } from '../../domain/maintenance/rules';
import { MAINTENANCE_SETTINGS } from '../../domain/maintenance/settings';
import { startOfLocalDay } from '../../domain/working-time';
import { maintenanceDueVisitsWorkflow, maintenanceOrderWorkflow } from '../../workflows';
import { eventually } from '../support/eventually';
import { createTimeSkippingEnv, skipTo as skipOnce, withFakeWorker } from '../support/time-skipping';
import { closedResult, refusal } from '../support/workflow-scenario';

const TZ = 'Asia/Shanghai';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Unit extends Omit<DueVisit, 'orderId' | 'dueDate'> {
  nextDue: string;
  visits: string[];
}
interface Email {
  orderId: string;
  event: string;
  key: string;
  to: string[] | 'customer';
}

/** The fake installed base and what the activities saw. */
function fakes(units: Unit[], engineerRegions: string[]) {
  const emails: Email[] = [];
  const records: Array<{ orderId: string; action: string }> = [];
  const activities: MaintenanceActivities = {
    // like the real one without the order rows: a due visit whose order runs is offered again
    async findDueMaintenance({ until }) {
      return units
        .filter((u) => u.nextDue <= until)
        .map(({ nextDue, visits: _visits, ...u }) => ({
          ...u,
          dueDate: nextDue,
          orderId: maintenanceOrderId(u.serial, nextDue),
        }));
    },
    async openMaintenanceOrder({ region }) {
      return engineerRegions.includes(region)
        ? { engineer: { name: `Engineer ${region}`, region, qualification: 'general' } }
        : {};
    },
    async recordMaintenanceOrder({ orderId, action }) {
      records.push({ orderId, action });
    },
    async recordMaintenanceVisit({ serial, visit, nextDueDate: next }) {
      const unit = units.find((u) => u.serial === serial)!;
      unit.nextDue = next;
      unit.visits.push(visit.visitedAt);
    },
    async notifyMaintenance({ orderId, event, key, to }) {
      emails.push({ orderId, event, key, to });
      return { sent: 1, unknown: [] };
    },
  };
  return { activities, emails, records };
}

let env: TestWorkflowEnvironment;

/**
 * The test server's clock run to `instantMs`. After an update has completed a workflow the time-skipping test
 * server keeps one time-skipping lock too many (a sleep then waits in real time): a step that has not returned
 * within 10 s of real time releases that one lock, and the step goes on.
 */
async function skipTo(environment: TestWorkflowEnvironment, instantMs: number): Promise<void> {
  const step = skipOnce(environment, instantMs);
  const stuck = await Promise.race([
    step.then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 10_000).unref()),
  ]);
  // a step merely slow (a loaded machine) has no lock too many: the server refuses the unlock, and we wait on
  if (stuck) await environment.connection.testService?.unlockTimeSkipping({}).catch(() => undefined);
  await step;
}

beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

const withWorker = (activities: MaintenanceActivities, body: (taskQueue: string) => Promise<void>) =>
  withFakeWorker(env, 'maintenance', activities, body);

/** One run of the schedule's workflow at the test server's now; its counts. */
async function dailyRun(taskQueue: string): Promise<DueVisitsResult> {
  const h = await env.client.workflow.start(maintenanceDueVisitsWorkflow, {
    taskQueue,
    workflowId: `maintenance-due-visits-${randomUUID()}`,
    args: [{ timeZone: TZ }],
  });
  return closedResult<DueVisitsResult>(h);
}

const statusWhen = (h: WorkflowHandle, ok: (s: MaintenanceStatus) => boolean) =>
  eventually(async () => {
    const s = await h.query(maintenanceStatusQuery);
    return ok(s) ? s : undefined;
  }, 30_000);

const has = (emails: Email[], key: string, orderId: string) =>
  emails.some((e) => e.key === key && e.orderId === orderId);

const visit = (visitedAt: number, calibrate = { done: true }): RecordVisitRequest['visit'] => ({
  visitedAt: new Date(visitedAt).toISOString(),
  checklist: { inspect: { done: true }, clean: { done: true, note: 'filters replaced' }, calibrate },
  signedBy: 'Zhang Wei',
});
const repair = { id: 'rep-1', role: 'repair' } as const;

/** 09:00 local on `date` minus `days`. */
const localAt = (date: string, hour: number) => startOfLocalDay(date, TZ).getTime() + hour * HOUR;

const acceptedUpdates = async (h: WorkflowHandle) =>
  (await h.fetchHistory()).events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;

test('6-month unit: two visits across a year, next due dates right; told 7 days ahead at 09:00; a visit never started twice', async () => {
  const today = localDate(await env.currentTimeMs(), TZ);
  const installedOn = addMonths(addDays(today, 10), -6);
  const firstDue = nextDueDate(installedOn, 6);
  const unit: Unit = {
    serial: 'SN-PM-1',
    productModel: 'HX-300',
    customer: { name: 'Acme Pumps', email: 'buyer@acme.example', language: 'en', region: 'east' },
    intervalMonths: 6,
    nextDue: firstDue,
    visits: [],
  };
  const { activities, emails } = fakes([unit], ['east']);
  await withWorker(activities, async (taskQueue) => {
    for (const [cycle, lateDays] of [
      [1, 0],
      [2, 2],
    ] as const) {
      const due = unit.nextDue;
      // the day's run 14 days ahead starts the order; the next day's finds it running and starts nothing
      await skipTo(env, localAt(addDays(due, -MAINTENANCE_SETTINGS.leadDays), 6));
      expect(await dailyRun(taskQueue)).toEqual({ started: 1, alreadyStarted: 0 });
      const orderId = maintenanceOrderId(unit.serial, due);
      expect(orderId).toBe(`maintenance-SN-PM-1-${due.slice(0, 4)}${due.slice(5, 7)}`);
      const h = env.client.workflow.getHandle(orderId);
      const scheduled = await statusWhen(h, (s) => s.phase === 'scheduled');
      expect(scheduled.engineer?.name).toBe('Engineer east');
      await eventually(async () => (has(emails, 'engineer_visit:Engineer east', orderId) ? true : undefined));
      await skipTo(env, localAt(addDays(due, -MAINTENANCE_SETTINGS.leadDays + 1), 6));
      expect(await dailyRun(taskQueue)).toEqual({ started: 0, alreadyStarted: 1 });

      // the customer is told 7 days ahead at 09:00 (company time)
      const noticeAt = localAt(addDays(due, -7), 9);
      expect(Date.parse(scheduled.noticeAt)).toBe(noticeAt);
      await skipTo(env, noticeAt - MIN);
      expect(has(emails, 'visit_notice', orderId)).toBe(false);
      await skipTo(env, noticeAt + MIN);
      await eventually(async () => (has(emails, 'visit_notice', orderId) ? true : undefined));
      expect(emails.find((e) => e.key === 'visit_notice' && e.orderId === orderId)!.to).toBe('customer');

      // the visit, on the due date or a little later; the next due date counts from the visit
      const visitedAt = localAt(addDays(due, lateDays), 10);
      await skipTo(env, visitedAt);
      const denied = await refusal(
        h.executeUpdate(recordVisitUpdate, { args: [{ actor: { id: 's', role: 'sales' }, visit: visit(visitedAt) }] }),
      );
      expect(denied.type).toBe('Forbidden');
      const noNote = await refusal(
        h.executeUpdate(recordVisitUpdate, { args: [{ actor: repair, visit: visit(visitedAt, { done: false }) }] }),
      );
      expect(noNote).toEqual({ type: 'InvalidAction', message: 'checklist.calibrate.note: say why it was not done' });
      const done = await h.executeUpdate(recordVisitUpdate, { args: [{ actor: repair, visit: visit(visitedAt) }] });
      expect(done.phase).toBe('visited');
      expect(done.nextDueDate).toBe(addMonths(addDays(due, lateDays), 6));
      const result = await closedResult<{ nextDueDate: string }>(h);
      expect(result.nextDueDate).toBe(unit.nextDue);
      expect(has(emails, 'visit_done', orderId)).toBe(true);
      expect(await acceptedUpdates(h)).toBe(1); // the refusals never entered history
      expect(unit.visits).toHaveLength(cycle);
    }
    expect(unit.visits.map((v) => localDate(Date.parse(v), TZ))).toEqual([
      firstDue,
      addDays(addMonths(firstDue, 6), 2),
    ]);
    expect(unit.nextDue).toBe(addMonths(addDays(addMonths(firstDue, 6), 2), 6));
    expect(Date.parse(unit.visits[1]!) - Date.parse(unit.visits[0]!)).toBeLessThan(366 * DAY);
  });
});

test('no engineer fits: staff told, the visit refused until one is assigned; overdue at the exact minute, level by level', async () => {
  const now = await env.currentTimeMs();
  const due = addDays(localDate(now, TZ), 3);
  const input: MaintenanceOrderInput = {
    orderId: maintenanceOrderId('SN-PM-2', due),
    serial: 'SN-PM-2',
    productModel: 'PSU-48',
    customer: { name: '张伟', email: 'zhang.wei@example.cn', language: 'zh-CN', region: 'west' },
    intervalMonths: 12,
    dueDate: due,
    timeZone: TZ,
    settings: MAINTENANCE_SETTINGS,
  };
  const unit: Unit = { ...input, nextDue: due, visits: [] };
  const { activities, emails, records } = fakes([unit], ['east']);
  await withWorker(activities, async (taskQueue) => {
    const h = await env.client.workflow.start(maintenanceOrderWorkflow, {
      taskQueue,
      workflowId: input.orderId,
      args: [input],
    });
    const waiting = await statusWhen(h, (s) => s.noticeSentAt !== undefined);
    expect(waiting.phase).toBe('awaiting_engineer');
    // started later than 7 days ahead: the customer is told at once
    expect(emails.map((e) => [e.key, e.to])).toEqual([
      ['no_engineer', MAINTENANCE_SETTINGS.dispatchTo],
      ['visit_notice', 'customer'],
    ]);
    const early = await refusal(h.executeUpdate(recordVisitUpdate, { args: [{ actor: repair, visit: visit(now) }] }));
    expect(early).toEqual({ type: 'StageConflict', message: 'no engineer is assigned yet: assignEngineer first' });

    const deadline = startOfLocalDay(addDays(due, MAINTENANCE_SETTINGS.visitWithinDays + 1), TZ).getTime();
    expect(Date.parse(waiting.deadline)).toBe(deadline);
    await skipTo(env, deadline - MIN);
    expect(emails.some((e) => e.event === 'visit_overdue')).toBe(false);
    expect((await h.query(maintenanceStatusQuery)).overdue).toBe(false);
    await skipTo(env, deadline + MIN);
    await eventually(async () => (emails.some((e) => e.key === 'visit_overdue:1') ? true : undefined));
    expect(emails.find((e) => e.key === 'visit_overdue:1')!.to).toEqual(['department_head', 'after_sales']);
    const overdue = await statusWhen(h, (s) => s.escalationLevel === 1);
    expect(overdue.overdue).toBe(true);
    expect(overdue.statusLine).toContain('(OVERDUE, level 1)');

    await skipTo(env, deadline + 3 * DAY - MIN);
    expect(emails.some((e) => e.key === 'visit_overdue:2')).toBe(false);
    await skipTo(env, deadline + 3 * DAY + MIN);
    await eventually(async () => (emails.some((e) => e.key === 'visit_overdue:2') ? true : undefined));
    expect(emails.find((e) => e.key === 'visit_overdue:2')!.to).toEqual(['general_manager']);

    const engineer = { name: 'Engineer West', region: 'west', qualification: 'PSU-48' };
    const byRepair = await refusal(h.executeUpdate(assignEngineerUpdate, { args: [{ actor: repair, engineer }] }));
    expect(byRepair.type).toBe('Forbidden');
    const head = { id: 'dh-1', role: 'department_head' } as const;
    expect((await h.executeUpdate(assignEngineerUpdate, { args: [{ actor: head, engineer }] })).phase).toBe(
      'scheduled',
    );
    const at = await env.currentTimeMs();
    await h.executeUpdate(recordVisitUpdate, { args: [{ actor: repair, visit: visit(at) }] });
    const result = await closedResult<{ nextDueDate: string; escalationLevel: number }>(h);
    expect(result).toMatchObject({ nextDueDate: addMonths(localDate(at, TZ), 12), escalationLevel: 2 });
    expect(emails.filter((e) => e.event === 'visit_overdue')).toHaveLength(2);
    expect(has(emails, 'engineer_visit:Engineer West', input.orderId)).toBe(true);
    expect(records.map((r) => r.action)).toEqual(['customerNotified', 'escalated', 'escalated', 'engineerAssigned']);
    expect(await acceptedUpdates(h)).toBe(2);
  });
});
