/**
 * The customer's answers by signed link (issue 12), one definition per signal: the question it answers, what
 * the customer fills in, and the staff action it is taken as. An answer by link meets the same stage rules as
 * staff relaying it, and more: it answers only the latest question of its kind, once, inside its window.
 * Signals cannot refuse, so the page asks first (`checkLinkAnswer` by query) and the workflow checks again
 * when the signal arrives; what became of every answer is kept for the page to show.
 */
import type * as Zod from 'zod';
import { z } from '../lazy-zod';
import type { Profile } from '../profile-schema';
import type { CustomerActor } from '../roles';
import { STAGE_LABELS } from '../stages';
import { applyAction, checkTaking, type ActionName, type ActionPayload } from './actions';
import { surveySchema } from './actions/closure';
import { text } from './define-action';
import type { AnswerPurpose, CustomerAsk } from './customer-asks';
import {
  CUSTOMER_ANSWER_NAMES,
  type AnswerRefusal,
  type CustomerAnswerName,
  type LinkAnswer,
  type QuestionDetails,
} from './customer-answer-names';

export * from './customer-answer-names';
import type { ComplaintState, Effect, LinkAnswerOutcome } from './state';

interface AnswerDefinition<S extends Zod.ZodType, A extends ActionName> {
  purpose: AnswerPurpose;
  action: A;
  schema: () => S;
  /** The action's payload for this answer. */
  payload(answer: Zod.infer<S>, link: LinkAnswer): unknown;
}

const defineAnswer = <S extends Zod.ZodType, A extends ActionName>(d: AnswerDefinition<S, A>) => d;

/** Every answer a customer can give by link, by its signal's name. */
export const CUSTOMER_ANSWERS = {
  customerConfirmed: defineAnswer({
    purpose: 'plan_decision',
    action: 'recordCustomerDecision',
    schema: () => z.object({ comment: text().optional() }).strict(),
    payload: (a) => ({ accepted: true, comment: a.comment }),
  }),
  customerObjected: defineAnswer({
    purpose: 'plan_decision',
    action: 'recordCustomerDecision',
    schema: () => z.object({ reason: text() }).strict(),
    payload: (a) => ({ accepted: false, comment: a.reason }),
  }),
  quoteAnswered: defineAnswer({
    purpose: 'quote',
    action: 'recordCustomerDecision',
    schema: () => z.object({ accepted: z.boolean(), reason: text().optional() }).strict(),
    payload: (a) =>
      a.accepted ? { accepted: true, comment: a.reason } : { accepted: false, declinesQuote: true, comment: a.reason },
  }),
  partsConsent: defineAnswer({
    purpose: 'parts_consent',
    action: 'recordPartsConsent',
    schema: () => z.object({ consent: z.boolean(), note: text().optional() }).strict(),
    payload: (a) => a,
  }),
  serviceConfirmed: defineAnswer({
    purpose: 'service_confirmation',
    action: 'recordServiceConfirmation',
    schema: () => z.object({ signedBy: z.string().trim().min(1).max(200), satisfied: z.boolean().optional() }).strict(),
    payload: (a, link) => ({
      signedBy: a.signedBy,
      signedAt: link.answeredAt,
      address: link.address?.slice(0, 100),
      satisfied: a.satisfied,
    }),
  }),
  surveyAnswered: defineAnswer({
    purpose: 'survey',
    action: 'recordSurvey',
    schema: surveySchema,
    payload: (a) => a,
  }),
  invalidObjected: defineAnswer({
    purpose: 'invalid_objection',
    action: 'customerObjects',
    schema: () => z.object({ reason: text() }).strict(),
    payload: (a) => ({ note: a.reason }),
  }),
} as const satisfies Record<CustomerAnswerName, unknown>;

/** The answers a link of this purpose can give (the page offers these). */
export function answersFor(purpose: AnswerPurpose): CustomerAnswerName[] {
  return CUSTOMER_ANSWER_NAMES.filter((name) => CUSTOMER_ANSWERS[name].purpose === purpose);
}

const customerActor = (link: LinkAnswer): CustomerActor => ({ id: `customer-link:${link.linkId}`, role: 'customer' });

/** An answer that may be applied: the action it is taken as, with its checked payload. */
export interface CheckedAnswer {
  action: ActionName;
  payload: ActionPayload<ActionName>;
}

/** The link's question as it stands now: open, or why its link can no longer answer it. */
function openQuestion(
  state: ComplaintState,
  purpose: AnswerPurpose,
  link: Pick<LinkAnswer, 'linkId' | 'askKey'>,
  nowMs: number,
): CustomerAsk | AnswerRefusal {
  if (state.linkAnswers.some((a) => a.linkId === link.linkId))
    return { code: 'answered', message: 'this link has been answered already' };
  const ask = state.asks.find((a) => a.purpose === purpose);
  if (!ask || ask.key !== link.askKey)
    return { code: 'superseded', message: 'a newer email replaced the one this link came in' };
  if (ask.answeredAt) return { code: 'answered', message: `this question was answered on ${ask.answeredAt}` };
  if (ask.stage !== state.stage)
    return { code: 'out_of_stage', message: `the complaint has moved on: it is ${STAGE_LABELS[state.stage]} now` };
  if (nowMs >= Date.parse(ask.expiresAt))
    return { code: 'window_closed', message: `the time to answer ended at ${ask.expiresAt}` };
  return ask;
}

