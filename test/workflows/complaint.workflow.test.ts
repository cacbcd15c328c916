import { complaintWorkflowId, searchAttributes, statusQuery } from '../../domain/complaint-contract';
import { p004ToSurvey } from '../support/clock-paths';
import type { Role } from '../../domain/roles';
import {
  act,
  answer,
  closedResult,
  registered,
  refusal,
  statusWhen,
  toQuoteDecision,
  type Handle,
} from '../support/workflow-scenario';
import { serverPerTest } from '../support/server-per-test';
import { SAMPLE_DIAGNOSIS, SAMPLE_PLAN, workflowInput } from '../support/workflow-input';

const server = serverPerTest();
const { scenario, finish } = server;

const diagnosis = SAMPLE_DIAGNOSIS;
const plan = SAMPLE_PLAN;

/** Drives a complaint to execution; `approver` null for a procedure without an approval stage (001). */
async function toExecution(h: Handle, type = 'product_fault', approver: Role | null = 'quality_manager') {
  await act(h, 'classify', 'customer_service', { type });
  // 000 二(二): the sales rep checks the facts; 001 二(三): quality inspects
  const checker: Role = approver ? 'sales' : 'quality_manager';
  await act(h, 'checkValidity', checker, { valid: true, reason: 'our fault', customerContacted: true });
  await act(h, 'submitDiagnosis', 'technical_support', diagnosis);
  await act(h, 'proposePlan', 'technical_support', plan);
  if (approver) await act(h, 'approvePlan', approver, { approved: true });
  await act(h, 'recordCustomerDecision', 'customer_service', { accepted: true });
}

test('industrial fault (000): the full happy path, with 24-hourly progress reports, ends archived', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'industrial-fault'),
    async (h) => {
      await toExecution(h);
      expect((await h.query(statusQuery)).stage).toBe('execution');
      await server.env().sleep('49 hours'); // two scheduled progress reports
      await act(h, 'recordProcessing', 'repair', {
        steps: ['replaced power board'],
        replacedParts: [{ part: 'power board', oldSerial: 'PB-1', newSerial: 'PB-2', reason: 'cracked solder joint' }],
        media: [{ kind: 'video', ref: 'media/before.mp4', stage: 'before' }],
      });
      await act(h, 'recordVerification', 'technical_support', {
        passed: true,
        method: '2 h continuous run',
        result: 'no fault',
      });
      await act(h, 'recordSurvey', 'customer_service', { level: 'very_satisfied' });
      const result = await closedResult(h);
      expect(result).toMatchObject({ finalStage: 'archived', reason: 'customer satisfied' });
    },
  );
  expect(recorded.customerEmails.map((e) => e.event)).toEqual([
    'acknowledgement',
    'owner_assigned',
    'plan',
    'progress',
    'progress',
    'completed',
    'survey',
    'closed',
  ]);
  // 000 二(三): the diagnosis report to sales, customer service and the quality manager; 二(四): the approved plan
  // back to the sales rep
  expect(recorded.staffEmails.map((e) => e.event)).toEqual([
    'registered',
    'assignment',
    'diagnosis',
    'approval_request',
    'plan_approved',
  ]);
  expect(recorded.staffEmails.find((e) => e.event === 'diagnosis')!.to).toEqual([
    'sales',
    'customer_service',
    'quality_manager',
  ]);
  expect(recorded.staffEmails.find((e) => e.event === 'plan_approved')!.to).toEqual(['sales']);
  expect(recorded.staffEmails[0]!.to).toEqual(['sales', 'technical_support']);
  expect(recorded.actions.flatMap((a) => a.forms.map((f) => f.kind))).toEqual([
    'classification',
    'verification',
    'diagnosis',
    'plan',
    'approval',
    'customer_decision',
    'processing',
    'result_verification',
    'survey',
    'closure',
  ]);
  expect(recorded.archived).toHaveLength(1);
  expect(recorded.actions.at(-1)).toMatchObject({ action: 'archive', stageBefore: 'closed', stageAfter: 'archived' });
});

