/**
 * One complaint per built-in profile, driven from registration to archive through the HTTP API on the
 * real stack: Temporal dev server, PostgreSQL, SMTP.
 */
import { MATRIX_REMEDIES } from '../support/workflow-input';
import request from 'supertest';
import type { ActionName } from '../../domain/complaint/actions';
import { complaintWorkflowId, searchAttributes } from '../../domain/complaint-contract';
import type { Role } from '../../domain/roles';
import {
  correctiveActionsSettled,
  eventually,
  readComplaint,
  registrationBody,
  startHarness,
  takeAction,
  type Harness,
} from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

type Step = [ActionName, Role, Record<string, unknown>];

interface Expectation {
  severity: string;
  type: string;
  department: string;
  stages: string[];
  forms: string[];
  customerEvents: number;
  registrationRecipients: string[];
  /** Corrective actions the profile opens by itself on this path (004 at diagnosis, 001 with the plan). */
  correctiveActions?: number;
}

const diagnosis = {
  cause: 'manufacturing',
  // 004 §5.7 c): the defect from its list (the other procedures take it as staff name it)
  defectCode: 'component_failure',
  analysis: { method: 'six_m', material: 'capacitor lot out of spec', machine: 'reflow oven drift' },
  evidence: {
    returnedProductInspection: 'bulging capacitor C12',
    batchTrace: 'lot L-77, line 3',
    factoryTestReport: 'FT-2611: all tests passed at shipment',
  },
  findings: 'capacitor lot out of specification',
};
const plan = {
  summary: 'replace the unit and tighten incoming inspection',
  customerRemedy: MATRIX_REMEDIES,
  correctiveActions: ['raise sampling of capacitor lots'],
};
const processing = {
  steps: ['replaced unit', 'ran acceptance test'],
  replacedParts: [{ part: 'controller', oldSerial: 'C-100', newSerial: 'C-200', reason: 'burnt output stage' }],
  media: [
    { kind: 'photo', ref: 'media/before.jpg', stage: 'before' },
    { kind: 'photo', ref: 'media/after.jpg', stage: 'after' },
  ],
};
const verification = { passed: true, method: '2 h continuous run', result: 'no fault' };

async function drive(
  profileId: string,
  language: 'zh-CN' | 'en',
  extra: Record<string, unknown>,
  steps: Step[],
  expected: Expectation,
) {
  const body = registrationBody({ profileId, ...extra });
  const email = `${profileId}-${Date.now()}@customer.example`;
  body.customer = { ...body.customer, email, language };
  const created = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(body)
    .expect(201);
  const number: string = created.body.number;
  expect(created.body.profile.id).toBe(profileId);
  await readComplaint(h, number, (live) => live.stage === 'triage');

  for (const [action, role, payload] of steps) await takeAction(h, number, action, role, payload);
  const result = await h.temporal.workflow.getHandle(complaintWorkflowId(number)).result();
  expect(result.finalStage).toBe('archived');
  expect(await correctiveActionsSettled(h, number)).toBe(expected.correctiveActions ?? 0);

  const records = (
    await request(h.app)
      .get(`/api/v1/complaints/${number}/records`)
      .set('Authorization', h.as('quality_manager'))
      .expect(200)
  ).body;
  expect(records.audit.map((a: { stageAfter: string }) => a.stageAfter)).toEqual(expected.stages);
  // the registration is the registering member of staff's, then every step the walk took
  expect(
    records.audit
      .filter((a: { actor: { id: string } }) => a.actor.id !== 'system')
      .map((a: { action: string }) => a.action),
  ).toEqual(['register', ...steps.map((s) => s[0])]);
  // forms of one action come in kind order (closure before the survey that caused it)
  expect(records.forms.map((f: { kind: string }) => f.kind)).toEqual(expected.forms);

  const detail = (
    await request(h.app).get(`/api/v1/complaints/${number}`).set('Authorization', h.as('sales')).expect(200)
  ).body;
  expect(detail).toMatchObject({
    stage: 'archived',
    severity: expected.severity,
    type: expected.type,
    department: expected.department,
  });
  expect(detail.closedAt).not.toBeNull();
  const archive = await h.prisma.archiveRecord.findUniqueOrThrow({ where: { complaintNumber: number } });
  expect(archive.retainUntil.getUTCFullYear() - archive.closedAt.getUTCFullYear()).toBeGreaterThanOrEqual(2);

  const described = await h.temporal.workflow.getHandle(complaintWorkflowId(number)).describe();
  const sa = described.typedSearchAttributes;
  expect([
    sa.get(searchAttributes.stage),
    sa.get(searchAttributes.severity),
    sa.get(searchAttributes.type),
    sa.get(searchAttributes.department),
    sa.get(searchAttributes.profile),
  ]).toEqual(['archived', expected.severity, expected.type, expected.department, profileId]);

  const outbox = await h.prisma.outboxEmail.findMany({ where: { complaintNumber: number } });
  const mails = await eventually(async () => {
    const all = h.catcher.messages.filter((m) => m.subject.includes(number));
    return all.length >= outbox.length ? all : undefined;
  });
  expect(mails).toHaveLength(outbox.length);
  expect(new Set(mails.map((m) => m.messageId)).size).toBe(mails.length);
  const toCustomer = mails.filter((m) => m.to.includes(email));
  expect(toCustomer).toHaveLength(expected.customerEvents);
  for (const mail of toCustomer) {
    expect(mail.html).toContain(`lang="${language}"`);
    if (language === 'zh-CN') expect(mail.subject).toMatch(/投诉/);
    else expect(mail.subject).toMatch(/[Cc]omplaint/);
  }
  const registrationCopies = outbox
    .filter((o) => o.event === 'registered')
    .map((o) => o.recipient)
    .sort();
  expect(registrationCopies).toEqual(expected.registrationRecipients.map((r) => `${r}@example.com`).sort());
  return { number, mails, records };
}

