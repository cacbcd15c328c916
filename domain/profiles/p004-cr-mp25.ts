import { P004_PERMISSIONS } from './p004-permissions';
import { days, hours } from '../duration';
import type { ProfileInput } from '../profile-schema';
import { P004_CLOCKS } from './p004-clocks';
import { recallPractice } from './recall-settings';
import { CR_MP25_CORRECTIVE_ACTION } from './corrective-action-forms';
import { chinaMainlandCalendar, satisfiedOrNot } from './china-calendar';

/** Seed 004: CR-MP25 customer complaint procedure (ISO 9001 company). */
export const crMp25Profile: ProfileInput = {
  id: 'cr-mp25',
  version: 7,
  name: { 'zh-CN': 'CR-MP25 客户投诉处理程序', en: 'CR-MP25 customer complaint procedure' },
  source: 'seed 004 (CR-MP25 客户投诉处理程序 A1), section 5',
  calendar: chinaMainlandCalendar,
  // 5.1 record, on-site or not → 5.2 a) quality engineer's first check; b) not our fault: the customer is told
  // and it closes unless they complain again → c)/d) cause and corrective action → 5.4 out of warranty: repair
  // assessed, negotiated (no arbitration: renegotiated), charged; company-paid needs the GM → repair → 5.3 a)
  // result verified; b) a customer still not satisfied is a new complaint (no follow-up stage).
  stagePath: [
    'registered',
    'triage',
    'validity_check',
    'invalid_notice',
    'investigation',
    'planning',
    'approval',
    'customer_decision',
    'payment',
    'execution',
    'verification',
    'satisfaction',
    'closed',
    'archived',
  ],
  complaintTypes: [
    {
      id: 'quality_in_warranty',
      label: { 'zh-CN': '保修期内品质客诉', en: 'quality complaint in warranty' },
      department: 'quality',
      ownerRole: 'quality_manager',
      assistDepartments: ['engineering', 'rnd'],
    },
    {
      id: 'repair_out_of_warranty',
      label: { 'zh-CN': '保修期外退货维修', en: 'out-of-warranty return or repair' },
      department: 'sales',
      ownerRole: 'sales',
      assistDepartments: ['engineering'],
    },
    {
      id: 'technical_support',
      label: { 'zh-CN': '技术支持或现场维护', en: 'technical support or on-site service' },
      department: 'rnd',
      ownerRole: 'technical_support',
      assistDepartments: ['sales'],
    },
  ],
  severities: [
    { id: 'general', rank: 1, label: { 'zh-CN': '一般', en: 'general' } },
    { id: 'major', rank: 2, label: { 'zh-CN': '重大', en: 'major' } },
  ],
  defaultSeverity: 'general',
  severityRules: [{ kind: 'major_complaint', severity: 'major' }],
  // every time limit in the seed's words, with its section: p004-clocks.ts
  // who does what, in the seed's words: p004-permissions.ts
  permissions: P004_PERMISSIONS,
  clockRules: P004_CLOCKS,
  // issue 24: a plan that takes none of these says why, and the approver reads it
  remedyDeparture: 'explained',
  remedies: [
    {
      warranty: 'in',
      actions: [
        'recall or replace',
        'make up short quantities or parts',
        'correct the documents',
        'sort or rework stock and WIP',
        'label and isolate suspect goods',
      ],
    },
    {
      warranty: 'out',
      actions: ['repair or upgrade assessed and quoted', 'self-test the repaired unit and ship it back'],
    },
  ],
  approvals: { plan: ['quality_manager'], companyPaidOutOfWarranty: 'general_manager' },
  // 5.2 b): closed unless the customer complains again; the procedure sets no window, 7 days is ours.
  invalidComplaint: { objectionWindow: days(7) },
  // §5.5 d): after on-site technical support the customer signs the R&D engineer's record, satisfied or not
  serviceRecord: {
    form: { 'zh-CN': '技术支持记录表 QR25-03', en: 'technical-support record QR25-03' },
    asksSatisfaction: true,
    section: '004 §5.5 d)',
  },
  // §5.4 c): the repaired unit is charged the agreed fee and shipped back: payment holds back the return, not the repair
  paymentBefore: 'return',
  repairRouting: { threshold: 20, below: 'engineering', atOrAbove: 'planning' },
  clocks: {
    warningFraction: 0.75,
    escalation: [
      { notify: ['quality_manager'], after: hours(0) },
      { notify: ['sales'], after: hours(4) },
      { notify: ['general_manager'], after: hours(24) },
    ],
    // 5.6: a major complaint needs a preliminary finding within 4 h and a plan or result within 8 h.
    emergency: {
      severities: ['major'],
      notify: ['quality', 'engineering', 'general_manager'],
      temporaryPlan: hours(8),
    },
  },
  // CR-MP25 §5.7 d) hands the monthly statistics to administration for its performance assessment but names
  // no sanction of its own: each missed deadline is recorded as a warning for that assessment.
  performance: { breaches: { kind: 'warning_only' } },
  satisfaction: satisfiedOrNot,
  correctiveAction: CR_MP25_CORRECTIVE_ACTION,
  recall: recallPractice(
    "seed 004 §5.2 a) 1) and 5): recall or replace, label and isolate suspect goods — on the quality manager's decision",
    { on: 'decision' },
  ),
  closeWhen: 'customer_satisfied',
  // Records are kept under the record control procedure without a period here; 3 years is ours.
  retentionYears: 3,
  notifications: {
    onRegistration: ['quality_manager'],
    copyOnRegistration: ['planning', 'engineering', 'quality', 'sales', 'finance', 'general_manager'],
    // §5.6 a): the preliminary finding and the plan reach sales/commerce (their clocks are met by these emails)
    onDiagnosis: ['sales'],
    onPlanProposed: ['sales'],
    // §5.2 a) 5): production, warehouse and purchasing label and isolate the lot of our own quality problem
    onNonconformity: ['production', 'warehouse', 'purchasing'],
    // §5.7 d): the month's statistics go to administration for the performance assessment and the monthly meeting
    onMonthlyReport: ['administration'],
  },
  // §5.7 c): the top three are counted by defect cause; the seed names no list, these codes are ours
  defectCodes: {
    section: '004 §5.7 c)',
    codes: [
      { id: 'solder_joint', label: { 'zh-CN': '焊接不良', en: 'solder joint' } },
      { id: 'component_failure', label: { 'zh-CN': '元器件失效', en: 'component failure' } },
      { id: 'assembly', label: { 'zh-CN': '装配不良', en: 'assembly defect' } },
      { id: 'firmware', label: { 'zh-CN': '软件/固件缺陷', en: 'software or firmware defect' } },
      { id: 'design_margin', label: { 'zh-CN': '设计余量不足', en: 'insufficient design margin' } },
      { id: 'incoming_material', label: { 'zh-CN': '来料不良', en: 'incoming material defect' } },
      { id: 'packaging_transport', label: { 'zh-CN': '包装运输损坏', en: 'packaging or transport damage' } },
      { id: 'documentation', label: { 'zh-CN': '资料错误或不全', en: 'wrong or missing documents' } },
      { id: 'short_shipment', label: { 'zh-CN': '数量不符或配件少', en: 'short quantity or missing parts' } },
      { id: 'no_fault_found', label: { 'zh-CN': '未发现不良', en: 'no fault found' } },
    ],
  },
};
