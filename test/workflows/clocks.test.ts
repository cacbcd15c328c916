import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { statusQuery, type ComplaintStatus } from '../../domain/complaint-contract';
import { emergencyWorkflowId } from '../../domain/emergency-contract';
import { escalationWorkflowId } from '../../domain/escalation-contract';
import { retentionWorkflowId } from '../../domain/retention-contract';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { dueAt, workingTimeBetween } from '../../domain/working-time';
import { recorder } from '../support/fake-activities';
import { createTimeSkippingEnv, skipTo } from '../support/time-skipping';
import { workflowInput } from '../support/workflow-input';
import { anchorMs, nextLocal } from '../support/test-dates';
import { retentionWorkflow } from '../../workflows';
import { act, createRecordingWorker, scenario, closedResult } from '../support/workflow-scenario';

let env: TestWorkflowEnvironment;

// A test server per test: workflows left behind (abandoned retention clocks, children the test server
// does not close with their parent) were seen to stall time skipping for the next test.
beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const profile = (id: string) => BUILT_IN_PROFILES.find((p) => p.id === id)!;
const clock = (s: ComplaintStatus, name: string) => s.deadlines.find((d) => d.name === name);
/** Skips time until `instantMs` (workflow time). */
/** The test server's clock run to `instantMs`. */
const sleepUntil = (instantMs: number) => skipTo(env, instantMs);
const staffKeys = (r: ReturnType<typeof recorder>, event: string) =>
  r.staffEmails.filter((e) => e.event === event).map((e) => e.key);

test('004: "answer within 7 working days" falls due at the exact minute, across weekends, with a warning at 75 %', async () => {
  // Registered on a Friday 09:00 Shanghai a week or more ahead: 7 working days span a weekend or two.
  const registeredMs = nextLocal(anchorMs(await env.currentTimeMs()), {
    weekday: 5,
    time: '09:00',
    timeZone: 'Asia/Shanghai',
  });
  await sleepUntil(registeredMs);
  const registeredAt = new Date(registeredMs).toISOString();
  const start = await env.currentTimeMs();
  const recorded = await scenario(
    env,
    (n) =>
      workflowInput(n, 'cr-mp25', {
        registeredAt: start > Date.parse(registeredAt) ? new Date(start).toISOString() : registeredAt,
      }),
    async (h, recorded) => {
      const answer = clock(await h.query(statusQuery), 'answer')!;
      const due = Date.parse(answer.dueAt);
      expect(due).toBe(
        dueAt(Date.parse(answer.startedAt), { amount: 7, unit: 'working_days' }, profile('cr-mp25').calendar),
      );
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      await sleepUntil(Date.parse(answer.warnAt) + MIN);
      expect(staffKeys(recorded, 'sla_warning')).toContain(`warning:answer:${answer.startedAt}`);
      await sleepUntil(due - MIN);
      const before = await h.query(statusQuery);
      expect(clock(before, 'answer')!.breachedAt).toBeUndefined();
      // only the general complaint's 3 working days for the 8D or CA (§5.6 a) have run out by now
      expect(before.deadlines.filter((d) => d.breachedAt).map((d) => d.name)).toEqual(['answer_8d_or_ca']);
      await sleepUntil(due + MIN);
      const after = await h.query(statusQuery);
      expect(clock(after, 'answer')!.breachedAt).toBe(answer.dueAt);
      expect(after.overdue).toBe(true);
      expect(after.statusLine).toContain('(OVERDUE)');
      const saved = [...recorded.clocks.values()].find((c) => c.name === 'answer')!;
      expect(saved.breachedAt).toBe(answer.dueAt);
    },
  );
  const warnings = staffKeys(recorded, 'sla_warning').filter((k) => k.startsWith('warning:answer:'));
  expect(warnings).toHaveLength(1);
});

test('a deadline met in time never fires: no warning, no breach, no escalation', async () => {
  const recorded = await scenario(
    env,
    (n) => workflowInput(n, 'industrial-fault'),
    async (h) => {
      await env.sleep(HOUR); // first contact is due within 2 h; the warning would come at 1 h 30
      await act(h, 'classify', 'customer_service', { type: 'product_fault' });
      await act(h, 'checkValidity', 'sales', { valid: true, reason: 'ok', customerContacted: true });
      await env.sleep(5 * HOUR);
      const s = await h.query(statusQuery);
      expect(s.overdue).toBe(false);
      expect(s.deadlines.find((d) => d.name === 'first_contact')).toBeUndefined();
    },
  );
  const firstContact = [...recorded.clocks.values()].find((c) => c.name === 'first_contact')!;
  expect(firstContact.metAt).toBeDefined();
  expect(firstContact.breachedAt).toBeUndefined();
  expect(recorded.staffEmails.filter((e) => e.event === 'sla_warning' || e.event === 'escalation_level')).toEqual([]);
});

