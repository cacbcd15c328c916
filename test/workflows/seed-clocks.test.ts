/**
 * Issue 23 on the time-skipping server: the procedures' time limits as their seeds write them — counted from
 * receipt or from the event the seed names, due at the exact minute, and met only by what the seed says must
 * reach someone (an email to sales, the plan or a report to the customer). One test per rule, named after it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { statusQuery, type ComplaintStatus } from '../../domain/complaint-contract';
import type { Deadline } from '../../domain/clocks';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { dueAt } from '../../domain/working-time';
import type { Recorded } from '../support/fake-activities';
import { createTimeSkippingEnv, skipTo } from '../support/time-skipping';
import { SAMPLE_DIAGNOSIS, SAMPLE_PLAN, workflowInput } from '../support/workflow-input';
import { act, scenario, type Handle } from '../support/workflow-scenario';

let env: TestWorkflowEnvironment;

// a test server per test: each skips time on its own
beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const calendar = (id: string) => BUILT_IN_PROFILES.find((p) => p.id === id)!.calendar;
const running = (s: ComplaintStatus, name: string) => s.deadlines.find((d) => d.name === name);
const saved = (r: Recorded, name: string): Deadline | undefined =>
  [...r.clocks.values()].filter((c) => c.name === name).at(-1);

/** A complaint of `profileId` registered now on the test server, received `earlierMs` before. */
async function received(
  profileId: string,
  earlierMs: number,
  body: (h: Handle, r: Recorded, registeredMs: number) => Promise<void>,
  overrides: Parameters<typeof workflowInput>[2] = {},
): Promise<Recorded> {
  const registeredMs = await env.currentTimeMs();
  return scenario(
    env,
    (n) =>
      workflowInput(n, profileId, {
        registeredAt: new Date(registeredMs).toISOString(),
        receivedAt: new Date(registeredMs - earlierMs).toISOString(),
        ...overrides,
      }),
    (h, r) => body(h, r, registeredMs),
  );
}

/** Due at its minute: quiet one minute before, breached (at its due instant) one minute after. */
async function breachesAtItsMinute(h: Handle, name: string, expectedDueMs: number): Promise<void> {
  expect(Date.parse(running(await h.query(statusQuery), name)!.dueAt)).toBe(expectedDueMs);
  await skipTo(env, expectedDueMs - MIN);
  expect(running(await h.query(statusQuery), name)?.breachedAt).toBeUndefined();
  await skipTo(env, expectedDueMs + MIN);
  expect(running(await h.query(statusQuery), name)?.breachedAt).toBe(new Date(expectedDueMs).toISOString());
}

/** 004 to the investigation: classified in warranty (major when `major`), found valid. */
async function toInvestigation(h: Handle, major = true): Promise<void> {
  const facts = major ? MAJOR.facts : {};
  await act(h, 'classify', 'sales', { type: 'quality_in_warranty', facts });
  await act(h, 'checkValidity', 'quality_manager', { valid: true, reason: 'confirmed', customerContacted: true });
}

const MAJOR = { facts: { majorComplaint: true } };

