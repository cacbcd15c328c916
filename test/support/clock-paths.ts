/**
 * For each clock of the built-in profiles, the staff steps that start it and the steps that meet it (issue 23's
 * test of every clock at its minute, test/workflows/every-clock.test.ts). `registration`: started and met by
 * registering the complaint.
 */
import type { ClockRule } from '../../domain/clock-rules';
import type { ComplaintWorkflowInput } from '../../domain/complaint-contract';
import type { ActionName } from '../../domain/complaint/actions';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Role } from '../../domain/roles';
import { SAMPLE_DIAGNOSIS, SAMPLE_PLAN } from './workflow-input';

export type Step = [ActionName, Role, unknown];

/** The steps that start a clock and those that meet it. */
export interface StepPath {
  input?: Partial<ComplaintWorkflowInput>;
  toStart: Step[];
  meet: Step[];
}

export type ClockPath = 'registration' | StepPath;

const contacted = { valid: true, reason: 'confirmed', customerContacted: true };
const accepted: Step = ['recordCustomerDecision', 'sales', { accepted: true }];
const objected: Step = ['recordCustomerDecision', 'sales', { accepted: false, comment: 'too slow' }];
// 001 二(五): customer service talks the plan over with the customer (001 has no sales role)
const accepted001: Step = ['recordCustomerDecision', 'customer_service', { accepted: true }];
const objected001: Step = ['recordCustomerDecision', 'customer_service', { accepted: false, comment: 'too slow' }];
const revised: Step = ['proposePlan', 'quality_manager', { ...SAMPLE_PLAN, summary: 'replace the unit today' }];
const followedUp: Step = ['recordFollowUp', 'customer_service', { resolved: true, note: 'customer content' }];
// 003 §2.4.1: the service supervisor calls back and follows up
const followedUp003: Step = ['recordFollowUp', 'department_head', { resolved: true, note: 'customer content' }];

// 000: sales check the facts, technical support diagnoses and plans, the quality manager approves
const p000 = {
  validity: [
    ['classify', 'customer_service', { type: 'product_fault' }],
    ['checkValidity', 'sales', { ...contacted, reason: 'original part' }],
  ] as Step[],
  urgent: ['submitDiagnosis', 'technical_support', { ...SAMPLE_DIAGNOSIS, severity: 'urgent' }] as Step,
  diagnosis: ['submitDiagnosis', 'technical_support', SAMPLE_DIAGNOSIS] as Step,
  plan: [
    ['proposePlan', 'technical_support', SAMPLE_PLAN],
    ['approvePlan', 'quality_manager', { approved: true }],
  ] as Step[],
  done: [
    ['recordProcessing', 'repair', { steps: ['replaced the power board'] }],
    ['recordVerification', 'technical_support', { passed: true, method: '2 h run', result: 'no fault' }],
  ] as Step[],
};
const p000ToSurvey: Step[] = [...p000.validity, p000.diagnosis, ...p000.plan, accepted, ...p000.done];