const FORMS_HAPPY = ['classification', 'verification', 'diagnosis', 'plan', 'approval', 'customer_decision'];

test('000 industrial fault handbook: urgent fault found by diagnosis, progress report, joint verification, 4-level survey', async () => {
  const { records } = await drive(
    'industrial-fault',
    'zh-CN',
    {},
    [
      ['classify', 'customer_service', { type: 'product_fault' }],
      ['checkValidity', 'sales', { valid: true, reason: 'original part, correct use', customerContacted: true }],
      ['submitDiagnosis', 'technical_support', { ...diagnosis, severity: 'urgent' }],
      ['proposePlan', 'technical_support', plan],
      ['approvePlan', 'quality_manager', { approved: true }],
      ['recordCustomerDecision', 'sales', { accepted: true, confirmationRef: 'signed scan 2026-11-22' }],
      ['recordProgress', 'customer_service', { note: 'part replaced, commissioning tomorrow' }],
      ['recordProcessing', 'repair', processing],
      ['recordVerification', 'technical_support', verification],
      ['recordSurvey', 'customer_service', { level: 'very_satisfied' }],
    ],
    {
      severity: 'urgent',
      type: 'product_fault',
      department: 'technical_support',
      stages: [
        'triage',
        'validity_check',
        'investigation',
        'planning',
        'approval',
        'customer_decision',
        'execution',
        'execution',
        'verification',
        'satisfaction',
        'closed',
        'archived',
      ],
      // urgent: the emergency response ran beside it and reported at archive
      forms: [...FORMS_HAPPY, 'progress', 'processing', 'result_verification', 'closure', 'survey', 'emergency'],
      customerEvents: 7,
      registrationRecipients: ['sales', 'technical-support'],
    },
  );
  const processed = records.forms.find((f: { kind: string }) => f.kind === 'processing');
  expect(processed.data.replacedParts[0]).toEqual({
    part: 'controller',
    oldSerial: 'C-100',
    newSerial: 'C-200',
    reason: 'burnt output stage',
  });
});

