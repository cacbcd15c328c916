/**
 * Issue 24's steps on the reducer: who is told of what the seeds say must reach them, and the seeds' forms.
 * 003 §2.4.1: every callback result (with attitude, punctuality and resolution) to the service team leader;
 * 004 §5.2 a) 5): production, warehouse and purchasing told of our own quality problem in warranty.
 */
import { applyAction, checkAction, checkTaking, type ActionName } from '../../domain/complaint/actions';
import { templateValues } from '../../domain/complaint/status';
import { applySystemEvent } from '../../domain/complaint/system-events';
import { renderStaffEmail, valuesFor } from '../../mail/email-templates';
import { newComplaintState, type Effect } from '../../domain/complaint/state';
import type { Stage } from '../../domain/stages';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Party } from '../../domain/roles';

const T0 = Date.parse('2026-11-23T01:00:00.000Z');
const profile = (id: string) => BUILT_IN_PROFILES.find((p) => p.id === id)!;

function complaint(profileId: string, stage: Stage, warranty: 'in' | 'out' = 'in') {
  const state = newComplaintState(
    profile(profileId),
    { number: '202611-001', registeredAt: new Date(T0).toISOString(), channel: 'phone', warranty, facts: {} },
    true,
  );
  return Object.assign(state, { stage });
}

/** Takes an action; its refusal or its staff emails. */
function take(
  profileId: string,
  stage: Stage,
  action: ActionName,
  by: Party,
  payload: unknown,
  warranty?: 'in' | 'out',
) {
  const state = complaint(profileId, stage, warranty);
  // the customer's own answer by link has no staff role: the workflow checks it without one
  const checked =
    by.role === 'customer'
      ? checkTaking(state, profile(profileId), action, by, payload)
      : checkAction(state, profile(profileId), action, by, payload);
  if ('type' in checked) return { refused: checked.message };
  const effects = applyAction(state, profile(profileId), action, payload as never, by, T0);
  return { staff: effects.filter((e): e is Extract<Effect, { kind: 'notifyStaff' }> => e.kind === 'notifyStaff') };
}

const supervisor = { id: 's', role: 'department_head' } as const;
const aspects = { attitude: 9, punctuality: 6, resolution: 10 };

test('003 §2.4.1: every callback result, good or bad, goes to the service team leader with its three aspects', () => {
  const good = take('after-sales', 'satisfaction', 'recordSurvey', supervisor, { score: 9, aspects });
  expect(good.staff?.map((e) => [e.event, e.to])).toEqual([['survey_result', ['service_team']]]);
  expect(good.staff?.[0]?.values).toMatchObject({
    'note@zh-CN': '总体 9/10，服务态度 9，及时性 6，解决效果 10',
    'note@en': 'overall 9/10, attitude 9, punctuality 6, resolution 10',
  });
  const bad = take('after-sales', 'satisfaction', 'recordSurvey', supervisor, { score: 5, reason: 'late', aspects });
  expect(bad.staff?.map((e) => e.event)).toEqual(['survey_result', 'low_satisfaction']);
  expect(bad.staff?.[0]?.values).toMatchObject({
    'note@en': 'overall 5/10, attitude 9, punctuality 6, resolution 10 (reason: late)',
  });
});

test('003 §2.4.1: the callback scores attitude, punctuality and resolution on the 1–10 scale; the customer by link gives the score alone', () => {
  expect(take('after-sales', 'satisfaction', 'recordSurvey', supervisor, { score: 9 })).toEqual({
    refused: 'aspects: the callback scores attitude, punctuality and resolution',
  });
  expect(
    take('after-sales', 'satisfaction', 'recordSurvey', supervisor, {
      score: 9,
      aspects: { ...aspects, attitude: 11 },
    }),
  ).toEqual({ refused: 'aspects.attitude: a whole number from 1 to 10' });
  const byLink = take(
    'after-sales',
    'satisfaction',
    'recordSurvey',
    { id: 'customer-link:1', role: 'customer' },
    {
      score: 9,
    },
  );
  expect(byLink.staff?.map((e) => e.event)).toEqual(['survey_result']);
  // a procedure without the callback's aspects (000) neither asks nor reports them
  expect(
    take(
      'industrial-fault',
      'satisfaction',
      'recordSurvey',
      { id: 'c', role: 'customer_service' },
      {
        level: 'satisfied',
      },
    ).staff,
  ).toEqual([]);
});

