/**
 * The complaint reducer without a Temporal server: every action's stages, roles, refusals and effects,
 * and every system event, table by table.
 */
import {
  ACTION_NAMES,
  actionRoles,
  applyAction,
  checkAction,
  openActions,
  rolesFor,
  type ActionName,
} from '../../domain/complaint/actions';
import { newComplaintState, type ComplaintState, type Effect } from '../../domain/complaint/state';
import { clockTrigger } from '../../domain/complaint/clock-table';
import { applySystemEvent, dueEvents, nextWake } from '../../domain/complaint/system-events';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { profileSchema } from '../../domain/profile-schema';
import type { Role } from '../../domain/roles';
import type { Stage } from '../../domain/stages';

const profile = (id: string) => BUILT_IN_PROFILES.find((p) => p.id === id)!;
const T0 = Date.parse('2026-11-23T01:00:00.000Z'); // Monday 09:00 Shanghai
const HOUR = 3_600_000;

/** A registered complaint of `profileId`, put into `stage` with `patch` applied. */
function complaint(profileId: string, stage: Stage = 'triage', patch: Partial<ComplaintState> = {}): ComplaintState {
  const p = profile(profileId);
  const state = newComplaintState(
    p,
    { number: '202611-001', registeredAt: new Date(T0).toISOString(), channel: 'phone', warranty: 'in', facts: {} },
    true,
  );
  applySystemEvent(state, p, { kind: 'registered', registeredAt: new Date(T0).toISOString(), facts: {} }, T0);
  // what the workflow does once the registration mails are out
  clockTrigger(state, p, 'acknowledged', T0);
  clockTrigger(state, p, 'owners_notified', T0);
  return Object.assign(state, { stage }, patch);
}

const kinds = (effects: Effect[]) =>
  effects.map((e) => ('event' in e ? `${e.kind}:${e.event}` : e.kind === 'record' ? `record:${e.action}` : e.kind));

// 000's remedy for a general fault (its matrix); a plan that departs from it must say why (seed-steps.test.ts)
const plan = { summary: 'replace the drive', customerRemedy: ['free repair or replacement of the faulty part'] };
const diagnosis = {
  cause: 'manufacturing',
  findings: 'cracked joint',
  analysis: { method: 'five_why', whys: ['a'] },
  evidence: { factoryTestReport: 'FT-1: passed at shipment' },
};

interface Case {
  action: ActionName;
  profile?: string;
  stage: Stage;
  role: Role;
  wrongRole: Role;
  payload: unknown;
  patch?: Partial<ComplaintState>;
  stageAfter: Stage;
  effects: string[];
}

