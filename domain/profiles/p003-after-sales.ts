import { P003_PERMISSIONS } from './p003-permissions';
import { hours, minutes } from '../duration';
import type { ProfileInput } from '../profile-schema';
import { P003_CLOCKS } from './p003-clocks';
import { recallPractice } from './recall-settings';
import { onDecision } from './corrective-action-forms';
import { chinaMainlandCalendar } from './china-calendar';

/** Seed 003: after-sales service and maintenance SOP. */
export const afterSalesProfile: ProfileInput = {
  id: 'after-sales',
  version: 6,
  name: { 'zh-CN': '产品售后服务与维护操作标准手册', en: 'After-sales service and maintenance SOP' },
  source: 'seed 003 (产品售后服务与维护操作标准手册), chapter 2',
  calendar: chinaMainlandCalendar,
  // §2.1 request and first judgement (fault type, urgency, on site or not) → §2.2 dispatch (hardware or urgent;
  // software and misuse get remote guidance instead) → §2.3 on-site diagnosis, parts consent, repair → §2.3.3
  // function test and signed confirmation → §2.4.1 callback within 24 h (score below 8: follow-up) → §2.4.2 archive.
  stagePath: [
    'registered',
    'triage',
    'dispatch',
    'execution',
    'verification',
    'satisfaction',
    'follow_up',
    'closed',
    'archived',
  ],
  complaintTypes: [
    {
      id: 'fault_repair',
      label: { 'zh-CN': '故障报修', en: 'fault repair' },
      department: 'after_sales',
      ownerRole: 'technical_support',
      assistDepartments: ['customer_service'],
    },
    {
      id: 'preventive_maintenance',
      label: { 'zh-CN': '定期维护', en: 'preventive maintenance' },
      department: 'after_sales',
      ownerRole: 'technical_support',
      assistDepartments: [],
    },
    {
      id: 'consultation',
      label: { 'zh-CN': '技术咨询', en: 'technical consultation' },
      department: 'after_sales',
      ownerRole: 'technical_support',
      assistDepartments: [],
    },
    {
      id: 'service_complaint',
      label: { 'zh-CN': '投诉处理', en: 'service complaint' },
      department: 'customer_service',
      ownerRole: 'customer_service',
      assistDepartments: ['after_sales'],
    },
  ],
  severities: [
    { id: 'general', rank: 1, label: { 'zh-CN': '一般', en: 'general' } },
    { id: 'important', rank: 2, label: { 'zh-CN': '重要', en: 'important' } },
    { id: 'urgent', rank: 3, label: { 'zh-CN': '紧急', en: 'urgent' } },
  ],
  defaultSeverity: 'general',
  severityRules: [
    { kind: 'safety_hazard', severity: 'urgent' },
    { kind: 'main_function_lost', severity: 'important' },
  ],
  // every time limit in the seed's words, with its section: p003-clocks.ts
  // who does what, in the seed's words: p003-permissions.ts
  permissions: P003_PERMISSIONS,
  clockRules: P003_CLOCKS,
  // issue 24: a plan that takes none of these says why, and the approver reads it
  remedyDeparture: 'explained',
  remedies: [
    { actions: ['remote guidance (phone or remote desktop)'], cause: 'misuse' },
    { actions: ['on-site repair with original parts, after the customer consents to part, cost and warranty'] },
  ],
  // The service supervisor (department head) stands behind the plan.
  dispatch: {
    remoteFor: ['software', 'misuse'],
    callAheadMinutes: 30,
    // §2.2.2: the engineer calls the customer 30 minutes ahead: the reminder goes to the engineer
    callAheadToEngineer: true,
    // §2.2.1: remote areas are excepted from the dispatch and arrival limits; the company lists its own regions
    remoteRegions: [],
    // §2.1.2: a hardware fault or an urgent problem gets an engineer on site
    onSiteForSeverities: ['urgent'],
    requireServiceConfirmation: true,
    requirePartsConsent: true,
  },
  clocks: {
    warningFraction: 0.75,
    escalation: [
      { notify: ['technical_support'], after: minutes(0) },
      { notify: ['department_head'], after: minutes(30) },
      { notify: ['general_manager'], after: hours(4) },
    ],
    emergency: { severities: ['urgent'], notify: ['department_head', 'technical_support'], temporaryPlan: hours(2) },
  },
  // Seed 003 names no sanction for missed service times: each is recorded as a warning, without penalties.
  performance: { breaches: { kind: 'warning_only' } },
  satisfaction: { kind: 'score', min: 1, max: 10, followUpBelow: 8, aspects: true },
  correctiveAction: onDecision('capa', "seed 003: corrective action on the quality manager's decision", 'after_sales'),
  recall: recallPractice('seed 003: no recall in the procedure; one started through the API follows practice', {
    on: 'none',
  }),
  closeWhen: 'customer_satisfied',
  retentionYears: 3,
  notifications: {
    onRegistration: ['department_head'],
    copyOnRegistration: [],
    // §2.4.1: the callback's result is reported to the service team leader, whatever the score
    onSurvey: ['service_team'],
  },
};
