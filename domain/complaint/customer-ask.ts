/** A question an email puts to the customer, as the complaint's state and effects hold it (the rules: customer-asks.ts). */
import type { Stage } from '../stages';

/** What a decision link lets the customer do. */
export const ANSWER_PURPOSES = [
  /** confirm the plan, or object to it with a reason */
  'plan_decision',
  /** accept or decline a quote */
  'quote',
  /** consent to parts (name, cost, warranty) */
  'parts_consent',
  /** sign the service confirmation */
  'service_confirmation',
  /** answer the satisfaction survey */
  'survey',
  /** object to an invalid finding */
  'invalid_objection',
] as const;

export type AnswerPurpose = (typeof ANSWER_PURPOSES)[number];

/** A question put to the customer by email. */
export interface CustomerAsk {
  purpose: AnswerPurpose;
  /** The key of the email that asked it; its link carries it. */
  key: string;
  askedAt: string;
  /** The stage it was asked in: once the complaint leaves it, the question is moot. */
  stage: Stage;
  /** The link answers until then. */
  expiresAt: string;
  /** Set once answered by link. */
  answeredAt?: string;
  /** What the email said it is about (the invalid finding's reason, the parts, the service done). */
  note?: string;
}