const ACTION_CASES: Case[] = [
  {
    action: 'classify',
    stage: 'triage',
    role: 'customer_service',
    wrongRole: 'repair',
    payload: { type: 'product_fault' },
    stageAfter: 'validity_check',
    effects: ['record:classify', 'notifyStaff:assignment', 'notifyCustomer:owner_assigned', 'saveClocks'],
  },
  {
    action: 'requestLocalCheck',
    stage: 'validity_check',
    role: 'sales',
    wrongRole: 'repair',
    payload: { engineer: { name: 'Wu', region: 'east', qualification: 'general' }, note: 'check the drive' },
    stageAfter: 'validity_check',
    effects: ['record:requestLocalCheck', 'notifyStaff:engineer_visit', 'saveClocks'],
  },
  {
    action: 'checkValidity',
    profile: 'cr-mp25',
    stage: 'validity_check',
    role: 'quality_manager',
    wrongRole: 'repair',
    payload: { valid: false, reason: 'misuse', customerContacted: true },
    stageAfter: 'invalid_notice',
    effects: ['record:checkValidity', 'notifyCustomer:invalid', 'saveClocks'],
  },
  {
    action: 'customerObjects',
    profile: 'cr-mp25',
    stage: 'invalid_notice',
    role: 'sales',
    wrongRole: 'repair',
    payload: { note: 'it is not misuse' },
    stageAfter: 'investigation',
    effects: ['record:customerObjects', 'saveClocks'],
  },
  {
    action: 'submitDiagnosis',
    stage: 'investigation',
    role: 'technical_support',
    wrongRole: 'sales',
    payload: diagnosis,
    stageAfter: 'planning',
    // 000 二(三): the diagnosis report goes to sales, customer service and the quality manager
    effects: ['record:submitDiagnosis', 'notifyStaff:diagnosis', 'saveClocks'],
  },
  {
    action: 'sendPreliminaryReport',
    profile: 'cr-mp25',
    stage: 'planning',
    role: 'quality_manager',
    wrongRole: 'sales',
    payload: {
      findings: 'no root cause yet',
      testPlan: [{ test: 'thermal cycling', method: '500 cycles', due: '2027-01-15' }],
    },
    patch: { rootCauseFound: false },
    stageAfter: 'planning',
    effects: ['record:sendPreliminaryReport', 'notifyCustomer:preliminary_report', 'saveClocks'],
  },
  {
    action: 'proposePlan',
    stage: 'planning',
    role: 'technical_support',
    wrongRole: 'repair',
    payload: plan,
    stageAfter: 'approval',
    effects: ['record:proposePlan', 'notifyStaff:approval_request', 'saveClocks'],
  },
  {
    action: 'approvePlan',
    stage: 'approval',
    role: 'quality_manager',
    wrongRole: 'sales',
    payload: { approved: true },
    patch: { plan: { ...plan, correctiveActions: [], costBorneBy: 'company', suggestedRemedy: [] } },
    stageAfter: 'customer_decision',
    // 000 二(四): the approved plan goes back to the sales rep
    effects: ['record:approvePlan', 'notifyStaff:plan_approved', 'notifyCustomer:plan', 'saveClocks'],
  },
  {
    action: 'recordCustomerDecision',
    stage: 'customer_decision',
    role: 'sales',
    wrongRole: 'repair',
    payload: { accepted: false, comment: 'too slow' },
    stageAfter: 'planning',
    effects: ['record:recordCustomerDecision', 'saveClocks'],
  },
  {
    action: 'arbitrate',
    stage: 'escalated',
    role: 'quality_manager',
    wrongRole: 'sales',
    payload: { decision: 'revise_plan', note: 'faster' },
    stageAfter: 'planning',
    effects: ['record:arbitrate', 'saveClocks'],
  },
  {
    action: 'recordPayment',
    stage: 'payment',
    role: 'sales',
    wrongRole: 'repair',
    payload: { amount: 100, currency: 'CNY', reference: 'INV-1' },
    stageAfter: 'execution',
    effects: ['record:recordPayment', 'saveClocks'],
  },
  {
    action: 'dispatchEngineer',
    profile: 'after-sales',
    stage: 'dispatch',
    role: 'department_head',
    wrongRole: 'repair',
    payload: { engineer: { name: 'Wu', region: 'east', qualification: 'HX series' } },
    patch: { serviceMode: 'on_site' },
    stageAfter: 'execution',
    effects: ['record:dispatchEngineer', 'notifyStaff:dispatch', 'notifyStaff:engineer_visit', 'saveClocks'],
  },
  {
    action: 'recordArrival',
    profile: 'after-sales',
    stage: 'execution',
    role: 'repair',
    wrongRole: 'sales',
    payload: { note: 'on site' },
    patch: { serviceMode: 'on_site' },
    stageAfter: 'execution',
    effects: ['record:recordArrival', 'saveClocks'],
  },
  {
    action: 'requestPartsConsent',
    profile: 'after-sales',
    stage: 'execution',
    role: 'repair',
    wrongRole: 'sales',
    payload: { parts: ['sensor'], cost: 120, currency: 'CNY', warranty: '12 months' },
    patch: { serviceMode: 'on_site' },
    stageAfter: 'execution',
    effects: ['record:requestPartsConsent', 'notifyCustomer:parts_consent_request', 'saveClocks'],
  },
  {
    action: 'recordPartsConsent',
    profile: 'after-sales',
    stage: 'execution',
    role: 'repair',
    wrongRole: 'sales',
    payload: { consent: true, note: 'agreed on the phone' },
    patch: {
      serviceMode: 'on_site',
      partsConsent: { parts: ['sensor'], cost: 120, currency: 'CNY', warranty: '12 months', requestedAt: '2026-11-02' },
    },
    stageAfter: 'execution',
    effects: ['record:recordPartsConsent', 'saveClocks'],
  },
  {
    action: 'requestServiceConfirmation',
    profile: 'after-sales',
    stage: 'execution',
    role: 'repair',
    wrongRole: 'sales',
    payload: { summary: 'sensor replaced, function test passed' },
    patch: { serviceMode: 'on_site' },
    stageAfter: 'execution',
    effects: ['record:requestServiceConfirmation', 'notifyCustomer:service_confirmation_request', 'saveClocks'],
  },
  {
    action: 'recordServiceConfirmation',
    profile: 'after-sales',
    stage: 'execution',
    role: 'repair',
    wrongRole: 'sales',
    payload: { signedBy: 'Li Na' },
    patch: { serviceMode: 'on_site' },
    stageAfter: 'execution',
    effects: ['record:recordServiceConfirmation', 'saveClocks'],
  },
  {
    action: 'recordProgress',
    stage: 'execution',
    role: 'customer_service',
    wrongRole: 'sales',
    payload: { note: 'parts ordered' },
    stageAfter: 'execution',
    effects: ['record:recordProgress', 'notifyCustomer:progress', 'saveClocks'],
  },
  {
    action: 'recordProcessing',
    stage: 'execution',
    role: 'repair',
    wrongRole: 'sales',
    payload: { steps: ['replaced drive'] },
    stageAfter: 'verification',
    effects: ['record:recordProcessing', 'saveClocks'],
  },
  {
    action: 'recordVerification',
    stage: 'verification',
    role: 'technical_support',
    wrongRole: 'repair',
    payload: { passed: true, method: 'run 2 h', result: 'ok' },
    stageAfter: 'satisfaction',
    effects: ['record:recordVerification', 'notifyCustomer:completed', 'notifyCustomer:survey', 'saveClocks'],
  },
  {
    action: 'recordSurvey',
    stage: 'satisfaction',
    role: 'customer_service',
    wrongRole: 'repair',
    payload: { level: 'satisfied' },
    stageAfter: 'closed',
    effects: ['record:recordSurvey', 'notifyCustomer:closed', 'saveClocks'],
  },
  {
    action: 'recordFollowUp',
    stage: 'follow_up',
    role: 'customer_service',
    wrongRole: 'repair',
    payload: { resolved: true, note: 'fine now' },
    stageAfter: 'closed',
    effects: ['record:recordFollowUp', 'notifyCustomer:closed', 'saveClocks'],
  },
  {
    action: 'reopen',
    stage: 'verification',
    role: 'sales',
    wrongRole: 'repair',
    payload: { reason: 'again', newNumber: '202611-002' },
    stageAfter: 'closed',
    effects: ['record:reopen', 'notifyCustomer:reopened', 'saveClocks'],
  },
  {
    action: 'withdraw',
    stage: 'investigation',
    role: 'customer_service',
    wrongRole: 'repair',
    payload: { reason: 'dealer solved it' },
    stageAfter: 'closed',
    effects: ['record:withdraw', 'notifyCustomer:withdrawn', 'saveClocks'],
  },
  {
    action: 'pauseClocks',
    stage: 'investigation',
    role: 'quality_manager',
    wrongRole: 'repair',
    payload: { reason: 'force_majeure', note: 'typhoon' },
    stageAfter: 'investigation',
    effects: ['record:pauseClocks', 'notifyCustomer:force_majeure', 'saveClocks'],
  },
  {
    action: 'resumeClocks',
    stage: 'investigation',
    role: 'quality_manager',
    wrongRole: 'repair',
    payload: {},
    patch: { clocksPaused: { at: new Date(T0).toISOString(), reason: 'waiting_on_customer', note: 'x' } },
    stageAfter: 'investigation',
    effects: ['record:resumeClocks', 'saveClocks'],
  },
  {
    action: 'escalate',
    stage: 'investigation',
    role: 'technical_support',
    wrongRole: 'repair',
    payload: { reason: 'customer_agitated', note: 'angry' },
    stageAfter: 'investigation',
    effects: ['record:escalate', 'startLadder', 'saveClocks'],
  },
  {
    action: 'recordTemporaryPlan',
    stage: 'investigation',
    role: 'department_head',
    wrongRole: 'sales',
    payload: { plan: 'quarantine lot' },
    patch: { emergency: { startedAt: new Date(T0).toISOString() } },
    stageAfter: 'investigation',
    effects: ['record:recordTemporaryPlan', 'signalEmergency', 'saveClocks'],
  },
  {
    action: 'openCorrectiveAction',
    stage: 'planning',
    role: 'quality_manager',
    wrongRole: 'customer_service',
    payload: { reason: 'same fault on three sites', technical: true },
    stageAfter: 'planning',
    effects: ['record:openCorrectiveAction', 'startCorrectiveAction', 'saveClocks'],
  },
  {
    action: 'decideRecall',
    profile: 'cr-mp25',
    stage: 'investigation',
    role: 'quality_manager',
    wrongRole: 'sales',
    payload: { risk: 'the power board may overheat', lots: ['B77'] },
    stageAfter: 'investigation',
    effects: ['record:decideRecall', 'startRecall', 'saveClocks'],
  },
];

