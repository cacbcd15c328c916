import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  carEscalationWorkflowId,
  carStatusQuery,
  type CorrectiveActionStatus,
} from '../../domain/corrective-action-contract';
import { DISCIPLINE_ACTIONS } from '../../domain/corrective-action/action-names';
import type { EscalationResult } from '../../domain/escalation-contract';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Duration } from '../../domain/duration';
import { dueAt } from '../../domain/working-time';
import { carAct, carInput, carScenario, carStatusWhen, DISCIPLINE_DATA, type CarHandle } from '../support/car-scenario';
import { eventually } from '../support/eventually';
import type { Recorded } from '../support/fake-activities';
import { createTimeSkippingEnv, skipTo } from '../support/time-skipping';
import { closedResult, refusal } from '../support/workflow-scenario';
import { carActionUpdates } from '../../domain/corrective-action-contract';

let env: TestWorkflowEnvironment;

beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

const MIN = 60_000;
const UNIT_MS = { minutes: MIN, hours: 60 * MIN, days: 24 * 60 * MIN } as Record<Duration['unit'], number>;
const profile = (id: string) => BUILT_IN_PROFILES.find((p) => p.id === id)!;
const running = (s: CorrectiveActionStatus, name: string) => s.deadlines.find((d) => d.name === name && !d.metAt);

/** The test server's clock run to `instantMs`. */
const sleepUntil = (instantMs: number) => skipTo(env, instantMs);

/** The clock `name` warns and breaches at its exact minute; its breach starts a ladder that reaches level 1. */
async function expectClockToWarnAndBreach(h: CarHandle, recorded: Recorded, name: string, duration: Duration) {
  const clock = running(await h.query(carStatusQuery), name)!;
  const start = Date.parse(clock.startedAt);
  const span = duration.amount * UNIT_MS[duration.unit];
  expect(Date.parse(clock.dueAt)).toBe(start + span);
  expect(Date.parse(clock.warnAt)).toBe(start + 0.75 * span);
  const warningKey = `car-warning:${name}@${clock.startedAt}`;
  const warned = () => recorded.staffEmails.some((e) => e.key === warningKey);

  await sleepUntil(Date.parse(clock.warnAt) - MIN);
  expect(warned()).toBe(false);
  await sleepUntil(Date.parse(clock.warnAt) + MIN);
  await eventually(async () => (warned() ? true : undefined));

  await sleepUntil(Date.parse(clock.dueAt) - MIN);
  expect(running(await h.query(carStatusQuery), name)!.breachedAt).toBeUndefined();
  await sleepUntil(Date.parse(clock.dueAt) + MIN);
  const breached = await carStatusWhen(h, (s) => running(s, name)?.breachedAt !== undefined && s.escalationLevel >= 1);
  expect(running(breached, name)!.breachedAt).toBe(clock.dueAt);
  expect(breached.overdue).toBe(true);
}

test('002 (full 8D): every discipline and the verification clock warn, breach and escalate at the exact minute; the 8D runs to D8 and the report goes out', async () => {
  const p = profile('engine-plant');
  const rules = p.correctiveAction!.disciplines;
  const input = carInput('engine-plant');
  const recorded = await carScenario(env, input, async (h, recorded) => {
    let seq = 0;
    for (const rule of rules) {
      expect({ at: rule.id, current: (await h.query(carStatusQuery)).current }).toEqual({
        at: rule.id,
        current: rule.id,
      });
      await expectClockToWarnAndBreach(h, recorded, rule.id, rule.deadline);
      seq += 1;
      const ladder = env.client.workflow.getHandle(carEscalationWorkflowId(input.number, rule.id, seq));
      expect((await ladder.describe()).status.name).toBe('RUNNING');
      const after = await carAct(
        h,
        DISCIPLINE_ACTIONS[rule.id],
        rule.owner ?? 'technical_support',
        DISCIPLINE_DATA[DISCIPLINE_ACTIONS[rule.id]],
      );
      expect(after.deadlines.find((d) => d.name === rule.id)!.metAt).toBeDefined();
      // the discipline met: its ladder is told to stop and ends
      expect((await closedResult<EscalationResult>(ladder)).stoppedBecause).toBe(`${rule.id} met`);
      if (after.phase === 'awaiting_approval') {
        expect(after.awaitingApproval!.disciplines.at(-1)).toBe(rule.id);
        await carAct(h, 'approveBlock', 'quality_manager', {});
      }
      if (rule.id === 'D6') {
        expect((await h.query(carStatusQuery)).phase).toBe('verification');
        await expectClockToWarnAndBreach(h, recorded, 'verification', p.correctiveAction!.verification.after);
        seq += 1;
        await carAct(h, 'verifyEffectiveness', 'quality_manager', {
          effective: true,
          evidence: '3 lots without a failure',
        });
      }
    }
    const result = await closedResult<{ phase: string; rounds: number }>(h);
    expect(result).toMatchObject({ phase: 'closed', rounds: 1 });
  });
  expect(recorded.reports.map((r) => r.number)).toEqual([input.number]);
  expect(recorded.reports[0]!.disciplines.map((d) => d.discipline)).toEqual(rules.map((r) => r.id));
  const steps = recorded.carSteps.map((s) => s.action);
  expect(steps[0]).toBe('open');
  expect(steps.at(-1)).toBe('closeDisciplines');
  expect(new Set(recorded.carSteps.map((s) => s.seq)).size).toBe(recorded.carSteps.length);
});

