/** The lifecycle stages of a complaint (SPEC §3), in the order a complaint normally passes them. */
export const STAGES = [
  'registered',
  'triage',
  'validity_check',
  'investigation',
  'planning',
  'customer_decision',
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

/** Human-readable stage names used in status lines and emails. */
export const STAGE_LABELS: Record<Stage, string> = {
  registered: 'registered',
  triage: 'awaiting classification',
  validity_check: 'validity check',
  investigation: 'under investigation',
  planning: 'plan in preparation',
  customer_decision: 'awaiting customer confirmation',
  execution: 'remedy in execution',
  verification: 'verification',
  satisfaction: 'satisfaction callback',
  follow_up: 'follow-up',
  closed: 'closed',
  archived: 'archived',
};