test('004 §5.2 a) 5): our own quality problem in warranty tells production, warehouse and purchasing; misuse or out of warranty does not', () => {
  const qe = { id: 'q', role: 'quality_manager' } as const;
  const diagnosis = {
    cause: 'manufacturing',
    findings: 'cold solder joints',
    analysis: { method: 'five_why', whys: ['a'] },
    defectCode: 'solder_joint',
  };
  const ours = take('cr-mp25', 'investigation', 'submitDiagnosis', qe, diagnosis);
  const told = ours.staff?.find((e) => e.event === 'nonconforming_lot');
  expect(told?.to).toEqual(['production', 'warehouse', 'purchasing']);
  expect(told?.values).toMatchObject({ 'note@zh-CN': 'cold solder joints（原因：制造）' });
  const misuse = take('cr-mp25', 'investigation', 'submitDiagnosis', qe, { ...diagnosis, cause: 'misuse' });
  expect(misuse.staff?.map((e) => e.event)).not.toContain('nonconforming_lot');
  const out = take('cr-mp25', 'investigation', 'submitDiagnosis', qe, diagnosis, 'out');
  expect(out.staff?.map((e) => e.event)).not.toContain('nonconforming_lot');
  // 000 names no such departments
  const p000 = take(
    'industrial-fault',
    'investigation',
    'submitDiagnosis',
    { id: 't', role: 'technical_support' },
    {
      ...diagnosis,
      evidence: { factoryTestReport: 'FT-1: passed at shipment' },
    },
  );
  expect(p000.staff?.map((e) => e.event)).toEqual(['diagnosis']);
});

test('000 二(三), 表4: the diagnosis carries the factory test report and every replaced part its reason (400 naming the field and the section)', () => {
  const ts = { id: 't', role: 'technical_support' } as const;
  const diagnosis = {
    cause: 'manufacturing',
    findings: 'cracked joint',
    analysis: { method: 'five_why', whys: ['a'] },
  };
  expect(take('industrial-fault', 'investigation', 'submitDiagnosis', ts, diagnosis)).toEqual({
    refused: 'evidence.factoryTestReport: required by 000 二(三) (表2)',
  });
  const withReport = {
    ...diagnosis,
    evidence: { factoryTestReport: 'FT-1: passed at shipment', repairHistory: 'fan replaced 2025-03' },
  };
  expect(take('industrial-fault', 'investigation', 'submitDiagnosis', ts, withReport).staff).toBeDefined();
  const rep = { id: 'r', role: 'repair' } as const;
  const parts = [
    { part: 'drive', oldSerial: 'D-1', reason: 'burnt output stage' },
    { part: 'fan', oldSerial: 'F-1' },
  ];
  expect(
    take('industrial-fault', 'execution', 'recordProcessing', rep, { steps: ['replaced'], replacedParts: parts }),
  ).toEqual({
    refused: 'replacedParts.1.reason: required by 000 二(六) (表4)',
  });
  // another procedure's forms do not list them
  const qe = { id: 'q', role: 'quality_manager' } as const;
  expect(
    take('cr-mp25', 'investigation', 'submitDiagnosis', qe, { ...diagnosis, defectCode: 'assembly' }).staff,
  ).toBeDefined();
});

test("issue 24: a plan whose remedy takes none of the procedure's remedies says why, and the approver reads it", () => {
  const ts = { id: 't', role: 'technical_support' } as const;
  const offMatrix = { summary: 'refund', customerRemedy: ['refund the purchase price'] };
  expect(take('industrial-fault', 'planning', 'proposePlan', ts, offMatrix)).toEqual({
    refused:
      "remedyDeviation: the remedy takes none of the procedure's remedies for this complaint (free repair or replacement of the faulty part; operating guidance); say why",
  });
  const explained = { ...offMatrix, remedyDeviation: 'the unit is discontinued; no spare part exists' };
  const state = complaint('industrial-fault', 'planning');
  const checked = checkAction(state, profile('industrial-fault'), 'proposePlan', ts, explained);
  if ('type' in checked) throw new Error(checked.message);
  applyAction(state, profile('industrial-fault'), 'proposePlan', checked.payload, ts, T0);
  expect(state.plan).toMatchObject({ remedyDeviation: explained.remedyDeviation });
  const values = { number: '202611-001', ...templateValues(state, profile('industrial-fault')) };
  const zh = renderStaffEmail('approval_request', 'zh-CN', valuesFor(values, 'zh-CN', 'Asia/Shanghai')).text;
  const en = renderStaffEmail('approval_request', 'en', valuesFor(values, 'en', 'Asia/Shanghai')).text;
  expect(zh).toContain('程序规定的措施：free repair or replacement of the faulty part; operating guidance');
  expect(zh).toContain('偏离程序规定的理由：the unit is discontinued; no spare part exists');
  expect(en).toContain('Why it departs from them: the unit is discontinued; no spare part exists');
  // a remedy of the matrix (in any case) needs no reason
  expect(
    take('industrial-fault', 'planning', 'proposePlan', ts, { ...offMatrix, customerRemedy: ['Operating guidance'] })
      .staff,
  ).toBeDefined();
});

