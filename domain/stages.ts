/** The lifecycle stages of a complaint (SPEC §3), in the order a complaint normally passes them. */
export const STAGES = [
  'registered',
  'triage',
  'validity_check',
  'invalid_notice',
  'investigation',
  'planning',
  'approval',
  'customer_decision',
  'escalated',
  'payment',
  'dispatch',
  'execution',
  'verification',
  'satisfaction',
  'follow_up',
  'closed',
  'archived',
] as const;

/** One lifecycle stage. */
export type Stage = (typeof STAGES)[number];

/** Stages after which no further action is taken on the complaint. */
export const FINAL_STAGES: readonly Stage[] = ['closed', 'archived'];

/** Human-readable stage names used in status lines. */
export const STAGE_LABELS: Record<Stage, string> = {
  registered: 'registered',
  triage: 'awaiting classification',
  validity_check: 'validity check and first contact',
  invalid_notice: 'found invalid — waiting for a customer objection',
  investigation: 'under investigation',
  planning: 'plan in preparation',
  approval: 'plan awaiting approval',
  customer_decision: 'awaiting customer confirmation',
  escalated: 'escalated for arbitration',
  payment: 'awaiting payment',
  dispatch: 'awaiting engineer dispatch',
  execution: 'remedy in execution',
  verification: 'awaiting verification',
  satisfaction: 'satisfaction callback',
  follow_up: 'follow-up',
  closed: 'closed',
  archived: 'archived',
};

/**
 * The path of a procedure that does not name its own (every complaint stage; dispatch is a stage of
 * service procedures only).
 */
export const GENERIC_PATH: readonly Stage[] = STAGES.filter((stage) => stage !== 'dispatch');