test('invalid complaint (004 §5.2 b): the customer is told and it closes when no objection comes within the window', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      await act(h, 'checkValidity', 'quality_manager', {
        valid: false,
        reason: 'customer misjudged',
        customerContacted: true,
      });
      expect((await h.query(statusQuery)).stage).toBe('invalid_notice');
      await server.env().sleep('6 days');
      expect((await h.query(statusQuery)).stage).toBe('invalid_notice');
      await server.env().sleep('2 days');
      expect((await closedResult(h)).reason).toBe('invalid; no objection within the window');
    },
  );
  expect(recorded.customerEmails.map((e) => e.event)).toEqual([
    'acknowledgement',
    'owner_assigned',
    'invalid',
    'closed',
  ]);
});

test('invalid complaint: a customer objection within the window reopens the investigation', async () => {
  await scenario(
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      await act(h, 'checkValidity', 'quality_manager', {
        valid: false,
        reason: 'not our fault',
        customerContacted: true,
      });
      await server.env().sleep('3 days');
      const status = await act(h, 'customerObjects', 'sales', { note: 'the customer insists: new photos attached' });
      expect(status.stage).toBe('investigation');
      await server.env().sleep('6 days'); // past the 7-day window counted from the invalid finding
      expect((await h.query(statusQuery)).stage).toBe('investigation');
      await finish(h);
    },
  );
});

test("objection loop: revised plans, then escalation and arbitration after the profile's rounds", async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'industrial-fault'),
    async (h) => {
      await act(h, 'classify', 'customer_service', { type: 'product_fault' });
      await act(h, 'checkValidity', 'sales', { valid: true, reason: 'ok', customerContacted: true });
      await act(h, 'submitDiagnosis', 'technical_support', diagnosis);
      for (let round = 1; round <= 2; round += 1) {
        await act(h, 'proposePlan', 'technical_support', plan);
        await act(h, 'approvePlan', 'quality_manager', { approved: true });
        const after = await act(h, 'recordCustomerDecision', 'sales', {
          accepted: false,
          comment: `round ${round}: wants a new unit`,
        });
        expect(after.stage).toBe('planning');
        expect(after.deadlines.map((d) => d.name)).toContain('revision');
        const revision = after.deadlines.find((d) => d.name === 'revision')!;
        expect(Date.parse(revision.dueAt) - Date.parse(revision.startedAt)).toBe(2 * 3600_000);
      }
      await act(h, 'proposePlan', 'technical_support', plan);
      await act(h, 'approvePlan', 'quality_manager', { approved: true });
      const escalated = await act(h, 'recordCustomerDecision', 'sales', { accepted: false, comment: 'still no' });
      expect(escalated.stage).toBe('escalated');
      expect((await refusal(act(h, 'arbitrate', 'sales', { decision: 'uphold_plan', note: 'x' }))).type).toBe(
        'Forbidden',
      );
      const decided = await act(h, 'arbitrate', 'quality_manager', {
        decision: 'uphold_plan',
        note: 'third-party arbitration upheld the plan',
      });
      expect(decided.stage).toBe('execution');
      await finish(h);
    },
  );
  expect(recorded.staffEmails.filter((e) => e.event === 'escalation')).toEqual([
    expect.objectContaining({ to: ['quality_manager'] }),
  ]);
  expect(recorded.customerEmails.filter((e) => e.event === 'plan')).toHaveLength(3);
});