test('every action has a case', () => {
  expect(ACTION_CASES.map((c) => c.action).sort()).toEqual([...ACTION_NAMES].sort());
});

describe.each(ACTION_CASES)('$action', (c) => {
  const p = () => profile(c.profile ?? 'industrial-fault');
  const at = () => complaint(c.profile ?? 'industrial-fault', c.stage, structuredClone(c.patch));

  test(`allowed in ${c.stage} for ${c.role}: moves to ${c.stageAfter} with its effects`, () => {
    const state = at();
    const checked = checkAction(state, p(), c.action, { id: 'u1', role: c.role }, c.payload);
    if ('type' in checked) throw new Error(checked.message);
    const effects = applyAction(state, p(), c.action, checked.payload, { id: 'u1', role: c.role }, T0 + HOUR);
    expect(state.stage).toBe(c.stageAfter);
    expect(kinds(effects)).toEqual(c.effects);
    expect(openActions(at(), p()).find((a) => a.action === c.action)?.roles).toContain(c.role);
  });

  test(`refused for ${c.wrongRole} (403) and outside its stages (409), nothing changed`, () => {
    const state = at();
    const before = JSON.stringify(state);
    expect(checkAction(state, p(), c.action, { id: 'u2', role: c.wrongRole }, c.payload)).toMatchObject({
      type: 'Forbidden',
    });
    const elsewhere = complaint(c.profile ?? 'industrial-fault', 'archived', c.patch);
    expect(checkAction(elsewhere, p(), c.action, { id: 'u1', role: c.role }, c.payload)).toMatchObject({
      type: 'StageConflict',
    });
    expect(checkAction(state, p(), c.action, { id: 'u1', role: c.role }, { unexpected: 1 })).toMatchObject({
      type: 'InvalidAction',
    });
    expect(JSON.stringify(state)).toBe(before);
  });
});