test('004 §5.6 a) major: finding to sales within 4 h of receipt', async () => {
  // received 3 h before it was registered: due 1 h after registration, breached then unless the finding is out
  await received(
    'cr-mp25',
    3 * HOUR,
    async (h, _r, registeredMs) => {
      const clock = running(await h.query(statusQuery), 'finding_to_sales')!;
      expect(clock.startedAt).toBe(new Date(registeredMs - 3 * HOUR).toISOString());
      await breachesAtItsMinute(h, 'finding_to_sales', registeredMs + HOUR);
    },
    MAJOR,
  );
  const met = await received(
    'cr-mp25',
    3 * HOUR,
    async (h) => {
      await toInvestigation(h);
      // classifying and the validity check are internal steps: they do not meet it
      expect(running(await h.query(statusQuery), 'finding_to_sales')).toMatchObject({ name: 'finding_to_sales' });
      await act(h, 'submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS);
      expect(running(await h.query(statusQuery), 'finding_to_sales')).toBeUndefined();
    },
    MAJOR,
  );
  expect(met.staffEmails.find((e) => e.event === 'diagnosis')?.to).toEqual(['sales']);
  expect(saved(met, 'finding_to_sales')).toMatchObject({ metAt: expect.any(String) });
  expect(saved(met, 'finding_to_sales')!.breachedAt).toBeUndefined();
});

test('004 §5.6 a) major: plan or result to sales within 8 h of receipt', async () => {
  const met = await received(
    'cr-mp25',
    2 * HOUR,
    async (h, _r, registeredMs) => {
      expect(Date.parse(running(await h.query(statusQuery), 'plan_to_sales')!.dueAt)).toBe(registeredMs + 6 * HOUR);
      await toInvestigation(h);
      await act(h, 'submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS);
      expect(running(await h.query(statusQuery), 'plan_to_sales')).toMatchObject({ name: 'plan_to_sales' });
      await act(h, 'proposePlan', 'technical_support', SAMPLE_PLAN);
      expect(running(await h.query(statusQuery), 'plan_to_sales')).toBeUndefined();
    },
    MAJOR,
  );
  expect(met.staffEmails.find((e) => e.event === 'plan_proposed')?.to).toEqual(['sales']);
  await received('cr-mp25', 2 * HOUR, (h, _r, at) => breachesAtItsMinute(h, 'plan_to_sales', at + 6 * HOUR), MAJOR);
});

test('004 §5.6 a) general: 8D or CA answered to the customer within 3 working days of receipt', async () => {
  const earlier = 30 * MIN;
  await received('cr-mp25', earlier, async (h, _r, registeredMs) => {
    const due = dueAt(registeredMs - earlier, { amount: 3, unit: 'working_days' }, calendar('cr-mp25'));
    expect(running(await h.query(statusQuery), 'finding_to_sales')).toBeUndefined();
    await breachesAtItsMinute(h, 'answer_8d_or_ca', due);
  });
  const met = await received('cr-mp25', earlier, async (h) => {
    await toInvestigation(h, false);
    await act(h, 'submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS);
    await act(h, 'proposePlan', 'technical_support', SAMPLE_PLAN);
    // the plan approved internally is not yet an answer to the customer
    expect(running(await h.query(statusQuery), 'answer_8d_or_ca')).toBeDefined();
    await act(h, 'approvePlan', 'quality_manager', { approved: true });
    expect(running(await h.query(statusQuery), 'answer_8d_or_ca')).toBeUndefined();
  });
  expect(met.customerEmails.map((e) => e.event)).toContain('plan');
  expect(saved(met, 'answer_8d_or_ca')).toMatchObject({ metAt: expect.any(String) });
});

test('004 §5.6 b) major without a root cause: preliminary report to the customer within 2 working days', async () => {
  const met = await received(
    'cr-mp25',
    HOUR,
    async (h, _r, registeredMs) => {
      await toInvestigation(h);
      await act(h, 'submitDiagnosis', 'quality_manager', { ...SAMPLE_DIAGNOSIS, rootCauseFound: false });
      const clock = running(await h.query(statusQuery), 'preliminary_report')!;
      const due = dueAt(registeredMs - HOUR, { amount: 2, unit: 'working_days' }, calendar('cr-mp25'));
      expect([clock.startedAt, Date.parse(clock.dueAt)]).toEqual([new Date(registeredMs - HOUR).toISOString(), due]);
      await act(h, 'sendPreliminaryReport', 'quality_manager', {
        findings: 'intermittent contact on the connector; cause not yet confirmed',
        testPlan: [{ test: 'thermal cycling', method: '500 cycles −40/125 °C', samples: 20, due: '2030-01-15' }],
      });
      expect(running(await h.query(statusQuery), 'preliminary_report')).toBeUndefined();
    },
    MAJOR,
  );
  expect(met.customerEmails.filter((e) => e.event === 'preliminary_report')).toHaveLength(1);
  expect(saved(met, 'preliminary_report')).toMatchObject({ metAt: expect.any(String) });
});

test('002 §1.4: confirmed within 24 h of receipt; an email complaint within 1 h', async () => {
  for (const [channel, limit, earlier] of [
    ['phone', 24 * HOUR, 5 * HOUR],
    ['email', HOUR, 20 * MIN],
  ] as const) {
    let registeredMs = 0;
    const r = await received(
      'engine-plant',
      earlier,
      async (_h, _r, at) => {
        registeredMs = at;
      },
      { channel },
    );
    // met by the acknowledgement the customer received; counted from receipt
    expect(saved(r, 'acknowledge')).toMatchObject({
      startedAt: new Date(registeredMs - earlier).toISOString(),
      dueAt: new Date(registeredMs - earlier + limit).toISOString(),
      metAt: expect.any(String),
    });
  }
});

test('002 §1.4: preliminary solution within 72 h of receipt', async () => {
  await received('engine-plant', 12 * HOUR, async (h, _r, registeredMs) => {
    // counted from receipt, not from the planning stage: the investigation's 3 days do not add to it
    await act(h, 'classify', 'customer_service', { type: 'product_quality' });
    await breachesAtItsMinute(h, 'preliminary_solution', registeredMs + 60 * HOUR);
  });
  const met = await received('engine-plant', 12 * HOUR, async (h) => {
    await act(h, 'classify', 'customer_service', { type: 'product_quality' });
    await act(h, 'submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS);
    await act(h, 'proposePlan', 'quality_manager', SAMPLE_PLAN);
    expect(running(await h.query(statusQuery), 'preliminary_solution')).toBeUndefined();
  });
  expect(met.customerEmails.map((e) => e.event)).toContain('plan');
});

test('002 §4.1, §4.3: a missed department deadline is reported to sales first; resolved within 7 days of sales stepping in', async () => {
  const recorded = await received('engine-plant', 0, async (h) => {
    await act(h, 'classify', 'customer_service', { type: 'product_quality' });
    const investigation = running(await h.query(statusQuery), 'investigation')!;
    const breach = Date.parse(investigation.dueAt);
    await skipTo(env, breach + MIN);
    const resolution = running(await h.query(statusQuery), 'escalated_resolution');
    // sales stepped in at the breach (the ladder's first level): 7 days from then
    expect(resolution && Date.parse(resolution.dueAt) - Date.parse(resolution.startedAt)).toBe(7 * DAY);
    expect(Math.abs(Date.parse(resolution!.startedAt) - breach)).toBeLessThan(MIN);
  });
  expect(recorded.staffEmails.find((e) => e.event === 'escalation_level')?.to).toEqual(['sales', 'department_head']);
});

test('001 §(五): result fed back within 1 working day after execution', async () => {
  await received('quality-improvement', 0, async (h) => {
    await act(h, 'classify', 'customer_service', { type: 'product_quality' });
    await act(h, 'checkValidity', 'quality_manager', { valid: true, reason: 'confirmed', customerContacted: true });
    await act(h, 'submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS);
    await act(h, 'proposePlan', 'quality_manager', SAMPLE_PLAN);
    await act(h, 'recordCustomerDecision', 'customer_service', { accepted: true });
    expect(running(await h.query(statusQuery), 'result_feedback')).toBeUndefined();
    await act(h, 'recordProcessing', 'repair', { steps: ['replaced the board'] });
    const started = running(await h.query(statusQuery), 'result_feedback')!;
    const due = dueAt(
      Date.parse(started.startedAt),
      { amount: 1, unit: 'working_days' },
      calendar('quality-improvement'),
    );
    expect(Date.parse(started.dueAt)).toBe(due);
    // verifying is internal; the clock is met when the completion email reaches the customer
    await act(h, 'recordVerification', 'quality_manager', { passed: true, method: 'run test', result: 'ok' });
    expect(running(await h.query(statusQuery), 'result_feedback')).toBeUndefined();
  });
});

test('000 §(四): urgent fault — engineer on site within 4 h and running within 24 h of being rated urgent', async () => {
  await received('industrial-fault', HOUR, async (h) => {
    await act(h, 'classify', 'customer_service', { type: 'product_fault' });
    await act(h, 'checkValidity', 'sales', { valid: true, reason: 'original part', customerContacted: true });
    expect(running(await h.query(statusQuery), 'arrival')).toBeUndefined();
    await skipTo(env, (await env.currentTimeMs()) + 2 * HOUR);
    const ratedMs = await env.currentTimeMs();
    await act(h, 'submitDiagnosis', 'technical_support', { ...SAMPLE_DIAGNOSIS, severity: 'urgent' });
    const status = await h.query(statusQuery);
    for (const [name, hours] of [
      ['arrival', 4],
      ['restore', 24],
    ] as const) {
      const clock = running(status, name)!;
      expect(Math.abs(Date.parse(clock.startedAt) - ratedMs)).toBeLessThan(MIN);
      expect(Date.parse(clock.dueAt) - Date.parse(clock.startedAt)).toBe(hours * HOUR);
    }
  });
});

test('002 §5.1: customer service calls back within 3 days of completion', async () => {
  const recorded = await received('engine-plant', 0, async (h) => {
    await act(h, 'classify', 'customer_service', { type: 'product_quality' });
    await act(h, 'submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS);
    await act(h, 'proposePlan', 'quality_manager', SAMPLE_PLAN);
    await act(h, 'recordCustomerDecision', 'sales', { accepted: true });
    expect(running(await h.query(statusQuery), 'callback')).toBeUndefined();
    const completed = await act(h, 'recordProcessing', 'repair', { steps: ['replaced the injector'] });
    expect(completed.stage).toBe('satisfaction');
    const callback = running(completed, 'callback')!;
    expect(Date.parse(callback.dueAt) - Date.parse(callback.startedAt)).toBe(3 * DAY);
    await breachesAtItsMinute(h, 'callback', Date.parse(callback.dueAt));
  });
  expect(saved(recorded, 'callback')?.breachedAt).toBeDefined();
});

test('000 §(五): an objection — the plan revised within 2 hours and presented again', async () => {
  const met = await received('industrial-fault', 0, async (h) => {
    await act(h, 'classify', 'customer_service', { type: 'product_fault' });
    await act(h, 'checkValidity', 'sales', { valid: true, reason: 'original part', customerContacted: true });
    await act(h, 'submitDiagnosis', 'technical_support', SAMPLE_DIAGNOSIS);
    await act(h, 'proposePlan', 'technical_support', SAMPLE_PLAN);
    expect(running(await h.query(statusQuery), 'revision')).toBeUndefined();
    await act(h, 'approvePlan', 'quality_manager', { approved: true });
    const objected = await act(h, 'recordCustomerDecision', 'sales', { accepted: false, comment: 'too slow' });
    const revision = running(objected, 'revision')!;
    expect(Date.parse(revision.dueAt) - Date.parse(revision.startedAt)).toBe(2 * HOUR);
    await skipTo(env, Date.parse(revision.dueAt) - MIN);
    await act(h, 'proposePlan', 'technical_support', { ...SAMPLE_PLAN, summary: 'replace the drive today' });
    expect(running(await h.query(statusQuery), 'revision')).toBeUndefined();
  });
  expect(saved(met, 'revision')).toMatchObject({ metAt: expect.any(String) });
  expect(saved(met, 'revision')!.breachedAt).toBeUndefined();
});