test('refused steps (wrong role, wrong discipline, bad body) answer with their type and never enter history', async () => {
  await carScenario(env, carInput('engine-plant'), async (h) => {
    const take = (action: keyof typeof carActionUpdates, role: string, payload: unknown) =>
      h.executeUpdate(carActionUpdates[action], {
        args: [{ actor: { id: `${role}-1`, role: role as never }, payload }],
      });
    expect(await refusal(take('formTeam', 'customer_service', DISCIPLINE_DATA.formTeam))).toMatchObject({
      type: 'Forbidden',
    });
    expect(await refusal(take('recordRootCause', 'technical_support', DISCIPLINE_DATA.recordRootCause))).toMatchObject({
      type: 'StageConflict',
      message: expect.stringContaining('D4 is not the discipline to fill in now (current: D1)'),
    });
    expect(
      await refusal(take('formTeam', 'technical_support', { champion: 'x', leader: 'y', members: [] })),
    ).toMatchObject({
      type: 'InvalidAction',
      message: expect.stringContaining('members'),
    });
    expect(await refusal(take('approveBlock', 'quality_manager', {}))).toMatchObject({ type: 'StageConflict' });
    const history = await h.fetchHistory();
    const accepted = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(accepted).toHaveLength(0);
    const s = await carAct(h, 'formTeam', 'technical_support', DISCIPLINE_DATA.formTeam);
    expect(s.current).toBe('D2');
  });
});

/** Fills in disciplines up to (not including) `until`, approving blocks on the way. */
async function fillUntil(h: CarHandle, until: string): Promise<CorrectiveActionStatus> {
  let s = await h.query(carStatusQuery);
  while (s.current && s.current !== until) {
    s = await carAct(h, DISCIPLINE_ACTIONS[s.current], s.owner.role, DISCIPLINE_DATA[DISCIPLINE_ACTIONS[s.current]]);
    if (s.phase === 'awaiting_approval') s = await carAct(h, 'approveBlock', 'quality_manager', {});
  }
  return s;
}

test('D4 → D3 step back reopens containment (the earlier record kept as superseded); an ineffective verification starts a new round at D4', async () => {
  await carScenario(env, carInput('engine-plant'), async (h) => {
    await fillUntil(h, 'D4');
    expect(await refusal(carAct(h, 'stepBack', 'technical_support', { to: 'D5', reason: 'x' }))).toMatchObject({
      type: 'StageConflict',
    });
    let s = await carAct(h, 'stepBack', 'technical_support', {
      to: 'D3',
      reason: 'containment missed goods in transit',
    });
    expect(s).toMatchObject({ phase: 'open', current: 'D3', round: 1 });
    expect(s.disciplines.find((d) => d.discipline === 'D3')!.supersededAt).toBeDefined();
    expect(running(s, 'D3')).toBeDefined();
    expect(s.history.at(-1)!.note).toBe('back to D3: containment missed goods in transit');
    s = await fillUntil(h, 'D7');
    expect(s.phase).toBe('verification');
    s = await carAct(h, 'verifyEffectiveness', 'quality_manager', { effective: false, evidence: 'failures in lot B9' });
    expect(s).toMatchObject({ phase: 'open', current: 'D4', round: 2 });
    expect(running(s, 'D4.r2')).toBeDefined();
    expect(s.verdicts).toEqual([expect.objectContaining({ round: 1, effective: false })]);
    expect(s.disciplines.filter((d) => d.discipline === 'D4' && !d.supersededAt)).toHaveLength(0);
    s = await fillUntil(h, 'D7');
    s = await carAct(h, 'verifyEffectiveness', 'quality_manager', {
      effective: true,
      evidence: 'no failure in 3 lots',
    });
    expect(s).toMatchObject({ current: 'D7', round: 2 });
  });
});