test.each([
  ['classify', 'triage', { type: 'no_such_type' }, {}, /type must be one of/],
  ['proposePlan', 'planning', { ...plan, costBorneBy: 'customer' }, { warranty: 'out' }, /needs a quote/],
  ['recordSurvey', 'satisfaction', { level: 'dissatisfied' }, {}, /a reason is required/],
  [
    'checkValidity',
    'validity_check',
    { valid: false, reason: 'misuse', customerContacted: true },
    {},
    /no invalid finding/,
  ],
  [
    'recordCustomerDecision',
    'customer_decision',
    { accepted: false, declinesQuote: true },
    {},
    /declinesQuote applies only/,
  ],
] as const)('business refusal: %s in %s', (action, stage, payload, patch, message) => {
  const state = complaint('industrial-fault', stage, patch);
  const role = rolesFor(action, profile('industrial-fault'), state)[0]!;
  const refusal = checkAction(state, profile('industrial-fault'), action, { id: 'u', role }, payload);
  expect(refusal).toMatchObject({ type: 'InvalidAction', message: expect.stringMatching(message) });
});

test.each([
  [
    'pauseClocks',
    { reason: 'waiting_on_customer', note: 'x' },
    { clocksPaused: { at: '2026-11-23T01:00:00.000Z', reason: 'force_majeure', note: 'y' } },
    /already paused/,
  ],
  ['resumeClocks', { note: 'x' }, {}, /not paused/],
  ['recordTemporaryPlan', { plan: 'x' }, {}, /no emergency response/],
] as const)('not open now (409, and not in openActions): %s', (action, payload, patch, message) => {
  const state = complaint('industrial-fault', 'investigation', patch);
  const role = rolesFor(action, profile('industrial-fault'), state)[0]!;
  const refusal = checkAction(state, profile('industrial-fault'), action, { id: 'u', role }, payload);
  expect(refusal).toMatchObject({ type: 'StageConflict', message: expect.stringMatching(message) });
  expect(openActions(state, profile('industrial-fault')).map((a) => a.action)).not.toContain(action);
});