test('001 quality improvement guide: important by rule, no approval step, one objection and a revised plan, 30-day follow-up', async () => {
  await drive(
    'quality-improvement',
    'en',
    { facts: { mainFunctionLost: true } },
    [
      ['classify', 'customer_service', { type: 'product_quality', facts: { mainFunctionLost: true } }],
      [
        'checkValidity',
        'quality_manager',
        { valid: true, reason: 'defect confirmed on returned unit', customerContacted: true },
      ],
      ['submitDiagnosis', 'quality_manager', diagnosis],
      ['proposePlan', 'quality_manager', plan],
      ['recordCustomerDecision', 'customer_service', { accepted: false, comment: 'wants a longer warranty' }],
      ['proposePlan', 'quality_manager', { ...plan, customerRemedy: ['free repair', 'warranty extended by 1 year'] }],
      ['recordCustomerDecision', 'customer_service', { accepted: true }],
      ['recordProcessing', 'repair', processing],
      ['recordVerification', 'quality_manager', verification],
      ['recordSurvey', 'customer_service', { level: 'satisfied' }],
      ['recordFollowUp', 'customer_service', { resolved: true, note: '30-day call: working fine' }],
    ],
    {
      severity: 'important',
      type: 'product_quality',
      department: 'quality',
      stages: [
        'triage',
        'validity_check',
        'investigation',
        'planning',
        'customer_decision',
        'planning',
        'customer_decision',
        'execution',
        'verification',
        'satisfaction',
        'follow_up',
        'closed',
        'archived',
      ],
      forms: [
        'classification',
        'verification',
        'diagnosis',
        'corrective_action',
        'plan',
        'customer_decision',
        'plan',
        'customer_decision',
        'processing',
        'result_verification',
        'survey',
        'closure',
        'follow_up',
      ],
      customerEvents: 7,
      registrationRecipients: ['quality-manager'],
      correctiveActions: 1,
    },
  );
});

test('002 engine plant regulation: a major delivery complaint handled by logistics, neutral survey followed up', async () => {
  const { mails } = await drive(
    'engine-plant',
    'zh-CN',
    { channel: 'email' },
    [
      ['classify', 'customer_service', { type: 'delivery', facts: { majorComplaint: true } }],
      // §2.2: logistics owns a delivery complaint: its head records the investigation and the plan
      ['submitDiagnosis', 'department_head', { ...diagnosis, cause: 'external', technical: false }],
      [
        'proposePlan',
        'department_head',
        {
          summary: 'expedite and compensate freight',
          customerRemedy: ['express re-delivery', 'freight refund'],
          remedyDeviation: 'a late delivery: nothing to repair or replace, the goods are sent again at our cost',
        },
      ],
      ['recordCustomerDecision', 'sales', { accepted: true }],
      ['recordProcessing', 'repair', { steps: ['re-delivered by express'] }],
      ['recordSurvey', 'customer_service', { level: 'neutral', reason: 'too slow to react' }],
      ['recordFollowUp', 'customer_service', { resolved: true, note: 'apology visit by sales' }],
    ],
    {
      severity: 'major',
      type: 'delivery',
      department: 'logistics',
      // 002 has no validity check, approval or verification stage (ch. 3)
      stages: [
        'triage',
        'investigation',
        'planning',
        'customer_decision',
        'execution',
        'satisfaction',
        'follow_up',
        'closed',
        'archived',
      ],
      forms: [
        'classification',
        'diagnosis',
        'plan',
        'customer_decision',
        'processing',
        'survey',
        'closure',
        'follow_up',
        'emergency',
      ],
      customerEvents: 6,
      registrationRecipients: ['customer-service'],
    },
  );
  // the owner of a delivery complaint is the logistics department head: one follow-up request, not two
  expect(mails.filter((m) => m.subject.includes('[跟进]')).map((m) => m.to)).toEqual([['department-head@example.com']]);
});

