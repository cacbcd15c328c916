import { P001_PERMISSIONS } from './p001-permissions';
import { days, hours, minutes } from '../duration';
import type { ProfileInput } from '../profile-schema';
import { P001_CLOCKS } from './p001-clocks';
import { recallPractice } from './recall-settings';
import { QUALITY_IMPROVEMENT_CORRECTIVE_ACTION } from './corrective-action-forms';
import { chinaMainlandCalendar, satisfiedOrNot } from './china-calendar';

/** Seed 001: product quality complaint handling and improvement guide. */
export const qualityImprovementProfile: ProfileInput = {
  id: 'quality-improvement',
  version: 6,
  name: { 'zh-CN': '产品质量投诉处理与改善指南', en: 'Product quality complaint handling and improvement guide' },
  source: 'seed 001 (产品质量投诉处理与改善指南), section 二(一)–(六)',
  calendar: chinaMainlandCalendar,
  // 二(一) register and check vague facts with the customer (24 h contact) → (二) grade and assign → (三)
  // investigate → (四) root cause, customer plan and internal improvement (no approval step) → (五) the customer
  // is told; an objection goes to the department head → execution, result fed back in 1 working day → (六)
  // improvement verified within a week, 30-day callback → case library.
  stagePath: [
    'registered',
    'triage',
    'validity_check',
    'investigation',
    'planning',
    'customer_decision',
    'escalated',
    'execution',
    'verification',
    'satisfaction',
    'follow_up',
    'closed',
    'archived',
  ],
  complaintTypes: [
    {
      id: 'product_quality',
      label: { 'zh-CN': '产品质量', en: 'product quality' },
      department: 'quality',
      ownerRole: 'quality_manager',
      assistDepartments: ['customer_service'],
    },
  ],
  severities: [
    { id: 'general', rank: 1, label: { 'zh-CN': '一般级', en: 'general' } },
    { id: 'important', rank: 2, label: { 'zh-CN': '重要级', en: 'important' } },
    { id: 'urgent', rank: 3, label: { 'zh-CN': '紧急级', en: 'urgent' } },
  ],
  defaultSeverity: 'general',
  severityRules: [
    { kind: 'safety_hazard', severity: 'urgent' },
    // "同一批次10台以上故障"; the seed gives no window, 30 days is ours.
    { kind: 'batch_defect', severity: 'urgent', threshold: 10, windowDays: 30 },
    { kind: 'regulator_or_media_threat', severity: 'urgent' },
    { kind: 'main_function_lost', severity: 'important' },
    { kind: 'item_value_above', severity: 'important', threshold: 10_000 },
    { kind: 'cosmetic_or_minor', severity: 'general' },
  ],
  ownersBySeverity: { urgent: ['quality_manager', 'customer_service'] },
  // every time limit in the seed's words, with its section: p001-clocks.ts
  // who does what, in the seed's words: p001-permissions.ts
  permissions: P001_PERMISSIONS,
  clockRules: P001_CLOCKS,
  // issue 24: a plan that takes none of these says why, and the approver reads it
  remedyDeparture: 'explained',
  remedies: [
    { severity: 'urgent', actions: ['free replacement', 'compensation 500', 'gift'] },
    { severity: 'important', actions: ['free repair', 'warranty extended by 1 year'] },
    { severity: 'general', actions: ['voucher: 10 % off the next purchase', 'cosmetic repair instructions'] },
  ],
  objection: { roundsBeforeEscalation: 1, escalateTo: 'department_head', arbitration: 'department_head' },
  clocks: {
    warningFraction: 0.75,
    escalation: [
      { notify: ['quality_manager'], after: minutes(0) },
      { notify: ['department_head'], after: hours(2) },
      { notify: ['general_manager'], after: hours(8) },
    ],
    // 紧急级 starts the emergency response within 2 hours.
    emergency: {
      severities: ['urgent'],
      notify: ['quality_manager', 'customer_service', 'general_manager'],
      temporaryPlan: hours(24),
    },
  },
  // Seed 001 names no sanction for late handling (its monthly quality meeting reviews cases): each missed
  // deadline is recorded as a warning, without penalties.
  performance: { breaches: { kind: 'warning_only' } },
  satisfaction: satisfiedOrNot,
  followUpCall: days(30),
  correctiveAction: QUALITY_IMPROVEMENT_CORRECTIVE_ACTION,
  recall: recallPractice('seed 001: batch defects (≥ 10 units of one batch) — the quality manager decides a recall', {
    on: 'decision',
  }),
  closeWhen: 'customer_satisfied',
  // The seed keeps a case library without a period; 3 years is ours.
  retentionYears: 3,
  notifications: { onRegistration: ['quality_manager'], copyOnRegistration: [] },
};