test('a recall decided with a deadline already past is refused, naming the field', () => {
  const state = complaint('cr-mp25', 'investigation');
  const qm = { id: 'u1', role: 'quality_manager' } as const;
  const past = { risk: 'overheating', lots: ['B77'], deadline: new Date(Date.now() - 60_000).toISOString() };
  expect(checkAction(state, profile('cr-mp25'), 'decideRecall', qm, past)).toEqual({
    type: 'InvalidAction',
    message: 'deadline: must be in the future',
  });
  const future = { ...past, deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() };
  expect(checkAction(state, profile('cr-mp25'), 'decideRecall', qm, future)).toHaveProperty('payload');
});

test('the general manager approves only when the company pays an out-of-warranty repair (004 rule as data)', () => {
  const p = profile('cr-mp25');
  const planned = { ...plan, correctiveActions: [], suggestedRemedy: [] };
  const customerPays = complaint('cr-mp25', 'approval', {
    warranty: 'out',
    plan: { ...planned, costBorneBy: 'customer' },
  });
  const companyPays = complaint('cr-mp25', 'approval', {
    warranty: 'out',
    plan: { ...planned, costBorneBy: 'company' },
  });
  const roles = (s: ComplaintState) => openActions(s, p).find((a) => a.action === 'approvePlan')!.roles;
  const extra = p.approvals!.companyPaidOutOfWarranty!;
  expect(roles(customerPays)).not.toContain(extra);
  expect(roles(companyPays)).toContain(extra);
});