test('out of warranty (004 §5.4 c)): repaired, then the agreed fee is charged and the unit shipped back; company-paid needs the GM', async () => {
  const charged = await scenario(
    (n) => workflowInput(n, 'cr-mp25', { warranty: 'out' }),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'repair_out_of_warranty' });
      await act(h, 'checkValidity', 'technical_support', {
        valid: true,
        reason: 'repairable',
        customerContacted: true,
      });
      await act(h, 'submitDiagnosis', 'technical_support', { ...diagnosis, cause: 'external' });
      const noQuote = await refusal(act(h, 'proposePlan', 'technical_support', { ...plan, costBorneBy: 'customer' }));
      expect(noQuote).toMatchObject({ type: 'InvalidAction', message: expect.stringContaining('quote') });
      await act(h, 'proposePlan', 'technical_support', {
        ...plan,
        costBorneBy: 'customer',
        quote: { amount: 1200, currency: 'CNY' },
        repairQuantity: 25,
      });
      const approved = await act(h, 'approvePlan', 'quality_manager', { approved: true });
      expect(approved.stage).toBe('customer_decision');
      // payment holds back the return of the repaired unit, not the repair
      expect((await act(h, 'recordCustomerDecision', 'sales', { accepted: true })).stage).toBe('execution');
      const repaired = await act(h, 'recordProcessing', 'technical_support', { steps: ['repaired, self-tested'] });
      expect(repaired.stage).toBe('payment');
      const payment = { amount: 1200, currency: 'CNY', reference: 'INV-1' };
      expect(await refusal(act(h, 'recordPayment', 'sales', payment))).toMatchObject({
        type: 'InvalidAction',
        message: expect.stringContaining('returnShipment'),
      });
      const shipped = await act(h, 'recordPayment', 'sales', {
        ...payment,
        returnShipment: { carrier: 'SF Express', trackingNumber: 'SF1234567890' },
      });
      expect(shipped.stage).toBe('verification');
      await finish(h);
    },
  );
  // the customer is told how the repaired unit comes back
  expect(charged.customerEmails.find((e) => e.event === 'progress')?.note).toBe(
    'your repaired unit has been shipped back: SF Express, tracking number SF1234567890',
  );
  await scenario(
    (n) => workflowInput(n, 'cr-mp25', { warranty: 'out' }),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'repair_out_of_warranty' });
      await act(h, 'checkValidity', 'technical_support', { valid: true, reason: 'goodwill', customerContacted: true });
      await act(h, 'submitDiagnosis', 'technical_support', diagnosis);
      await act(h, 'proposePlan', 'technical_support', { ...plan, costBorneBy: 'company' });
      const afterQm = await act(h, 'approvePlan', 'quality_manager', { approved: true });
      expect(afterQm.stage).toBe('approval');
      expect(afterQm.openActions.find((a) => a.action === 'approvePlan')!.roles).toContain('general_manager');
      const afterGm = await act(h, 'approvePlan', 'general_manager', { approved: true });
      expect(afterGm.stage).toBe('customer_decision');
      expect((await act(h, 'recordCustomerDecision', 'sales', { accepted: true })).stage).toBe('execution');
      await finish(h);
    },
  );
});

test('out of warranty (004): the customer declines the quote and the complaint closes with the unit returned', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'cr-mp25', { warranty: 'out' }),
    async (h) => {
      await toQuoteDecision(h);
      expect(
        await refusal(act(h, 'recordCustomerDecision', 'sales', { accepted: true, declinesQuote: true })),
      ).toMatchObject({ type: 'InvalidAction' });
      const closed = await act(h, 'recordCustomerDecision', 'sales', {
        accepted: false,
        declinesQuote: true,
        comment: 'too expensive',
      });
      expect(closed.stage).toBe('closed');
      expect((await closedResult(h)).reason).toBe('customer declined the repair quote; unit returned unrepaired');
    },
  );
  expect(recorded.customerEmails.map((e) => e.event)).toEqual(['acknowledgement', 'owner_assigned', 'plan', 'closed']);
});