test('004 major without a root cause: preliminary report and test plan due in 2 working days (breach escalates), then the formal 8D with D4 counted from it', async () => {
  const p = profile('cr-mp25');
  const input = carInput('cr-mp25', { severity: 'major', rootCauseKnown: false, technical: false });
  await carScenario(env, input, async (h, recorded) => {
    let s = await h.query(carStatusQuery);
    expect(s.owner).toMatchObject({ role: 'quality_manager', department: 'quality' });
    const preliminary = running(s, 'preliminary_report')!;
    expect(Date.parse(preliminary.dueAt)).toBe(
      dueAt(Date.parse(preliminary.startedAt), { amount: 2, unit: 'working_days' }, p.calendar),
    );
    s = await fillUntil(h, 'D4');
    const d4 = running(s, 'D4')!;
    await sleepUntil(Date.parse(preliminary.dueAt) + MIN);
    s = await carStatusWhen(
      h,
      (x) => running(x, 'preliminary_report')?.breachedAt !== undefined && x.escalationLevel >= 1,
    );
    expect(recorded.staffEmails.some((e) => e.event === 'escalation_level' && e.about === input.number)).toBe(true);
    s = await carAct(h, 'submitPreliminaryReport', 'quality_manager', {
      findings: 'joint cracks; cause not yet reproduced',
      testPlan: [{ test: 'thermal cycling', method: '500 cycles −40/125 °C', samples: 30, due: '2026-12-15' }],
    });
    expect(s.preliminaryReport).toBeDefined();
    expect(s.deadlines.find((d) => d.name === 'preliminary_report')!.metAt).toBeDefined();
    const formal = running(s, 'D4')!;
    expect(formal.startedAt).not.toBe(d4.startedAt);
    expect(Date.parse(formal.dueAt)).toBe(
      dueAt(Date.parse(formal.startedAt), { amount: 2, unit: 'working_days' }, p.calendar),
    );
    expect(
      await refusal(
        carAct(h, 'submitPreliminaryReport', 'quality_manager', {
          findings: 'again',
          testPlan: [{ test: 't', method: 'm', due: '2026-12-15' }],
        }),
      ),
    ).toMatchObject({ type: 'StageConflict' });
  });
});

test('004 D7 must name the inspection standard; D3 rework of 21 pcs is scheduled by planning (20 or more), fewer by engineering', async () => {
  const input = carInput('cr-mp25', { technical: true });
  await carScenario(env, input, async (h, recorded) => {
    expect((await h.query(carStatusQuery)).owner).toMatchObject({
      role: 'technical_support',
      department: 'engineering',
      assist: ['rnd'],
    });
    await fillUntil(h, 'D3');
    await carAct(h, 'recordContainment', 'technical_support', DISCIPLINE_DATA.recordContainment);
    const rework = recorded.staffEmails.find((e) => e.key.startsWith('car-rework#'));
    expect(rework).toMatchObject({ to: ['planning'], about: input.number });
    await carAct(h, 'approveBlock', 'quality_manager', {});
    expect(recorded.interimReports).toEqual([]);
    await fillUntil(h, 'D7');
    // §5.6 b): the customer gets the 8D once the true cause is found (D4 done), marked interim; the final at D8
    await eventually(async () => (recorded.interimReports.length ? true : undefined));
    expect(recorded.interimReports.map((r) => [r.number, r.phase])).toEqual([[input.number, 'open']]);
    expect(recorded.reports).toEqual([]);
    await carAct(h, 'verifyEffectiveness', 'quality_manager', { effective: true, evidence: 'ok' });
    expect(
      await refusal(
        carAct(h, 'recordPrevention', 'technical_support', {
          documents: [{ kind: 'control_plan', reference: 'CP-1', change: 'check' }],
        }),
      ),
    ).toMatchObject({ type: 'InvalidAction', message: expect.stringContaining('inspection_standard') });
  });
});

test('a standalone corrective action (no complaint) warns and escalates its owner by its own emails; nothing is kept with a complaint', async () => {
  const input = carInput('industrial-fault', { number: 'car-202611-900', complaintNumber: undefined, source: 'audit' });
  await carScenario(env, input, async (h, recorded) => {
    const s = await h.query(carStatusQuery);
    const d4 = running(s, 'D4')!;
    await sleepUntil(Date.parse(d4.dueAt) + MIN);
    await carStatusWhen(h, (x) => x.escalationLevel >= 1);
    const mails = recorded.staffEmails.filter((e) => e.about === input.number);
    expect(mails.map((e) => e.key)).toEqual(
      expect.arrayContaining([
        `car-warning:D4@${d4.startedAt}`,
        expect.stringMatching(/^escalation:car-202611-900:D4:1:1$/),
      ]),
    );
    expect(mails.every((e) => e.number === input.number)).toBe(true);
    expect(recorded.clocks.size).toBe(0);
    expect(recorded.carSteps[0]).toMatchObject({ number: input.number, source: 'audit' });
    expect(recorded.carSteps[0]!.complaintNumber).toBeUndefined();
  });
});