describe('003 stage path: request, triage, dispatch or remote guidance, visit, test, callback', () => {
  const p = () => profile('after-sales');
  const classified = (faultCategory: 'hardware' | 'software', facts: object = { safetyHazard: true }) => {
    const state = complaint('after-sales');
    const payload = { type: 'fault_repair', crossDepartment: false, faultCategory, facts };
    applyAction(state, p(), 'classify', payload, { id: 'u', role: 'customer_service' }, T0 + 10 * 60_000);
    return state;
  };

  test('a hardware fault goes to dispatch, its dispatch and arrival clocks counted from the request (§2.2.1)', () => {
    const state = classified('hardware');
    expect(state.stage).toBe('dispatch');
    const dispatch = state.deadlines.find((d) => d.name === 'dispatch')!;
    const arrival = state.deadlines.find((d) => d.name === 'arrival')!;
    expect([dispatch.startedAt, Date.parse(dispatch.dueAt) - T0]).toEqual([new Date(T0).toISOString(), 30 * 60_000]);
    expect(Date.parse(arrival.dueAt) - T0).toBe(2 * HOUR);
  });

  test('software is solved by remote guidance: no dispatch, straight to execution (§2.1.2)', () => {
    const state = classified('software', {});
    expect(state.stage).toBe('execution');
    expect(state.deadlines.some((d) => d.name === 'dispatch')).toBe(false);
  });

  test('remote areas are excepted from the dispatch and arrival limits (§2.2.1), as the company lists them', () => {
    const remote = { ...p(), dispatch: { ...p().dispatch!, remoteRegions: ['Xinjiang'] } };
    const visit = (region: string) => {
      const state = Object.assign(complaint('after-sales'), { region });
      const payload = { type: 'fault_repair', crossDepartment: false, faultCategory: 'hardware' as const, facts: {} };
      applyAction(state, remote, 'classify', payload, { id: 'u', role: 'customer_service' }, T0 + 10 * 60_000);
      return [state.stage, state.deadlines.filter((d) => ['dispatch', 'arrival'].includes(d.name)).length];
    };
    expect(visit('xinjiang')).toEqual(['dispatch', 0]);
    expect(visit('east')).toEqual(['dispatch', 2]);
  });

  test('an urgent problem gets an engineer on site whatever the fault (§2.1.2: hardware fault or urgent)', () => {
    const state = classified('software');
    expect([state.severity, state.serviceMode, state.stage]).toEqual(['urgent', 'on_site', 'dispatch']);
    expect(state.deadlines.find((d) => d.name === 'dispatch')?.duration).toEqual({ amount: 30, unit: 'minutes' });
  });

  test('dispatch meets its clock, and the engineer is reminded to call ahead 30 min before the arrival deadline (§2.2.2)', () => {
    const state = classified('hardware');
    const engineer = { name: 'Wu', region: 'east', qualification: 'HX series' };
    applyAction(state, p(), 'dispatchEngineer', { engineer }, { id: 'u', role: 'department_head' }, T0 + 20 * 60_000);
    expect(state.deadlines.find((d) => d.name === 'dispatch')!.metAt).toBeDefined();
    const callAhead = state.timers.find((t) => t.name === 'call_ahead')!;
    expect(Date.parse(callAhead.dueAt)).toBe(T0 + 2 * HOUR - 30 * 60_000);
    const reminder = applySystemEvent(
      state,
      p(),
      { kind: 'timerDue', name: 'call_ahead' },
      Date.parse(callAhead.dueAt),
    );
    // the dispatched engineer's own mailbox first, then technical support and the owners
    expect(reminder).toEqual([
      expect.objectContaining({
        kind: 'notifyStaff',
        event: 'call_ahead',
        note: 'Wu',
        to: expect.arrayContaining(['engineer:Wu']),
      }),
    ]);
    expect((reminder[0] as { to: string[] }).to[0]).toBe('engineer:Wu');
    applyAction(state, p(), 'recordArrival', {}, { id: 'u', role: 'repair' }, T0 + HOUR);
    expect(state.deadlines.find((d) => d.name === 'arrival')!.metAt).toBe(new Date(T0 + HOUR).toISOString());
  });
});