test('after-sales (003): hardware faults are dispatched on site with engineer, consent and signed confirmation; software is remote', async () => {
  let arrivalDue = '';
  const recorded = await scenario(
    (n) => workflowInput(n, 'after-sales'),
    async (h) => {
      const classified = await act(h, 'classify', 'customer_service', {
        type: 'fault_repair',
        faultCategory: 'hardware',
        facts: { safetyHazard: true },
      });
      expect(classified).toMatchObject({ severity: 'urgent', serviceMode: 'on_site', stage: 'dispatch' });
      const dispatchClock = classified.deadlines.find((d) => d.name === 'dispatch')!;
      expect(Date.parse(dispatchClock.dueAt) - Date.parse(dispatchClock.startedAt)).toBe(30 * 60_000);
      expect((await refusal(act(h, 'dispatchEngineer', 'department_head', {}))).message).toContain('engineer');
      const dispatched = await act(h, 'dispatchEngineer', 'department_head', {
        engineer: { name: 'Wu', region: 'east', qualification: 'HX series' },
      });
      expect(dispatched.stage).toBe('execution');
      const arrival = dispatched.deadlines.find((d) => d.name === 'arrival')!;
      expect(Date.parse(arrival.dueAt) - Date.parse(arrival.startedAt)).toBe(2 * 3600_000);
      arrivalDue = arrival.dueAt;
      const arrived = await act(h, 'recordArrival', 'repair', { note: 'on site' });
      expect(arrived.deadlines.find((d) => d.name === 'arrival')).toBeUndefined();
      const processing = { steps: ['replaced sensor'], replacedParts: [{ part: 'sensor', oldSerial: 'S-1' }] };
      expect((await refusal(act(h, 'recordProcessing', 'repair', processing))).message).toContain('consents');
      expect(
        (
          await refusal(
            act(h, 'recordProcessing', 'repair', {
              ...processing,
              partsConsent: { parts: ['sensor'], cost: 0, warranty: '1 year' },
            }),
          )
        ).message,
      ).toContain('service confirmation');
      const done = await act(h, 'recordProcessing', 'repair', {
        ...processing,
        partsConsent: { parts: ['sensor'], cost: 0, warranty: '1 year' },
        serviceConfirmationSigned: true,
      });
      expect(done.stage).toBe('verification');
      await act(h, 'recordVerification', 'technical_support', { passed: true, method: 'function test', result: 'ok' });
      expect((await refusal(act(h, 'recordSurvey', 'department_head', { score: 6 }))).message).toContain('reason');
      const low = await act(h, 'recordSurvey', 'department_head', {
        score: 6,
        reason: 'engineer was late',
        aspects: { attitude: 9, punctuality: 6, resolution: 9 },
      });
      expect(low.stage).toBe('follow_up');
      await act(h, 'recordFollowUp', 'department_head', { resolved: true, note: 'apologised; customer content' });
      const result = await closedResult(h);
      expect(result.finalStage).toBe('archived');
    },
  );
  expect(recorded.actions.map((a) => a.stageAfter)).toEqual([
    'triage',
    'dispatch',
    'execution',
    'execution',
    'verification',
    'satisfaction',
    'follow_up',
    'closed',
    'archived',
  ]);
  expect(recorded.staffEmails.find((e) => e.event === 'dispatch')).toMatchObject({ note: 'Wu' });
  // 003 §2.2.1: the engineer is mailed once, with the visit date and what to bring.
  const visits = recorded.staffEmails.filter((e) => e.event === 'engineer_visit');
  expect(visits).toEqual([
    expect.objectContaining({ to: ['engineer:Wu'], key: expect.stringMatching(/^engineer_visit#/) }),
  ]);
  expect(visits[0]!.values).toMatchObject({
    engineer: 'Wu',
    region: 'east',
    due: arrivalDue,
    'bring@zh-CN': expect.stringContaining('服务确认单'),
    'bring@en': expect.stringContaining('service confirmation'),
  });
  await scenario(
    (n) => workflowInput(n, 'after-sales'),
    async (h) => {
      const classified = await act(h, 'classify', 'customer_service', {
        type: 'fault_repair',
        faultCategory: 'software',
      });
      expect(classified).toMatchObject({ serviceMode: 'remote', stage: 'execution' });
      await finish(h);
    },
  );
});

test('a complaint unhappy with the corrective action is closed as reopened under a new number', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'quality-improvement'),
    async (h) => {
      await toExecution(h, 'product_quality', null);
      await act(h, 'recordProcessing', 'repair', { steps: ['replaced unit'] });
      await act(h, 'recordVerification', 'quality_manager', { passed: true, method: 'retest', result: 'ok' });
      await act(h, 'reopen', 'customer_service', {
        reason: 'the corrective action did not stop the fault',
        newNumber: '202611-999',
      });
      expect(await closedResult(h)).toMatchObject({ reopenedAs: '202611-999', finalStage: 'archived' });
    },
  );
  expect(recorded.customerEmails.map((e) => e.event)).toContain('reopened');
});