test('003 after-sales SOP: dispatched on site from the request, engineer matched, arrival, parts consent and signed confirmation, score 9 of 10', async () => {
  const { records, mails } = await drive(
    'after-sales',
    'en',
    { customer: { name: 'East Works', email: 'x@example.com', region: 'east' } },
    [
      [
        'classify',
        'customer_service',
        { type: 'fault_repair', faultCategory: 'hardware', facts: { mainFunctionLost: true } },
      ],
      ['dispatchEngineer', 'department_head', {}],
      ['recordArrival', 'repair', { note: 'on site, customer present' }],
      [
        'recordProcessing',
        'repair',
        {
          ...processing,
          partsConsent: { parts: ['controller'], cost: 0, warranty: '12 months' },
          serviceConfirmationSigned: true,
        },
      ],
      ['recordVerification', 'technical_support', verification],
      [
        'recordSurvey',
        'department_head',
        { score: 9, comments: 'punctual and polite', aspects: { attitude: 10, punctuality: 9, resolution: 9 } },
      ],
    ],
    {
      severity: 'important',
      type: 'fault_repair',
      department: 'after_sales',
      stages: ['triage', 'dispatch', 'execution', 'execution', 'verification', 'satisfaction', 'closed', 'archived'],
      forms: ['classification', 'dispatch', 'arrival', 'processing', 'result_verification', 'closure', 'survey'],
      customerEvents: 5,
      registrationRecipients: ['department-head'],
    },
  );
  // §2.4.1: the callback's result, with its three aspects, reaches the service team leader (a good one too)
  const result = mails.filter((m) => m.to.includes('service-team@example.com'));
  expect(result.map((m) => m.subject)).toEqual([expect.stringContaining('[回访结果]')]);
  expect(result[0]!.text).toContain('总体 9/10，服务态度 10，及时性 9，解决效果 9');
  // no engineer was named: the one of the customer's region qualified for the model was dispatched
  const dispatchForm = records.forms.find((f: { kind: string }) => f.kind === 'dispatch');
  expect(dispatchForm.data.engineer).toEqual({
    name: 'Engineer East',
    region: 'east',
    qualification: 'HX-300 servo drive',
  });
});

test('004 CR-MP25: a major in-warranty complaint with containment, ≥ 20 pcs rework planned by planning, copies to six managers', async () => {
  const { records, mails } = await drive(
    'cr-mp25',
    'zh-CN',
    { product: { model: 'PSU-48', batchNumber: 'W2611', warrantyStatus: 'in' }, quantityAffected: 25 },
    [
      ['classify', 'sales', { type: 'quality_in_warranty', facts: { majorComplaint: true } }],
      [
        'checkValidity',
        'quality_manager',
        { valid: true, reason: 'defect reproduced on samples', customerContacted: true },
      ],
      ['submitDiagnosis', 'technical_support', diagnosis],
      [
        'proposePlan',
        'quality_manager',
        { ...plan, repairQuantity: 25, correctiveActions: ['8D report QR25-04', 'isolate suspect stock'] },
      ],
      ['approvePlan', 'quality_manager', { approved: true }],
      ['recordCustomerDecision', 'sales', { accepted: true }],
      ['recordProcessing', 'repair', processing],
      [
        'recordVerification',
        'quality_manager',
        { passed: true, method: 'CAPA effectiveness check', result: 'no recurrence in 3 lots' },
      ],
      ['recordSurvey', 'sales', { level: 'satisfied' }],
    ],
    {
      severity: 'major',
      type: 'quality_in_warranty',
      department: 'quality',
      stages: [
        'triage',
        'validity_check',
        'investigation',
        'planning',
        'approval',
        'customer_decision',
        'execution',
        'verification',
        'satisfaction',
        'closed',
        'archived',
      ],
      forms: [
        'classification',
        'verification',
        'corrective_action',
        ...FORMS_HAPPY.slice(2),
        'processing',
        'result_verification',
        'closure',
        'survey',
        'emergency',
      ],
      customerEvents: 6,
      correctiveActions: 1,
      registrationRecipients: [
        'quality-manager',
        'planning',
        'engineering',
        'quality',
        'sales',
        'finance',
        'general-manager',
      ],
    },
  );
  // §5.2 a) 5): our own quality problem: production, warehouse and purchasing told to label and isolate the lot
  const isolate = mails.filter((m) => m.subject.includes('[不合格品]'));
  expect(isolate.flatMap((m) => m.to).sort()).toEqual([
    'production@example.com',
    'purchasing@example.com',
    'warehouse@example.com',
  ]);
  expect(isolate[0]!.subject).toContain('W2611');
  const planForm = records.forms.find((f: { kind: string }) => f.kind === 'plan');
  expect(planForm.data.repairBy).toBe('planning');
  expect(planForm.data.suggestedRemedy).toContain('label and isolate suspect goods');
});