describe('system events', () => {
  test('registration: the batch count raises the severity before the clocks start; mails first, then the record', () => {
    const p = profile('quality-improvement');
    const state = newComplaintState(
      p,
      { number: 'n', registeredAt: new Date(T0).toISOString(), channel: 'phone', warranty: 'in', facts: {} },
      true,
    );
    const effects = applySystemEvent(
      state,
      p,
      { kind: 'registered', registeredAt: new Date(T0).toISOString(), facts: {}, batchDefectiveUnits: 12 },
      T0,
    );
    expect(state.severity).toBe('urgent');
    const response = state.deadlines.find((d) => d.name === 'response')!;
    expect(Date.parse(response.dueAt) - Date.parse(response.startedAt)).toBe(2 * HOUR);
    expect(kinds(effects).slice(0, 3)).toEqual([
      'notifyCustomer:acknowledgement',
      'notifyStaff:registered',
      'record:register',
    ]);
    expect(state.stage).toBe('triage');
  });

  test('clocks due: a warning mails the owners, a breach starts a ladder and is recorded in the history', () => {
    const p = profile('industrial-fault');
    const state = complaint('industrial-fault');
    const firstContact = state.deadlines.find((d) => d.name === 'first_contact')!;
    const warn = applySystemEvent(state, p, { kind: 'clocksDue' }, Date.parse(firstContact.warnAt));
    expect(kinds(warn)).toEqual(['notifyStaff:sla_warning', 'saveClocks']);
    const breach = applySystemEvent(state, p, { kind: 'clocksDue' }, Date.parse(firstContact.dueAt));
    expect(kinds(breach)).toEqual(['startLadder', 'saveClocks']);
    expect(state.history.at(-1)).toMatchObject({ action: 'deadline_missed', note: 'first_contact' });
    expect(applySystemEvent(state, p, { kind: 'clocksDue' }, Date.parse(firstContact.dueAt))).toEqual([]);
  });

  test('the objection window is a timer: when it runs out the invalid complaint closes', () => {
    const p = profile('cr-mp25');
    const state = complaint('cr-mp25', 'validity_check');
    applyAction(
      state,
      p,
      'checkValidity',
      { valid: false, reason: 'misuse', customerContacted: true },
      { id: 'u', role: 'sales' },
      T0,
    );
    const wake = nextWake(state, p)!;
    const window = state.timers.find((t) => t.name === 'objection_window')!;
    expect(wake.at).toBeLessThanOrEqual(Date.parse(window.dueAt));
    const due = dueEvents(state, Date.parse(window.dueAt)).filter((e) => e.kind === 'timerDue');
    expect(due).toEqual([{ kind: 'timerDue', name: 'objection_window' }]);
    const effects = applySystemEvent(state, p, due[0]!, Date.parse(window.dueAt));
    expect(state.stage).toBe('closed');
    expect(kinds(effects)).toContain('notifyCustomer:closed');
  });

  test('progress cadence (000: 24 h): a scheduled report, and the next one 24 h later', () => {
    const p = profile('industrial-fault');
    const state = complaint('industrial-fault', 'payment', { warranty: 'out' });
    applyAction(
      state,
      p,
      'recordPayment',
      { amount: 1, currency: 'CNY', reference: 'r' },
      { id: 'u', role: 'sales' },
      T0,
    );
    const first = state.timers.find((t) => t.name === 'progress')!;
    expect(Date.parse(first.dueAt) - T0).toBe(24 * HOUR);
    const effects = applySystemEvent(state, p, { kind: 'timerDue', name: 'progress' }, T0 + 24 * HOUR);
    expect(kinds(effects)).toEqual(['record:scheduled_progress_report', 'notifyCustomer:progress', 'saveClocks']);
    expect(Date.parse(state.timers.find((t) => t.name === 'progress' && !t.metAt)!.dueAt)).toBe(T0 + 48 * HOUR);
  });

  test('a ladder whose clock is met is stopped; a finished ladder is kept for the archive', () => {
    const p = profile('industrial-fault');
    const state = complaint('industrial-fault', 'validity_check');
    const firstContact = state.deadlines.find((d) => d.name === 'first_contact')!;
    applySystemEvent(state, p, { kind: 'clocksDue' }, Date.parse(firstContact.dueAt));
    const effects = applyAction(
      state,
      p,
      'checkValidity',
      { valid: true, reason: 'ok', customerContacted: true },
      { id: 'u', role: 'sales' },
      Date.parse(firstContact.dueAt) + HOUR,
    );
    expect(effects.at(-1)).toMatchObject({ kind: 'stopLadder', clock: 'first_contact', reason: 'first_contact met' });
    const result = { clock: 'first_contact', seq: 1, levelReached: 1, stoppedBecause: 'first_contact met' };
    applySystemEvent(state, p, { kind: 'ladderFinished', seq: 1, result: result as never }, T0);
    expect(state.ladders).toEqual([]);
    expect(state.finishedLadders).toHaveLength(1);
  });

  test('emergency response starts with the step that made the complaint major (002)', () => {
    const p = profile('engine-plant');
    const state = complaint('engine-plant');
    const effects = applyAction(
      state,
      p,
      'classify',
      { type: 'product_quality', crossDepartment: false, facts: { majorComplaint: true } },
      { id: 'u', role: 'customer_service' },
      T0,
    );
    expect(kinds(effects).slice(0, 2)).toEqual(['record:classify', 'startEmergency']);
    expect(state.deadlines.some((d) => d.name === 'temporary_plan')).toBe(true);
  });

  test('archive: the archive record, the retention clock, then the archive step with the children results', () => {
    const p = profile('industrial-fault');
    const state = complaint('industrial-fault', 'closed', { closeReason: 'withdrawn: x' });
    const effects = applySystemEvent(state, p, { kind: 'archive', closedAt: new Date(T0).toISOString() }, T0);
    expect(kinds(effects)).toEqual(['archive', 'startRetention', 'record:archive', 'saveClocks']);
    expect(state.stage).toBe('archived');
  });
});