test('quality improvement (001): a satisfied customer still gets the 30-day follow-up call', async () => {
  await scenario(
    (n) => workflowInput(n, 'quality-improvement'),
    async (h) => {
      await toExecution(h, 'product_quality', null);
      await act(h, 'recordProcessing', 'repair', { steps: ['repaired'] });
      await act(h, 'recordVerification', 'quality_manager', { passed: true, method: 'retest', result: 'ok' });
      const survey = await act(h, 'recordSurvey', 'customer_service', { level: 'satisfied' });
      expect(survey.stage).toBe('follow_up');
      const followUp = survey.deadlines.find((d) => d.name === 'follow_up')!;
      expect(Date.parse(followUp.dueAt) - Date.parse(followUp.startedAt)).toBe(30 * 86_400_000);
      await act(h, 'recordFollowUp', 'customer_service', { resolved: true, note: 'works fine after 30 days' });
      expect((await closedResult(h)).reason).toBe('follow-up: resolved');
    },
  );
});

test('severity: batch defects across complaints, safety and value rules, and the owners they bring (001)', async () => {
  await scenario(
    (n) => workflowInput(n, 'quality-improvement'),
    async (h) => {
      const status = await h.query(statusQuery);
      expect(status.severity).toBe('urgent');
      expect(status.severityReasons[0]).toContain('batch defect: 12 units');
      expect(status.deadlines.find((d) => d.name === 'response')).toBeDefined();
      const classified = await act(h, 'classify', 'customer_service', { type: 'product_quality' });
      expect(classified.ownerRoles).toEqual(['quality_manager', 'customer_service']);
      await finish(h);
    },
    { batchUnits: 12 },
  );
  await scenario(
    (n) => workflowInput(n, 'quality-improvement'),
    async (h) => {
      expect((await h.query(statusQuery)).severity).toBe('general');
      const classified = await act(h, 'classify', 'customer_service', {
        type: 'product_quality',
        facts: { itemValue: 15_000 },
      });
      expect(classified.severity).toBe('important');
      expect(classified.ownerRoles).toEqual(['quality_manager']);
      await finish(h);
    },
    { batchUnits: 3 },
  );
});

test('refused actions — wrong stage, wrong role, bad data — never enter history', async () => {
  await scenario(
    (n) => workflowInput(n, 'engine-plant'),
    async (h) => {
      expect(await refusal(act(h, 'submitDiagnosis', 'quality_manager', {}))).toMatchObject({
        type: 'StageConflict',
      });
      expect(await refusal(act(h, 'approvePlan', 'department_head', { approved: true }))).toMatchObject({
        type: 'StageConflict',
        message: 'approvePlan is not part of the engine-plant procedure',
      });
      expect(await refusal(act(h, 'classify', 'repair', { type: 'delivery' }))).toMatchObject({ type: 'Forbidden' });
      expect(await refusal(act(h, 'classify', 'customer_service', { type: 'nonsense' }))).toMatchObject({
        type: 'InvalidAction',
        message: expect.stringContaining('product_quality, delivery, service'),
      });
      expect(await refusal(act(h, 'classify', 'customer_service', { type: 'delivery', extra: 1 }))).toMatchObject({
        type: 'InvalidAction',
      });
      const history = await h.fetchHistory();
      expect((history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(0);
      const crossDept = await act(h, 'classify', 'customer_service', { type: 'delivery', crossDepartment: true });
      expect(crossDept).toMatchObject({ department: 'task_force', ownerRoles: ['sales'] });
      await finish(h);
    },
  );
});

test('a transient email failure is retried and the acknowledgement goes out once', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'industrial-fault'),
    async (h, recorded) => {
      // the retries run on real time (1 s, 2 s, 4 s backoff); poll instead of skipping time
      await registered(recorded);
      await finish(h);
    },
    { failFirstEmails: 3 },
  );
  expect(recorded.customerEmails.filter((e) => e.event === 'acknowledgement')).toHaveLength(1);
});