test('pause and resume carry the remaining working time over exactly; force majeure is recorded and the customer told', async () => {
  const recorded = await scenario(
    env,
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      const before = clock(await h.query(statusQuery), 'answer')!;
      await env.sleep(10 * HOUR);
      const paused = await act(h, 'pauseClocks', 'quality_manager', {
        reason: 'force_majeure',
        note: 'typhoon closed the port',
      });
      expect(paused.clocksPaused).toMatchObject({ reason: 'force_majeure', note: 'typhoon closed the port' });
      expect(paused.statusLine).toContain('clocks paused (force majeure)');
      await env.sleep(5 * 24 * HOUR);
      expect(clock(await h.query(statusQuery), 'answer')!.breachedAt).toBeUndefined();
      const resumed = await act(h, 'resumeClocks', 'quality_manager', { note: 'port open again' });
      const after = clock(resumed, 'answer')!;
      const cal = profile('cr-mp25').calendar;
      const pausedAtMs = Date.parse(paused.clocksPaused!.at);
      const resumedAtMs = pausedAtMs + after.pausedMs;
      const left = workingTimeBetween(pausedAtMs, Date.parse(before.dueAt), cal);
      expect(left).toBeGreaterThan(0);
      expect(workingTimeBetween(resumedAtMs, Date.parse(after.dueAt), cal)).toBe(left);
      expect(Date.parse(after.dueAt)).toBe(dueAt(resumedAtMs, { amount: left / HOUR, unit: 'working_hours' }, cal));
      expect(after.pausedMs).toBeGreaterThanOrEqual(5 * 24 * HOUR);
    },
  );
  expect(recorded.customerEmails.map((e) => e.event)).toContain('force_majeure');
  const forms = recorded.actions.flatMap((a) => a.forms);
  expect(forms.find((f) => f.kind === 'clock_pause')!.data).toMatchObject({
    reason: 'force_majeure',
    note: 'typhoon closed the port',
  });
  expect(forms.find((f) => f.kind === 'clock_resume')!.data).toMatchObject({ reason: 'force_majeure' });
});

test('a severity raised by the batch rule recomputes the running response clock (001: general 8 h → urgent 2 h)', async () => {
  await scenario(
    env,
    (n) => workflowInput(n, 'quality-improvement'),
    async (h) => {
      const response = clock(await h.query(statusQuery), 'response')!;
      expect(Date.parse(response.dueAt) - Date.parse(response.startedAt)).toBe(2 * HOUR);
    },
    { batchUnits: 12 },
  );
});

test('escalation ladder: each level after its wait, notified once, stopped when the complaint acts', async () => {
  let ladderId = '';
  const recorded = await scenario(
    env,
    (n) => workflowInput(n, 'industrial-fault'),
    async (h, recorded) => {
      await act(h, 'classify', 'customer_service', { type: 'product_fault' });
      const firstContact = clock(await h.query(statusQuery), 'first_contact')!;
      const due = Date.parse(firstContact.dueAt);
      // 000 ladder: technical support at once, sales after 1 h, quality manager after 2 h more, GM after 4 h more.
      await sleepUntil(due + 30 * MIN);
      expect(staffKeys(recorded, 'escalation_level')).toEqual(['escalation:first_contact:1:1']);
      await sleepUntil(due + 90 * MIN);
      expect(staffKeys(recorded, 'escalation_level')).toEqual([
        'escalation:first_contact:1:1',
        'escalation:first_contact:1:2',
      ]);
      expect((await h.query(statusQuery)).escalationLevel).toBe(2);
      ladderId = escalationWorkflowId(h.workflowId.replace('complaint-', ''), 'first_contact', 1);
      await act(h, 'checkValidity', 'sales', {
        valid: true,
        reason: 'reached the customer at last',
        customerContacted: true,
      });
      const result = await closedResult(env.client.workflow.getHandle(ladderId));
      expect(result).toMatchObject({ clock: 'first_contact', levelReached: 2, stoppedBecause: 'first_contact met' });
      await env.sleep(24 * HOUR);
      const s = await h.query(statusQuery);
      expect(s.overdue).toBe(false);
    },
  );
  expect(staffKeys(recorded, 'escalation_level')).toHaveLength(2);
  expect(recorded.staffEmails.filter((e) => e.event === 'escalation_level').map((e) => e.to)).toEqual([
    ['technical_support'],
    ['sales'],
  ]);
  const saved = [...recorded.clocks.values()].find((c) => c.name === 'first_contact')!;
  expect(saved.breachMs).toBeGreaterThanOrEqual(90 * MIN);
});