describe('stage paths without a stage: the step goes where that procedure goes instead', () => {
  const act = (state: ComplaintState, id: string, action: ActionName, role: Role, payload: unknown) => {
    const checked = checkAction(state, profile(id), action, { id: 'u', role }, payload);
    if ('type' in checked) throw new Error(checked.message);
    return kinds(applyAction(state, profile(id), action, checked.payload, { id: 'u', role }, T0 + HOUR));
  };

  test('001 has no approval: the plan goes straight to the customer, no approval request is sent', () => {
    const state = complaint('quality-improvement', 'planning', { severity: 'general' });
    const effects = act(state, 'quality-improvement', 'proposePlan', 'quality_manager', {
      ...plan,
      customerRemedy: ['voucher: 10 % off the next purchase'],
    });
    expect(state.stage).toBe('customer_decision');
    expect(effects).toContain('notifyCustomer:plan');
    expect(effects).not.toContain('notifyStaff:approval_request');
  });

  test('004 has no arbitration: every objection sends the plan back to planning', () => {
    const state = complaint('cr-mp25', 'customer_decision', { plan: { ...plan, correctiveActions: [] } as never });
    for (let round = 1; round <= 3; round += 1) {
      const effects = act(state, 'cr-mp25', 'recordCustomerDecision', 'sales', { accepted: false, comment: 'no' });
      expect([state.stage, state.objectionRounds, effects.includes('notifyStaff:escalation')]).toEqual([
        'planning',
        round,
        false,
      ]);
      state.stage = 'customer_decision';
    }
  });

  test('004 has no follow-up: a customer still not satisfied closes it, to be taken up as a new complaint', () => {
    const state = complaint('cr-mp25', 'satisfaction');
    act(state, 'cr-mp25', 'recordSurvey', 'sales', { level: 'dissatisfied', reason: 'still failing' });
    expect([state.stage, state.closeReason]).toEqual([
      'closed',
      'customer not satisfied: to be taken up as a new complaint',
    ]);
  });

  test('an action the procedure lacks is a 409 for everyone, admin too, and no role is offered it', () => {
    const state = complaint('engine-plant', 'planning');
    for (const role of ['department_head', 'admin'] as Role[])
      expect(checkAction(state, profile('engine-plant'), 'approvePlan', { id: 'u', role }, { approved: true })).toEqual(
        {
          type: 'StageConflict',
          message: 'approvePlan is not part of the engine-plant procedure',
        },
      );
    expect(actionRoles(state, profile('engine-plant')).approvePlan).toEqual([]);
  });

  test('a custom profile whose path has approval or escalation must say who approves and who arbitrates', () => {
    const parsed = profileSchema.safeParse({
      ...profile('industrial-fault'),
      id: 'custom',
      approvals: undefined,
      objection: undefined,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['approvals', 'objection']);
  });
});