// 001: the quality manager owns the complaint; no approval stage
const p001ToPlan: Step[] = [
  ['classify', 'customer_service', { type: 'product_quality' }],
  ['checkValidity', 'quality_manager', contacted],
  ['submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS],
  ['proposePlan', 'quality_manager', SAMPLE_PLAN],
];
const p001Executed: Step[] = [
  ...p001ToPlan,
  accepted001,
  ['recordProcessing', 'repair', { steps: ['replaced the board'] }],
];
const p001Verified: Step[] = [
  ...p001Executed,
  ['recordVerification', 'quality_manager', { passed: true, method: 'retest', result: 'ok' }],
];

// 002: the responsible department investigates and plans; customer service discusses the plan; no verification
const p002ToPlan: Step[] = [
  ['classify', 'customer_service', { type: 'product_quality' }],
  ['submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS],
  ['proposePlan', 'quality_manager', SAMPLE_PLAN],
];
const p002Executed: Step[] = [
  ...p002ToPlan,
  accepted,
  ['recordProcessing', 'repair', { steps: ['replaced the injector'] }],
];

// 003: a hardware fault is served on site
const p003Dispatch: Step[] = [['classify', 'customer_service', { type: 'fault_repair', faultCategory: 'hardware' }]];
const p003Engineer: Step = [
  'dispatchEngineer',
  'department_head',
  { engineer: { name: 'Wu', region: 'east', qualification: 'HX series' } },
];
const p003ToSurvey: Step[] = [
  ...p003Dispatch,
  p003Engineer,
  ['recordArrival', 'repair', { note: 'on site' }],
  [
    'recordProcessing',
    'repair',
    {
      steps: ['replaced sensor'],
      replacedParts: [{ part: 'sensor', oldSerial: 'S-1' }],
      partsConsent: { parts: ['sensor'], cost: 0, warranty: '1 year' },
      serviceConfirmationSigned: true,
    },
  ],
  ['recordVerification', 'technical_support', { passed: true, method: 'function test', result: 'ok' }],
];

// 004: quality confirms validity and diagnoses, technical support plans, the quality manager approves
const major = { facts: { majorComplaint: true } };
const p004Valid = (facts = {}): Step[] => [
  ['classify', 'sales', { type: 'quality_in_warranty', facts }],
  ['checkValidity', 'quality_manager', contacted],
];
const p004Plan: Step[] = [
  ['submitDiagnosis', 'quality_manager', SAMPLE_DIAGNOSIS],
  ['proposePlan', 'technical_support', SAMPLE_PLAN],
  ['approvePlan', 'quality_manager', { approved: true }],
];

export const p004ToSurvey: Step[] = [
  ...p004Valid(),
  ...p004Plan,
  accepted,
  ['recordProcessing', 'repair', { steps: ['replaced the unit'] }],
  ['recordVerification', 'quality_manager', { passed: true, method: 'retest', result: 'ok' }],
];

export const CLOCK_PATHS: Record<string, Record<string, ClockPath>> = {
  'industrial-fault': {
    acknowledge: 'registration',
    notify_owners: 'registration',
    first_contact: { toStart: [], meet: p000.validity },
    arrival: {
      toStart: [...p000.validity, p000.urgent],
      // 000 records no separate arrival (no on-site dispatch stage): the repair recorded on site meets it
      meet: [...p000.plan, accepted, p000.done[0]!],
    },
    restore: { toStart: [...p000.validity, p000.urgent], meet: [...p000.plan, accepted, p000.done[0]!] },
    revision: {
      toStart: [...p000.validity, p000.diagnosis, ...p000.plan, objected],
      meet: [['proposePlan', 'technical_support', { ...SAMPLE_PLAN, summary: 'replace the drive today' }]],
    },
    callback: { toStart: p000ToSurvey, meet: [['recordSurvey', 'customer_service', { level: 'very_satisfied' }]] },
    follow_up: {
      toStart: [...p000ToSurvey, ['recordSurvey', 'customer_service', { level: 'neutral', reason: 'slow' }]],
      meet: [followedUp],
    },
  },
  'quality-improvement': {
    acknowledge: 'registration',
    response: { toStart: [], meet: p001ToPlan.slice(0, 2) },
    revision: { toStart: [...p001ToPlan, objected001], meet: [revised] },
    result_feedback: { toStart: p001Executed, meet: p001Verified.slice(-1) },
    effectiveness_check: { toStart: p001Executed, meet: p001Verified.slice(-1) },
    callback: { toStart: p001Verified, meet: [['recordSurvey', 'customer_service', { level: 'satisfied' }]] },
    follow_up: {
      toStart: [...p001Verified, ['recordSurvey', 'customer_service', { level: 'satisfied' }]],
      meet: [followedUp],
    },
  },
  'engine-plant': {
    acknowledge: 'registration',
    investigation: { toStart: p002ToPlan.slice(0, 1), meet: p002ToPlan.slice(1, 2) },
    preliminary_solution: { toStart: [], meet: p002ToPlan },
    revision: { toStart: [...p002ToPlan, objected], meet: [revised] },
    escalated_resolution: {
      toStart: [...p002ToPlan, objected, revised, objected],
      meet: [['arbitrate', 'sales', { decision: 'uphold_plan', note: 'the plan stands' }]],
    },
    callback: { toStart: p002Executed, meet: [['recordSurvey', 'customer_service', { level: 'satisfied' }]] },
    follow_up: {
      toStart: [...p002Executed, ['recordSurvey', 'customer_service', { level: 'dissatisfied', reason: 'slow' }]],
      meet: [followedUp],
    },
  },
  'after-sales': {
    acknowledge: 'registration',
    dispatch: { toStart: p003Dispatch, meet: [p003Engineer] },
    arrival: { toStart: p003Dispatch, meet: p003ToSurvey.slice(1, 3) },
    callback: {
      toStart: p003ToSurvey,
      meet: [
        ['recordSurvey', 'department_head', { score: 9, aspects: { attitude: 9, punctuality: 6, resolution: 9 } }],
      ],
    },
    follow_up: {
      toStart: [
        ...p003ToSurvey,
        [
          'recordSurvey',
          'department_head',
          { score: 6, reason: 'engineer was late', aspects: { attitude: 9, punctuality: 6, resolution: 9 } },
        ],
      ],
      meet: [followedUp003],
    },
  },
  'cr-mp25': {
    acknowledge: 'registration',
    finding_to_sales: { input: major, toStart: [], meet: [...p004Valid(major.facts), p004Plan[0]!] },
    plan_to_sales: { input: major, toStart: [], meet: [...p004Valid(major.facts), ...p004Plan.slice(0, 2)] },
    answer_8d_or_ca: { toStart: [], meet: [...p004Valid(), ...p004Plan] },
    preliminary_report: {
      input: major,
      toStart: [
        ...p004Valid(major.facts),
        ['submitDiagnosis', 'quality_manager', { ...SAMPLE_DIAGNOSIS, rootCauseFound: false }],
      ],
      meet: [
        ['sendPreliminaryReport', 'quality_manager', { findings: 'intermittent contact; cause not yet confirmed' }],
      ],
    },
    answer: { toStart: [], meet: [...p004Valid(), ...p004Plan] },
    revision: {
      toStart: [...p004Valid(), ...p004Plan, objected],
      meet: [['proposePlan', 'technical_support', { ...SAMPLE_PLAN, summary: 'replace the lot' }]],
    },
    callback: { toStart: p004ToSurvey, meet: [['recordSurvey', 'sales', { level: 'satisfied' }]] },
  },
};

/** The title of a clock's test in test/workflows/every-clock.test.ts: the rule's section and words. */
export const clockTestTitle = (rule: Pick<ClockRule, 'section' | 'rule'>): string => `${rule.section}: ${rule.rule}`;

/** Every title test/workflows/every-clock.test.ts generates (the conformance check reads them here). */
export const everyClockTitles = (): string[] =>
  BUILT_IN_PROFILES.flatMap((p) => (p.clockRules ?? []).map(clockTestTitle));

/** Each procedure walked from classification to its last step (the HTTP role walk takes these actions and payloads). */
export const PROCEDURE_WALKS: Record<string, Step[]> = {
  'industrial-fault': [
    ...p000ToSurvey,
    ['recordSurvey', 'customer_service', { level: 'neutral', reason: 'slow' }],
    followedUp,
  ],
  'quality-improvement': [...p001Verified, ['recordSurvey', 'customer_service', { level: 'satisfied' }], followedUp],
  'engine-plant': [
    ...p002Executed,
    ['recordSurvey', 'customer_service', { level: 'dissatisfied', reason: 'slow' }],
    followedUp,
  ],
  'after-sales': [
    ...p003ToSurvey,
    [
      'recordSurvey',
      'department_head',
      { score: 6, reason: 'engineer was late', aspects: { attitude: 9, punctuality: 6, resolution: 9 } },
    ],
    followedUp003,
  ],
  'cr-mp25': [...p004ToSurvey, ['recordSurvey', 'sales', { level: 'satisfied' }]],
};
