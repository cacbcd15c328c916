/**
 * The customer's answers by link as the complaint's contract names them: the signals, what a link sends, why
 * one is refused, what the page shows. Apart from `customer-answers.ts` (the rules) so the contract needs no rule.
 */
import type { Profile } from '../profile-schema';
import type { AnswerPurpose } from './customer-ask';

/** The signals of the customer's answers. */
export const CUSTOMER_ANSWER_NAMES = [
  'customerConfirmed',
  'customerObjected',
  'quoteAnswered',
  'partsConsent',
  'serviceConfirmed',
  'surveyAnswered',
  'invalidObjected',
] as const;
export type CustomerAnswerName = (typeof CUSTOMER_ANSWER_NAMES)[number];

/** What the page sends with every answer: the link it came through and the customer's fields. */
export interface LinkAnswer {
  /** The link's id (its single use). */
  linkId: string;
  /** The key of the email whose question the link answers. */
  askKey: string;
  /** When the customer sent it (the page's clock). */
  answeredAt: string;
  /** The address the request came from (a signature records it). */
  address?: string;
  /** The fields of the form. */
  answer: unknown;
}

/** Why an answer by link is refused, as the page explains it. */
export type AnswerRefusalCode = 'answered' | 'superseded' | 'window_closed' | 'out_of_stage' | 'invalid';

export interface AnswerRefusal {
  code: AnswerRefusalCode;
  message: string;
}

/** What the page shows with a question: what the customer is asked about, and the answers it offers. */
export interface QuestionDetails {
  purpose: AnswerPurpose;
  expiresAt: string;
  note?: string;
  plan?: { summary: string; remedy: string[]; quote?: { amount: number; currency: string } };
  parts?: { parts: string[]; cost: number; currency: string; warranty: string };
  /** The profile's satisfaction scale (the survey). */
  scale?: Profile['satisfaction'];
  /** The record the customer signs, by the procedure's name, and whether it asks if they are satisfied (004 QR25-03). */
  record?: { form: { 'zh-CN': string; en: string }; asksSatisfaction: boolean };
  answers: CustomerAnswerName[];
}