test('answer first: an action answers at once; its records and emails follow in order, even behind a slow mail server', async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await scenario(
    (n) => workflowInput(n, 'industrial-fault'),
    async (h, recorded) => {
      const classified = await answer(h, 'classify', 'customer_service', { type: 'product_fault' });
      expect(classified.stage).toBe('validity_check');
      // the record (with its clocks, one activity) and the staff email go out; the customer's email waits
      const held = await statusWhen(h, (s) => s.pendingEffects === 1);
      expect(held.stage).toBe('validity_check');
      const checked = await answer(h, 'checkValidity', 'sales', {
        valid: true,
        reason: 'our fault',
        customerContacted: true,
      });
      expect([checked.stage, checked.pendingEffects]).toEqual(['investigation', 2]);
      expect(recorded.actions.map((a) => a.action)).toEqual(['register', 'classify']);
      release();
      await statusWhen(h, (s) => s.pendingEffects === 0);
      expect(recorded.actions.map((a) => [a.action, a.stageAfter])).toEqual([
        ['register', 'triage'],
        ['classify', 'validity_check'],
        ['checkValidity', 'investigation'],
      ]);
      expect(recorded.customerEmails.map((e) => e.event)).toEqual(['acknowledgement', 'owner_assigned']);
      await finish(h);
    },
    { holdCustomerEmails: { event: 'owner_assigned', until: released } },
  );
});

test('an effect that can never succeed marks the complaint "needs attention", tells owners and operations, and wedges nothing', async () => {
  await scenario(
    (n) => workflowInput(n, 'industrial-fault'),
    async (h, recorded) => {
      await act(h, 'classify', 'customer_service', { type: 'product_fault' });
      const marked = await statusWhen(h, (s) => s.needsAttention !== undefined && !s.pendingEffects);
      expect(marked.needsAttention).toContain('cannot store');
      expect(marked.statusLine).toMatch(/^NEEDS ATTENTION/);
      const described = await h.describe();
      expect(described.typedSearchAttributes.get(searchAttributes.needsAttention)).toBe(true);
      expect(recorded.staffEmails.find((e) => e.event === 'needs_attention')?.to).toEqual([
        'technical_support',
        'operations',
      ]);
      // the complaint goes on: the next action is taken and recorded
      await act(h, 'checkValidity', 'sales', { valid: true, reason: 'ours', customerContacted: true });
      expect(recorded.actions.map((a) => a.action)).toEqual(['register', 'checkValidity']);
      await finish(h);
    },
    { failRecordOf: 'classify' },
  );
});

test('004 §5.3 b): a customer still not satisfied: the complaint closes and is taken up as a new linked complaint, started by itself once', async () => {
  let linked = '';
  const recorded = await scenario(
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      for (const [action, role, payload] of p004ToSurvey) await act(h, action, role, payload);
      await act(h, 'recordSurvey', 'sales', { level: 'dissatisfied', reason: 'the fault came back after a week' });
      const status = await statusWhen(h, (s) => s.reopenedAs !== undefined);
      expect([status.stage, status.closeReason]).toEqual([
        'archived',
        'customer not satisfied: to be taken up as a new complaint',
      ]);
      linked = status.reopenedAs!;
      const child = server.env().client.workflow.getHandle(complaintWorkflowId(linked));
      expect((await child.describe()).status.name).toBe('RUNNING');
      expect((await child.query(statusQuery)).stage).toBe('triage');
      await child.terminate('scenario over');
    },
  );
  expect([...recorded.linked.entries()]).toEqual([[`reopen:${linked.replace(/-R1$/, '')}`, linked]]);
});

