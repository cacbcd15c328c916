/**
 * The corrective-action forms of the built-in profiles. Where a seed gives no time, the times are the ones
 * seen in practice (D1–D3 within 24 h, D4 by day 7, D5–D6 by day 14, D7 by day 25, D8 by day 30), each
 * counted from the moment the discipline becomes current.
 */
import type { CorrectiveActionSection } from '../corrective-action/profile-section';
import { days, hours, workingDays, workingHours } from '../duration';

type Section = Omit<CorrectiveActionSection, 'requiredPreventionDocuments'> &
  Partial<Pick<CorrectiveActionSection, 'requiredPreventionDocuments'>>;
type Rules = Section['disciplines'];

/** The full 8D with the practice times and the usual approval blocks (D1–D3, D4, D5–D6, D7). */
export const PRACTICE_8D: Rules = [
  { id: 'D1', deadline: hours(8) },
  { id: 'D2', deadline: hours(8) },
  { id: 'D3', deadline: hours(8), approver: 'quality_manager' },
  { id: 'D4', deadline: days(6), approver: 'quality_manager' },
  { id: 'D5', deadline: days(4) },
  { id: 'D6', deadline: days(3), approver: 'quality_manager' },
  { id: 'D7', deadline: days(11), approver: 'quality_manager' },
  { id: 'D8', deadline: days(5), owner: 'quality_manager' },
];

/** A light CAPA: cause, actions, implementation (approved), closure. */
const LIGHT_CAPA: Rules = [
  { id: 'D4', deadline: workingDays(3) },
  { id: 'D5', deadline: workingDays(2) },
  { id: 'D6', deadline: days(14), approver: 'quality_manager' },
  { id: 'D8', deadline: workingDays(2), owner: 'quality_manager' },
];

/**
 * 004 §5.2 a)–g), §5.3, §5.6: every valid in-warranty quality complaint gets a corrective and preventive
 * action notice; technical causes go to engineering with R&D, others to the quality leads; a general
 * complaint's 8D or CA answer within 3 working days (D1–D4 here); a major one without a root cause gets a
 * preliminary report and test plan within 2 working days; verification by the quality department (no time
 * given: 14 days is ours); §5.7 a) the inspection control documents are corrected (D7).
 */
export const CR_MP25_CORRECTIVE_ACTION: Section = {
  form: '8d',
  source: 'seed 004 §5.2 a)–g), §5.3, §5.6, §5.7 a)',
  trigger: { on: 'diagnosis', causes: ['design', 'manufacturing'], warranty: 'in', types: ['quality_in_warranty'] },
  openedBy: ['quality_manager'],
  disciplines: [
    { id: 'D1', deadline: workingHours(2) },
    { id: 'D2', deadline: workingHours(2) },
    { id: 'D3', deadline: workingHours(4), approver: 'quality_manager' },
    { id: 'D4', deadline: workingDays(2), approver: 'quality_manager' },
    { id: 'D5', deadline: workingDays(2) },
    { id: 'D6', deadline: workingDays(10), approver: 'quality_manager' },
    { id: 'D7', deadline: workingDays(10), approver: 'quality_manager' },
    { id: 'D8', deadline: workingDays(3), owner: 'quality_manager' },
  ],
  owners: {
    technical: { role: 'technical_support', department: 'engineering', assist: ['rnd'] },
    nonTechnical: { role: 'quality_manager', department: 'quality', assist: [] },
  },
  verification: { after: days(14), by: 'quality_manager' },
  preliminaryReport: { severities: ['major'], deadline: workingDays(2) },
  // §5.6 b): the formal 8D reaches the customer once the true cause is found (D4), the final one at closure
  interimReportAfter: 'D4',
  requiredPreventionDocuments: ['inspection_standard'],
};

/** 001 (四)/(六): every complaint's internal improvement actions, verified by the quality department within a week. */
export const QUALITY_IMPROVEMENT_CORRECTIVE_ACTION: Section = {
  form: 'capa',
  source: 'seed 001 二(四) internal improvement, (六) verification within 1 week',
  trigger: { on: 'plan' },
  openedBy: ['quality_manager'],
  disciplines: LIGHT_CAPA,
  owners: {
    technical: { role: 'technical_support', department: 'quality', assist: ['engineering'] },
    nonTechnical: { role: 'quality_manager', department: 'quality', assist: ['customer_service'] },
  },
  verification: { after: days(7), by: 'quality_manager' },
};

/** 000, 002, 003: on the quality manager's decision; 002 (an engine plant) uses the full 8D. */
export function onDecision(form: '8d' | 'capa', source: string, technicalDepartment: string): Section {
  return {
    form,
    source,
    trigger: { on: 'decision' },
    openedBy: ['quality_manager'],
    disciplines: form === '8d' ? PRACTICE_8D : LIGHT_CAPA,
    owners: {
      technical: { role: 'technical_support', department: technicalDepartment, assist: ['quality'] },
      nonTechnical: { role: 'quality_manager', department: 'quality', assist: [] },
    },
    verification: { after: days(14), by: 'quality_manager' },
  };
}
