import { P002_PERMISSIONS } from './p002-permissions';
import { hours } from '../duration';
import type { ProfileInput } from '../profile-schema';
import { P002_CLOCKS } from './p002-clocks';
import { urgentRecall } from './recall-settings';
import { onDecision } from './corrective-action-forms';
import { chinaMainlandCalendar } from './china-calendar';

/** Seed 002: engine plant customer complaint regulation. */
export const enginePlantProfile: ProfileInput = {
  id: 'engine-plant',
  version: 7,
  name: { 'zh-CN': '发动机厂客户投诉处理办法', en: 'Engine plant customer complaint regulation' },
  source: 'seed 002 (发动机厂客户投诉处理办法), chapters 1–7',
  calendar: chinaMainlandCalendar,
  // Ch. 3.1 register → 3.2 classify and pass to the department → 3.3 investigate (3 days) → 3.4 plan, the
  // customer confirms, then it is carried out; ch. 4 escalation to sales; ch. 5 callback within 3 days and
  // satisfaction (a dissatisfied customer is followed up: ours); ch. 6 records. No validity check, approval,
  // payment or verification stage.
  stagePath: [
    'registered',
    'triage',
    'investigation',
    'planning',
    'customer_decision',
    'escalated',
    'execution',
    'satisfaction',
    'follow_up',
    'closed',
    'archived',
  ],
  complaintTypes: [
    {
      id: 'product_quality',
      label: { 'zh-CN': '产品质量投诉', en: 'product quality' },
      department: 'quality_inspection',
      ownerRole: 'quality_manager',
      assistDepartments: ['engineering'],
    },
    {
      id: 'delivery',
      label: { 'zh-CN': '交付投诉', en: 'delivery' },
      department: 'logistics',
      ownerRole: 'department_head',
      assistDepartments: ['sales'],
    },
    {
      id: 'service',
      label: { 'zh-CN': '服务投诉', en: 'service' },
      department: 'technical_support',
      ownerRole: 'technical_support',
      assistDepartments: ['customer_service'],
    },
  ],
  crossDepartment: { department: 'task_force', leadRole: 'sales' },
  severities: [
    { id: 'general', rank: 1, label: { 'zh-CN': '一般', en: 'general' } },
    { id: 'major', rank: 2, label: { 'zh-CN': '重大', en: 'major' } },
    { id: 'safety_critical', rank: 3, label: { 'zh-CN': '严重安全问题', en: 'severe safety issue' } },
  ],
  defaultSeverity: 'general',
  severityRules: [
    { kind: 'safety_hazard', severity: 'safety_critical' },
    { kind: 'major_complaint', severity: 'major' },
  ],
  // every time limit in the seed's words, with its section: p002-clocks.ts
  // who does what, in the seed's words: p002-permissions.ts
  permissions: P002_PERMISSIONS,
  clockRules: P002_CLOCKS,
  // issue 24: a plan that takes none of these says why, and the approver reads it
  remedyDeparture: 'explained',
  remedies: [
    { severity: 'safety_critical', actions: ['immediate recall', 'notify every affected customer'] },
    { severity: 'major', actions: ['emergency team', 'temporary plan within 24 hours'] },
    { actions: ['repair or replace per the compensation standard'] },
  ],
  objection: { roundsBeforeEscalation: 1, escalateTo: 'sales', arbitration: 'sales' },
  clocks: {
    warningFraction: 0.75,
    // §4.1: a department that misses its deadline is reported to sales first, which coordinates (its head is
    // told with it); management last (ours).
    escalation: [
      { notify: ['sales', 'department_head'], after: hours(0) },
      { notify: ['quality_manager'], after: hours(24) },
      { notify: ['general_manager'], after: hours(48) },
    ],
    // Ch. 4.2: major complaint → emergency team, temporary plan within 24 h; safety → management at once.
    emergency: {
      severities: ['major', 'safety_critical'],
      notify: ['quality_inspection', 'engineering', 'sales', 'general_manager'],
      temporaryPlan: hours(24),
    },
  },
  // Seed 002 ch. 7.2: late handling — first time a warning, the second a penalty (performance deduction);
  // counted per department and month, every further one a penalty too.
  performance: {
    breaches: { kind: 'warning_then_penalty', warningsPerMonth: 1 },
    // §7.1: the customer's praise rewards the handlers; §7.2: an escalated complaint costs the department's head
    // the award (ours: counted once per complaint, and no best team that month)
    praise: true,
    escalationBlame: true,
  },
  satisfaction: {
    kind: 'levels',
    levels: [
      { id: 'satisfied', label: { 'zh-CN': '满意', en: 'satisfied' } },
      { id: 'neutral', label: { 'zh-CN': '一般', en: 'neutral' } },
      { id: 'dissatisfied', label: { 'zh-CN': '不满意', en: 'dissatisfied' } },
    ],
    satisfied: ['satisfied'],
  },
  correctiveAction: onDecision(
    '8d',
    "seed 002 §4, §5.3: corrective action (8D) on the quality manager's decision",
    'technical_support',
  ),
  recall: urgentRecall(
    'seed 002 §4.2, example 4.4: a severe safety issue → immediate recall and customer notification',
    { on: 'severity', severities: ['safety_critical'] },
  ),
  closeWhen: 'customer_satisfied',
  retentionYears: 2,
  notifications: {
    // 5.3: sales summarises the complaint data and its trends regularly: the monthly statistics go to sales
    onMonthlyReport: ['sales'],
    onRegistration: ['customer_service'],
    copyOnRegistration: [],
  },
};