test('staff can start the ladder (customer agitated); it stops when the complaint moves on', async () => {
  const recorded = await scenario(
    env,
    (n) => workflowInput(n, 'engine-plant'),
    async (h, recorded) => {
      await act(h, 'escalate', 'customer_service', {
        reason: 'customer_agitated',
        note: 'customer threatens to cancel the contract',
      });
      await env.sleep(5 * HOUR);
      // §4.1: sales (and the department head) at once; the quality manager only 24 h later
      expect(staffKeys(recorded, 'escalation_level')).toHaveLength(1);
      await act(h, 'classify', 'customer_service', { type: 'service' });
      // past the time the ladder's second level would have come (24 h), within the 3-day investigation
      await env.sleep(24 * HOUR);
    },
  );
  expect(recorded.staffEmails.filter((e) => e.event === 'escalation_level').map((e) => e.to)).toEqual([
    ['sales', 'department_head'],
  ]);
});

test('emergency response (002 major): team and management told at once, temporary plan on its 24 h clock', async () => {
  const recorded = await scenario(
    env,
    (n) => workflowInput(n, 'engine-plant'),
    async (h, recorded) => {
      const classified = await act(h, 'classify', 'customer_service', {
        type: 'product_quality',
        facts: { majorComplaint: true },
      });
      expect(classified.severity).toBe('major');
      const plan = clock(classified, 'temporary_plan')!;
      expect(Date.parse(plan.dueAt) - Date.parse(plan.startedAt)).toBe(24 * HOUR);
      expect(staffKeys(recorded, 'emergency')).toEqual(['emergency:start']);
      await env.sleep(25 * HOUR);
      expect(staffKeys(recorded, 'escalation_level')).toContain('emergency:plan-overdue');
      await act(h, 'recordTemporaryPlan', 'quality_manager', { plan: 'quarantine lot 77, replace affected engines' });
      const result = await closedResult(
        env.client.workflow.getHandle(emergencyWorkflowId(h.workflowId.replace('complaint-', ''))),
      );
      expect(result).toMatchObject({ breached: true, temporaryPlanAt: expect.any(String) });
    },
  );
  expect(recorded.staffEmails.find((e) => e.event === 'emergency')!.to).toEqual([
    'quality_inspection',
    'engineering',
    'sales',
    'general_manager',
  ]);
  expect(recorded.staffEmails.filter((e) => e.key === 'emergency:plan-overdue')).toHaveLength(1);
});

test('retention: archiving starts the retention clock, which anonymises the complaint when it runs out', async () => {
  const recorded = await scenario(
    env,
    (n) => workflowInput(n, 'engine-plant'),
    async (h) => {
      await act(h, 'withdraw', 'customer_service', { reason: 'resolved by the dealer' });
      const result = await closedResult(h);
      // The complaint's own retention clock (002: 2 years) runs on, outliving the complaint workflow.
      const retention = env.client.workflow.getHandle(retentionWorkflowId(result.number));
      expect((await retention.describe()).status.name).toBe('RUNNING');
      await retention.terminate('the timer itself is exercised below with a shorter period');
    },
  );
  expect(recorded.anonymised).toEqual([]);

  // The same workflow with a period of three days: anonymised at the end of it.
  const worker = await createRecordingWorker(env, recorded);
  await worker.runUntil(async () => {
    const now = await env.currentTimeMs();
    const retainUntil = new Date(now + 3 * 24 * HOUR).toISOString();
    const handle = await env.client.workflow.start(retentionWorkflow, {
      taskQueue: worker.options.taskQueue,
      workflowId: retentionWorkflowId('209901-001'),
      args: [{ number: '209901-001', retainUntil }],
    });
    // awaiting the result lets the test server skip to the timer
    const done = await handle.result();
    expect(recorded.anonymised).toEqual(['209901-001']);
    expect(Date.parse(done.anonymisedAt)).toBeGreaterThanOrEqual(Date.parse(retainUntil));
    expect(Date.parse(done.anonymisedAt)).toBeLessThan(Date.parse(retainUntil) + MIN);
  });
});