const isRefusal = (value: object): value is AnswerRefusal => 'code' in value;

/** The question a decision link asks, with what the page shows of it; or why the link cannot answer. */
export function questionOf(
  state: ComplaintState,
  profile: Profile,
  purpose: AnswerPurpose,
  link: Pick<LinkAnswer, 'linkId' | 'askKey'>,
  nowMs: number,
): QuestionDetails | AnswerRefusal {
  const ask = openQuestion(state, purpose, link, nowMs);
  if (isRefusal(ask)) return ask;
  const { plan, partsConsent } = state;
  return {
    purpose,
    expiresAt: ask.expiresAt,
    ...(ask.note ? { note: ask.note } : {}),
    ...(plan && (purpose === 'plan_decision' || purpose === 'quote')
      ? { plan: { summary: plan.summary, remedy: plan.customerRemedy, quote: plan.quote } }
      : {}),
    ...(partsConsent && purpose === 'parts_consent'
      ? { parts: { ...pick(partsConsent, 'parts', 'cost', 'currency', 'warranty') } }
      : {}),
    ...(purpose === 'survey' ? { scale: profile.satisfaction } : {}),
    ...(purpose === 'service_confirmation' && profile.serviceRecord
      ? { record: pick(profile.serviceRecord, 'form', 'asksSatisfaction') }
      : {}),
    answers: answersFor(purpose),
  };
}

function pick<T extends object, K extends keyof T>(value: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}

/** Checks an answer by link against the complaint now: its question, window, stage and fields. */
export function checkLinkAnswer(
  state: ComplaintState,
  profile: Profile,
  name: CustomerAnswerName,
  link: LinkAnswer,
  nowMs: number,
): CheckedAnswer | AnswerRefusal {
  const def = CUSTOMER_ANSWERS[name] as AnswerDefinition<Zod.ZodType, ActionName> | undefined;
  if (!def) return { code: 'invalid', message: `no such answer: ${String(name)}` };
  const ask = openQuestion(state, def.purpose, link, nowMs);
  if (isRefusal(ask)) return ask;
  const fields = def.schema().safeParse(link.answer);
  if (!fields.success) {
    const message = fields.error.issues.map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`).join('; ');
    return { code: 'invalid', message };
  }
  const checked = checkTaking(state, profile, def.action, customerActor(link), def.payload(fields.data, link));
  if ('payload' in checked) return { action: def.action, payload: checked.payload };
  if (checked.type === 'StageConflict')
    return { code: 'out_of_stage', message: `the complaint is ${STAGE_LABELS[state.stage]} now: ${checked.message}` };
  return { code: 'invalid', message: checked.message };
}

/** True when a check let the answer through. */
export const isChecked = (result: CheckedAnswer | AnswerRefusal): result is CheckedAnswer => 'action' in result;

function remember(
  state: ComplaintState,
  name: CustomerAnswerName,
  link: LinkAnswer,
  nowMs: number,
  refusal?: AnswerRefusal,
) {
  const outcome: LinkAnswerOutcome = {
    linkId: link.linkId,
    answer: name,
    at: new Date(nowMs).toISOString(),
    applied: !refusal,
    ...(refusal ? { reason: refusal.code, note: refusal.message } : {}),
    stage: state.stage,
  };
  state.linkAnswers.push(outcome);
}

/**
 * Takes an answer by link the check let through: the action as the customer (its record says "by link"),
 * the question answered, the owners told what the customer said.
 */
export function applyLinkAnswer(
  state: ComplaintState,
  profile: Profile,
  name: CustomerAnswerName,
  link: LinkAnswer,
  checked: CheckedAnswer,
  nowMs: number,
): Effect[] {
  const ask = state.asks.find((a) => a.purpose === CUSTOMER_ANSWERS[name].purpose);
  if (ask) ask.answeredAt = new Date(nowMs).toISOString();
  const effects = applyAction(state, profile, checked.action, checked.payload, customerActor(link), nowMs);
  remember(state, name, link, nowMs);
  const told: Effect = {
    kind: 'notifyStaff',
    event: 'customer_answered',
    key: `customer_answered#${state.actionSeq}`,
    to: state.ownerRoles.length ? [...state.ownerRoles] : ['customer_service'],
    note: answerNote(name, link),
  };
  return [...effects, told];
}

/** Keeps a refused answer (the page shows why); nothing else changes. */
export function refuseLinkAnswer(
  state: ComplaintState,
  name: CustomerAnswerName,
  link: LinkAnswer,
  refusal: AnswerRefusal,
  nowMs: number,
): void {
  remember(state, name, link, nowMs, refusal);
}

/** What the customer said, for the owners' email. */
function answerNote(name: CustomerAnswerName, link: LinkAnswer): string {
  const fields = Object.entries((link.answer ?? {}) as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join('; ');
  return `${name}${fields ? ` (${fields})` : ''}`.slice(0, 1_000);
}

/** What became of the answer of a link, once the workflow has it. */
export function linkAnswerOutcome(state: ComplaintState, linkId: string): LinkAnswerOutcome | undefined {
  return state.linkAnswers.find((a) => a.linkId === linkId);
}