/** The forms an action records (its `record` effect). */
const formsOf = (effects: Effect[]) =>
  effects.flatMap((e) => (e.kind === 'record' ? e.forms.map((f) => [f.kind, f.data] as const) : []));

test("002 §7: the customer's praise is credited to the department; an escalated complaint is held against it once", () => {
  const plant = profile('engine-plant');
  const cs = { id: 'c', role: 'customer_service' } as const;
  const state = Object.assign(complaint('engine-plant', 'customer_decision'), {
    department: 'quality_inspection',
    ownerRoles: ['quality_manager' as const],
    objectionRounds: 1,
  });
  const object = checkAction(state, plant, 'recordCustomerDecision', cs, { accepted: false, comment: 'too slow' });
  if ('type' in object) throw new Error(object.message);
  const escalated = applyAction(state, plant, 'recordCustomerDecision', object.payload, cs, T0);
  expect(state.stage).toBe('escalated');
  expect(formsOf(escalated).filter(([kind]) => kind === 'escalation_blame')).toEqual([
    [
      'escalation_blame',
      expect.objectContaining({ department: 'quality_inspection', owner: 'quality_manager', note: 'too slow' }),
    ],
  ]);
  // the ladder reaching sales later does not count it again
  expect(formsOf(applySystemEvent(state, plant, { kind: 'escalationLevel', level: 1 }, T0 + 1))).toEqual([]);
  Object.assign(state, { stage: 'satisfaction' });
  const praised = checkAction(state, plant, 'recordSurvey', cs, {
    level: 'satisfied',
    praise: 'the engineer was superb',
  });
  if ('type' in praised) throw new Error(praised.message);
  expect(
    formsOf(applyAction(state, plant, 'recordSurvey', praised.payload, cs, T0 + 2)).filter(([k]) => k === 'praise'),
  ).toEqual([
    ['praise', expect.objectContaining({ department: 'quality_inspection', note: 'the engineer was superb' })],
  ]);
  // a ladder alone (a missed deadline reported to sales, §4.1) makes it an escalated complaint too
  const late = Object.assign(complaint('engine-plant', 'investigation'), {
    department: 'logistics',
    ownerRoles: ['department_head' as const],
  });
  expect(
    formsOf(applySystemEvent(late, plant, { kind: 'escalationLevel', level: 1, clock: 'investigation' }, T0)),
  ).toEqual([
    ['escalation_blame', { department: 'logistics', owner: 'department_head', note: 'investigation: level 1' }],
  ]);
  // a procedure that names neither (000) records neither
  const fault = Object.assign(complaint('industrial-fault', 'satisfaction'), { department: 'after_sales' });
  const survey = checkAction(fault, profile('industrial-fault'), 'recordSurvey', cs, {
    level: 'satisfied',
    praise: 'great',
  });
  if ('type' in survey) throw new Error(survey.message);
  expect(
    formsOf(applyAction(fault, profile('industrial-fault'), 'recordSurvey', survey.payload, cs, T0)).map(([k]) => k),
  ).not.toContain('praise');
});

test("001 二(三): the investigation's progress is sent to the customer", () => {
  const cs = { id: 'c', role: 'customer_service' } as const;
  const state = complaint('quality-improvement', 'investigation');
  const checked = checkAction(state, profile('quality-improvement'), 'recordProgress', cs, {
    note: 'the returned unit was inspected: a component is faulty; testing the lot',
  });
  if ('type' in checked) throw new Error(checked.message);
  const effects = applyAction(state, profile('quality-improvement'), 'recordProgress', checked.payload, cs, T0);
  expect(state.stage).toBe('investigation');
  expect(effects.filter((e) => e.kind === 'notifyCustomer').map((e) => 'event' in e && e.event)).toEqual(['progress']);
});

test('004 §5.1.1, §5.5 b): technical support is chosen at classification; R&D owns it with sales assisting', () => {
  const commerce = { id: 's', role: 'sales' } as const;
  const state = complaint('cr-mp25', 'triage');
  const checked = checkAction(state, profile('cr-mp25'), 'classify', commerce, { type: 'technical_support' });
  if ('type' in checked) throw new Error(checked.message);
  applyAction(state, profile('cr-mp25'), 'classify', checked.payload, commerce, T0);
  expect([state.type, state.department, state.ownerRoles]).toEqual(['technical_support', 'rnd', ['technical_support']]);
});

