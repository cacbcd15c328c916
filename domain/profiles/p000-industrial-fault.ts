import { P000_PERMISSIONS } from './p000-permissions';
import { hours, minutes } from '../duration';
import type { ProfileInput } from '../profile-schema';
import { P000_CLOCKS } from './p000-clocks';
import { recallPractice } from './recall-settings';
import { onDecision } from './corrective-action-forms';
import { chinaMainlandCalendar } from './china-calendar';

/** Seed 000: industrial product fault complaint handbook (machines, electrical parts, automation). */
export const industrialFaultProfile: ProfileInput = {
  id: 'industrial-fault',
  version: 7,
  name: { 'zh-CN': '工业产品故障投诉处理手册', en: 'Industrial product fault complaint handbook' },
  source: 'seed 000 (工业产品故障投诉处理手册与流程), sections 一 and 二(一)–(八)',
  calendar: chinaMainlandCalendar,
  // 二(一) register → (二) verify with the customer within 2 h (misuse is a cause found later, not an invalid
  // complaint) → (三) diagnose → (四) plan, approved by quality → (五) written confirmation, objections revised,
  // then quality or third-party arbitration → cost of a customer-caused fault charged → (六) repair, progress
  // every 24 h → (七) 2 h run test, callback in 24 h → (八) close once satisfied (a customer who is not is
  // followed up: ours), 5 years' records.
  stagePath: [
    'registered',
    'triage',
    'validity_check',
    'investigation',
    'planning',
    'approval',
    'customer_decision',
    'escalated',
    'payment',
    'execution',
    'verification',
    'satisfaction',
    'follow_up',
    'closed',
    'archived',
  ],
  complaintTypes: [
    {
      id: 'product_fault',
      label: { 'zh-CN': '产品故障', en: 'product fault' },
      department: 'technical_support',
      ownerRole: 'technical_support',
      assistDepartments: ['sales', 'customer_service', 'repair'],
    },
  ],
  severities: [
    { id: 'general', rank: 1, label: { 'zh-CN': '一般', en: 'general' } },
    { id: 'serious', rank: 2, label: { 'zh-CN': '严重', en: 'serious' } },
    { id: 'urgent', rank: 3, label: { 'zh-CN': '紧急', en: 'urgent' } },
  ],
  defaultSeverity: 'general',
  // The fault level is set by the diagnosis report (二(三)), by the impact on the customer's production.
  severityRules: [],
  // every time limit in the seed's words, with its section: p000-clocks.ts
  // who does what, in the seed's words: p000-permissions.ts
  permissions: P000_PERMISSIONS,
  // the fields of the handbook's forms a step must carry
  requiredFields: [
    { field: 'submitDiagnosis.evidence.factoryTestReport', section: '000 二(三) (表2)' },
    { field: 'recordProcessing.replacedParts[].reason', section: '000 二(六) (表4)' },
  ],
  clockRules: P000_CLOCKS,
  // issue 24: a plan that takes none of these says why, and the approver reads it
  remedyDeparture: 'explained',
  // 二(四): a fault the customer caused is charged (the repair cost), in warranty or not
  chargeWhateverWarranty: true,
  // 二(二): a cross-region product is checked on site by the local technical staff the sales rep brings in
  localCheck: { section: '000 二(二)' },
  remedies: [
    { severity: 'general', actions: ['free repair or replacement of the faulty part', 'operating guidance'] },
    { severity: 'serious', actions: ['replace with the same model or upgrade', 'company pays freight both ways'] },
    { severity: 'urgent', actions: ['engineer on site within 4 hours', 'running again within 24 hours'] },
    { cause: 'misuse', actions: ['charge the repair cost', 'operator training'] },
  ],
  approvals: { plan: ['quality_manager'] },
  // "adjust and re-present until agreement; otherwise quality manager or third-party arbitration":
  // two revision rounds before escalation is our reading.
  objection: { roundsBeforeEscalation: 2, escalateTo: 'quality_manager', arbitration: 'third_party' },
  progressUpdateEvery: hours(24),
  clocks: {
    warningFraction: 0.75,
    // The handbook names the chain: owner, sales coordinating, quality manager; the GM last is ours.
    escalation: [
      { notify: ['technical_support'], after: minutes(0) },
      { notify: ['sales'], after: hours(1) },
      { notify: ['quality_manager'], after: hours(2) },
      { notify: ['general_manager'], after: hours(4) },
    ],
    emergency: {
      severities: ['urgent'],
      notify: ['technical_support', 'repair', 'quality_manager', 'general_manager'],
      temporaryPlan: hours(4),
    },
  },
  // Seed 000 names no sanction for late handling: each missed deadline is recorded as a warning, so the
  // monthly report counts it without penalties.
  performance: { breaches: { kind: 'warning_only' } },
  satisfaction: {
    kind: 'levels',
    levels: [
      { id: 'very_satisfied', label: { 'zh-CN': '非常满意', en: 'very satisfied' } },
      { id: 'satisfied', label: { 'zh-CN': '满意', en: 'satisfied' } },
      { id: 'neutral', label: { 'zh-CN': '一般', en: 'neutral' } },
      { id: 'dissatisfied', label: { 'zh-CN': '不满意', en: 'dissatisfied' } },
    ],
    satisfied: ['very_satisfied', 'satisfied'],
  },
  correctiveAction: onDecision(
    'capa',
    "seed 000 §(4) quality approval, §(8) monthly analysis: corrective action on the quality manager's decision",
    'technical_support',
  ),
  recall: recallPractice('seed 000: no recall in the procedure; one started through the API follows practice', {
    on: 'none',
  }),
  closeWhen: 'customer_satisfied',
  retentionYears: 5,
  notifications: {
    onRegistration: ['sales', 'technical_support'],
    copyOnRegistration: [],
    // 二(三): the diagnosis report goes to the sales rep, customer service and the quality manager;
    // 二(四): the approved plan goes back to the sales rep
    onDiagnosis: ['sales', 'customer_service', 'quality_manager'],
    onPlanApproved: ['sales'],
  },
};
