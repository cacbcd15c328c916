/**
 * Preventive maintenance on the real stack: the installed base through the API and PostgreSQL (201, 200 for the
 * same unit again, 409 for other details, 400 with field paths, 403), the daily schedule created on the dev
 * server as the API creates it (described: calendar in the company's zone, catch-up window, the run's workflow
 * and task queue), triggered once: the maintenance order of the due unit starts, the engineer of the region and
 * the customer get their emails over SMTP; the visit recorded through the API moves the unit's next due date on;
 * a second trigger starts nothing.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { firstDueOn } from '../../api/maintenance-routes';
import { MAINTENANCE_DUE_WORKFLOW_TYPE, maintenanceOrderId } from '../../domain/maintenance-contract';
import { addDays, addMonths, localDate } from '../../domain/maintenance/rules';
import { createLogger } from '../../infra/logger';
import { maintenanceSchedules } from '../../infra/maintenance-schedule';
import { ensureSchedules } from '../../infra/schedules';
import { eventually } from '../support/eventually';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;
const scheduleId = `maintenance-due-visits-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.temporal.schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  await h?.stop();
});

const today = () => localDate(Date.now(), h.config.COMPLAINT_TIMEZONE);
const api = (role: Parameters<Harness['as']>[0]) => ({
  post: (path: string) => request(h.app).post(`/api/v1${path}`).set('Authorization', h.as(role)),
  get: (path: string) => request(h.app).get(`/api/v1${path}`).set('Authorization', h.as(role)),
  patch: (path: string) => request(h.app).patch(`/api/v1${path}`).set('Authorization', h.as(role)),
});

test('installed base: registered once by serial, 409 for other details, 400 with field paths, 403 for other roles', async () => {
  const unit = {
    serial: `SN-IB-${randomUUID().slice(0, 6)}`,
    customer: { name: 'Acme Pumps', email: 'buyer@acme.example', language: 'en', region: 'north' },
    productModel: 'XR-200',
    // installed ten months ago: the first yearly visit is still ahead
    installedOn: addDays(today(), -300),
    intervalMonths: 12,
  };
  const created = await api('customer_service').post('/installed-base').send(unit).expect(201);
  expect(created.headers.location).toBe(`/api/v1/installed-base/${unit.serial}`);
  expect(created.body).toMatchObject({ nextDueOn: firstDueOn(unit.installedOn, 12, today()), active: true });
  expect(created.body.nextDueOn).toBe(addMonths(unit.installedOn, 12));
  await api('sales').post('/installed-base').send(unit).expect(200);
  const conflict = await api('sales')
    .post('/installed-base')
    .send({ ...unit, intervalMonths: 6 })
    .expect(409);
  expect(conflict.body.message).toContain(unit.serial);

  const bad = await api('sales')
    .post('/installed-base')
    .send({ ...unit, serial: 'bad serial', customer: { ...unit.customer, email: 'nope' }, intervalMonths: 7 })
    .expect(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
    'customer.email',
    'intervalMonths',
    'serial',
  ]);
  const future = await api('sales')
    .post('/installed-base')
    .send({ ...unit, installedOn: addDays(today(), 2) })
    .expect(400);
  expect(future.body.issues[0].path).toBe('installedOn');
  await api('repair').post('/installed-base').send(unit).expect(403);

  const patched = await api('department_head')
    .patch(`/installed-base/${unit.serial}`)
    .send({ intervalMonths: 6 })
    .expect(200);
  expect(patched.body.nextDueOn).toBe(firstDueOn(unit.installedOn, 6, today()));
  await api('repair').get(`/installed-base/${unit.serial}`).expect(200);
  await api('repair').get('/installed-base/no-such-serial').expect(404);
  const listed = await api('repair').get(`/installed-base?productModel=XR-200&dueBy=${patched.body.nextDueOn}`);
  expect(listed.body.items.map((i: { serial: string }) => i.serial)).toContain(unit.serial);
});

test('the daily schedule on the dev server: triggered, it starts the due visit once; the visit moves the next due date on', async () => {
  const dueOn = addDays(today(), 5);
  const installedOn = addMonths(dueOn, -6);
  const serial = `SN-PM-${randomUUID().slice(0, 6)}`;
  const email = `customer-${randomUUID().slice(0, 8)}@example.com`;
  const unit = {
    serial,
    customer: { name: 'Wang Fang', email, language: 'en', region: 'east' },
    productModel: 'HX-300 servo drive',
    installedOn,
    intervalMonths: 6,
  };
  const registered = await api('customer_service').post('/installed-base').send(unit).expect(201);
  const due = registered.body.nextDueOn as string;
  expect(due).toBe(firstDueOn(installedOn, 6, today()));

  // the schedule as the API ensures it at start-up (its own id here: other test files share the dev server)
  const [definition] = maintenanceSchedules(h.config);
  await ensureSchedules(h.temporal, [{ ...definition!, scheduleId }], createLogger('silent'));
  const schedule = h.temporal.schedule.getHandle(scheduleId);
  const described = await schedule.describe();
  expect(described.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 6, end: 6, step: 1 }] });
  expect(described.spec.timezone).toBe(h.config.COMPLAINT_TIMEZONE);
  expect(described.policies.catchupWindow).toBe(2 * 24 * 3_600_000);
  expect(described.action).toMatchObject({
    type: 'startWorkflow',
    workflowType: MAINTENANCE_DUE_WORKFLOW_TYPE,
    taskQueue: h.config.TEMPORAL_TASK_QUEUE,
  });

  await schedule.trigger();
  const orderId = maintenanceOrderId(serial, due);
  const order = await eventually(async () => {
    const res = await api('repair').get(`/maintenance-orders/${orderId}`);
    return res.status === 200 && res.body.state === 'scheduled' ? res.body : undefined;
  }, 30_000);
  expect(order.engineer).toBe('Engineer East');
  const engineerMail = await h.catcher.waitFor(
    (m) => m.to.includes('engineer-east@example.com') && m.subject.includes(serial),
  );
  expect(engineerMail.text).toContain('上门前 30 分钟请电话联系客户'); // the directory's engineers read zh-CN
  expect(engineerMail.text).toContain('（east）');
  // due in 5 days: the 7-days-ahead notice is already due, so it goes at once
  const notice = await h.catcher.waitFor(
    (m) => m.to.includes(email) && m.subject.startsWith('Preventive maintenance due'),
  );
  expect(notice.text).toContain(due);

  const visitedAt = new Date().toISOString();
  const visit = {
    visitedAt,
    checklist: { inspect: { done: true }, clean: { done: true }, calibrate: { done: false, note: 'no gauge on site' } },
    signedBy: 'Wang Fang',
  };
  await api('sales').post(`/maintenance-orders/${orderId}/visit`).send(visit).expect(403);
  const noNote = await api('repair')
    .post(`/maintenance-orders/${orderId}/visit`)
    .send({ ...visit, checklist: { ...visit.checklist, calibrate: { done: false } } })
    .expect(400);
  expect(noNote.body.issues[0].path).toBe('checklist.calibrate.note');
  const recorded = await api('repair').post(`/maintenance-orders/${orderId}/visit`).send(visit).expect(200);
  const nextDue = addMonths(today(), 6);
  expect(recorded.body).toMatchObject({ phase: 'visited', nextDueDate: nextDue });

  const moved = await eventually(async () => {
    const res = await api('repair').get(`/installed-base/${serial}`).expect(200);
    return res.body.nextDueOn === nextDue ? res.body : undefined;
  });
  expect(moved.lastVisitOn).toBe(today());
  expect(moved.orders).toHaveLength(1);
  expect(moved.orders[0]).toMatchObject({ orderId, state: 'visited', nextDueOn: nextDue });
  await h.catcher.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Preventive maintenance done'));

  // a second run finds nothing due for this unit and starts no second order
  await schedule.trigger();
  const second = await eventually(async () => (await schedule.describe()).info.recentActions[1]);
  const run = second.action.workflow;
  const counted = await h.temporal.workflow.getHandle(run.workflowId, run.firstExecutionRunId).result();
  expect(counted).toMatchObject({ started: expect.any(Number) });
  const orders = await api('repair').get(`/maintenance-orders?serial=${serial}`).expect(200);
  expect(orders.body.total).toBe(1);
  expect(
    h.catcher.messages.filter((m) => m.to.includes('engineer-east@example.com') && m.subject.includes(serial)),
  ).toHaveLength(1);
});