test('a complaint opened under cr-mp25 v6 keeps its pinned procedure: paid before the repair, no return shipment asked', async () => {
  const v7 = workflowInput('x', 'cr-mp25').profile!;
  // the profile as v6 complaints carry it in their input: no paymentBefore (it did not exist)
  const v6 = { ...v7, version: 6 };
  delete (v6 as Partial<typeof v7>).paymentBefore;
  await scenario(
    (n) => workflowInput(n, 'cr-mp25', { warranty: 'out', profile: v6 }),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'repair_out_of_warranty' });
      await act(h, 'checkValidity', 'technical_support', {
        valid: true,
        reason: 'repairable',
        customerContacted: true,
      });
      await act(h, 'submitDiagnosis', 'technical_support', { ...diagnosis, cause: 'external' });
      await act(h, 'proposePlan', 'technical_support', {
        ...plan,
        costBorneBy: 'customer',
        quote: { amount: 1200, currency: 'CNY' },
      });
      await act(h, 'approvePlan', 'quality_manager', { approved: true });
      expect((await act(h, 'recordCustomerDecision', 'sales', { accepted: true })).stage).toBe('payment');
      const paid = await act(h, 'recordPayment', 'sales', { amount: 1200, currency: 'CNY', reference: 'INV-1' });
      expect([paid.stage, paid.profile.version]).toEqual(['execution', 6]);
      await finish(h);
    },
  );
});

test('004 §5.5: a technical-support request approved by the R&D manager; on site, R&D records the support once the customer signed QR25-03', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'technical_support' });
      expect(
        await refusal(
          act(h, 'checkValidity', 'quality_manager', { valid: true, reason: 'x', customerContacted: true }),
        ),
      ).toMatchObject({ type: 'Forbidden', message: expect.stringContaining('研发经理 R&D manager') });
      await act(h, 'checkValidity', 'department_head', { valid: true, reason: 'approved', customerContacted: true });
      await act(h, 'submitDiagnosis', 'technical_support', { ...diagnosis, serviceMode: 'on_site' });
      await act(h, 'proposePlan', 'technical_support', {
        summary: 'retune the controller on site',
        customerRemedy: ['retune the controller on site'],
        remedyDeviation: 'technical support: no quality remedy applies',
      });
      await act(h, 'approvePlan', 'quality_manager', { approved: true });
      await act(h, 'recordCustomerDecision', 'sales', { accepted: true });
      expect(await refusal(act(h, 'recordProcessing', 'technical_support', { steps: ['retuned'] }))).toMatchObject({
        message: 'the customer must sign the technical-support record QR25-03',
      });
      await act(h, 'requestServiceConfirmation', 'technical_support', { summary: 'controller retuned on site' });
      await act(h, 'recordServiceConfirmation', 'technical_support', { signedBy: 'Zhang Wei', satisfied: true });
      expect((await act(h, 'recordProcessing', 'technical_support', { steps: ['retuned'] })).stage).toBe(
        'verification',
      );
      await finish(h);
    },
  );
  expect(recorded.customerEmails.map((e) => e.event)).toContain('service_confirmation_request');
});

test('000 二(二): for a cross-region product the sales rep asks the local engineer to check on site, then records the check', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'industrial-fault', { region: 'north' }),
    async (h) => {
      await act(h, 'classify', 'customer_service', { type: 'product_fault' });
      const asked = await act(h, 'requestLocalCheck', 'sales', {
        engineer: { name: 'Engineer North', region: 'north', qualification: 'general' },
        note: 'check the drive and the supply voltage',
      });
      expect(asked.stage).toBe('validity_check');
      await act(h, 'checkValidity', 'sales', { valid: true, reason: 'confirmed on site', customerContacted: true });
      await finish(h);
    },
  );
  const visit = recorded.staffEmails.find((e) => e.event === 'engineer_visit');
  expect(visit?.to).toEqual(['engineer:Engineer North']);
});