test('000 §(四): a fault the customer caused is quoted and paid before the repair, in warranty too; 004 charges only out of warranty', () => {
  const ts = { id: 't', role: 'technical_support' } as const;
  const charged = { summary: 'repair at cost', customerRemedy: ['charge the repair cost'], costBorneBy: 'customer' };
  const misuse = () => Object.assign(complaint('industrial-fault', 'planning'), { cause: 'misuse' as const });
  const refused = checkAction(misuse(), profile('industrial-fault'), 'proposePlan', ts, charged);
  expect(refused).toEqual({
    type: 'InvalidAction',
    message: 'a repair charged to the customer needs a quote (the fault is theirs, whatever the warranty)',
  });
  const state = misuse();
  const quoted = { ...charged, quote: { amount: 600, currency: 'CNY' } };
  const plan = checkAction(state, profile('industrial-fault'), 'proposePlan', ts, quoted);
  if ('type' in plan) throw new Error(plan.message);
  applyAction(state, profile('industrial-fault'), 'proposePlan', plan.payload, ts, T0);
  Object.assign(state, { stage: 'customer_decision' });
  const sales = { id: 's', role: 'sales' } as const;
  const accept = checkAction(state, profile('industrial-fault'), 'recordCustomerDecision', sales, { accepted: true });
  if ('type' in accept) throw new Error(accept.message);
  applyAction(state, profile('industrial-fault'), 'recordCustomerDecision', accept.payload, sales, T0 + 1);
  expect(state.stage).toBe('payment');
  // 004 in warranty: a plan charged to the customer goes on to the repair (the procedure charges out of warranty)
  const p004 = Object.assign(complaint('cr-mp25', 'customer_decision'), {
    plan: { ...quoted, correctiveActions: [], suggestedRemedy: [], costBorneBy: 'customer' as const },
  });
  const commerce = checkAction(p004, profile('cr-mp25'), 'recordCustomerDecision', sales, { accepted: true });
  if ('type' in commerce) throw new Error(commerce.message);
  applyAction(p004, profile('cr-mp25'), 'recordCustomerDecision', commerce.payload, sales, T0);
  expect(p004.stage).toBe('execution');
});

test('004 §5.5 d): staff relaying the signed technical-support record QR25-03 say whether the customer is satisfied', () => {
  const rnd = { id: 'r', role: 'technical_support' } as const;
  const support = (serviceMode: 'on_site' | 'remote') =>
    Object.assign(complaint('cr-mp25', 'execution'), { type: 'technical_support', serviceMode });
  const state = support('on_site');
  expect(checkAction(state, profile('cr-mp25'), 'recordServiceConfirmation', rnd, { signedBy: 'Zhang Wei' })).toEqual({
    type: 'InvalidAction',
    message: 'satisfied: the technical-support record QR25-03 asks whether the customer is satisfied (004 §5.5 d))',
  });
  const signed = checkAction(state, profile('cr-mp25'), 'recordServiceConfirmation', rnd, {
    signedBy: 'Zhang Wei',
    satisfied: true,
  });
  if ('type' in signed) throw new Error(signed.message);
  const effects = applyAction(state, profile('cr-mp25'), 'recordServiceConfirmation', signed.payload, rnd, T0);
  expect(formsOf(effects)).toEqual([
    [
      'service_confirmation',
      expect.objectContaining({
        signedBy: 'Zhang Wei',
        satisfied: true,
        via: 'staff',
        record: 'technical-support record QR25-03',
      }),
    ],
  ]);
  // a remote answer asks no signature
  expect(
    checkAction(support('remote'), profile('cr-mp25'), 'requestServiceConfirmation', rnd, { summary: 'x' }),
  ).toEqual({
    type: 'InvalidAction',
    message: 'only on-site service asks the customer for it',
  });
});

test("004 §5.7 b)-c): the diagnosis names the defect from the procedure's list and whether it affects later orders", () => {
  const qe = { id: 'q', role: 'quality_manager' } as const;
  const diagnosis = {
    cause: 'manufacturing',
    analysis: { method: 'five_why', whys: ['cracked joint'] },
    findings: 'cracked solder joint',
  };
  const state = complaint('cr-mp25', 'investigation');
  expect(checkAction(state, profile('cr-mp25'), 'submitDiagnosis', qe, diagnosis)).toEqual({
    type: 'InvalidAction',
    message: expect.stringMatching(
      /^defectCode: the diagnosis names the defect, one of solder_joint, .* \(004 §5\.7 c\)\)$/,
    ),
  });
  expect(
    checkAction(state, profile('cr-mp25'), 'submitDiagnosis', qe, { ...diagnosis, defectCode: 'bad_luck' }),
  ).toMatchObject({ type: 'InvalidAction', message: expect.stringMatching(/^defectCode must be one of/) });
  const named = { ...diagnosis, defectCode: 'solder_joint', affectsLaterOrders: true };
  const checked = checkAction(state, profile('cr-mp25'), 'submitDiagnosis', qe, named);
  if ('type' in checked) throw new Error(checked.message);
  const effects = applyAction(state, profile('cr-mp25'), 'submitDiagnosis', checked.payload, qe, T0);
  expect(formsOf(effects).find(([kind]) => kind === 'diagnosis')?.[1]).toMatchObject({
    defectCode: 'solder_joint',
    affectsLaterOrders: true,
  });
});
