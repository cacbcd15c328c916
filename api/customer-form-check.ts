/**
 * What is wrong with a customer's form, field by field, in the page's language (issue 25): checked by the page
 * before the workflow is asked, so a customer never reads the workflow's own (English, technical) refusal.
 * The workflow checks again (api/customer-questions.ts shows a plain "cannot be taken" when it still refuses).
 * The limits are those of the answers' schemas (domain/complaint/customer-answers.ts): free text up to 5,000
 * characters, a signature up to 200.
 */
import type { QuestionDetails } from '../domain/complaint-contract';
import type { QuestionText } from './customer-question-text';

/** The fields of a submitted form: trimmed strings, empty ones left out. */
export type Form = Record<string, string | undefined>;

/** One thing wrong with a form: the field it is about (its `name`) and what to do, in the page's language. */
export interface FormProblem {
  field: string;
  message: string;
}

export const TEXT_MAX = 5_000;
export const NAME_MAX = 200;

type Check = (form: Form, q: QuestionDetails, t: QuestionText) => Array<FormProblem | undefined>;

const problem = (field: string, message: string): FormProblem => ({ field, message });

/** `choice` must be one of the form's buttons. */
const choiceOf = (form: Form, t: QuestionText, ...choices: string[]) =>
  choices.includes(form.choice ?? '') ? undefined : problem('choice', t.problems.choose);

/** An optional free text: at most TEXT_MAX characters. */
const notTooLong = (form: Form, t: QuestionText, field: string) =>
  (form[field]?.length ?? 0) > TEXT_MAX ? problem(field, t.problems.tooLong(TEXT_MAX)) : undefined;

/** A required free text: given, and at most TEXT_MAX characters. */
const required = (form: Form, t: QuestionText, field: string, missing: string) =>
  form[field] === undefined ? problem(field, missing) : notTooLong(form, t, field);

const CHECKS: Record<QuestionDetails['purpose'], Check> = {
  plan_decision: (form, _q, t) => [
    choiceOf(form, t, 'confirm', 'object'),
    notTooLong(form, t, 'comment'),
    form.choice === 'object' ? required(form, t, 'reason', t.problems.reasonToObject) : notTooLong(form, t, 'reason'),
  ],
  quote: (form, _q, t) => [choiceOf(form, t, 'accept', 'decline'), notTooLong(form, t, 'reason')],
  parts_consent: (form, _q, t) => [choiceOf(form, t, 'consent', 'refuse'), notTooLong(form, t, 'note')],
  service_confirmation: (form, q, t) => [
    form.signedBy === undefined
      ? problem('signedBy', t.problems.signName)
      : form.signedBy.length > NAME_MAX
        ? problem('signedBy', t.problems.nameTooLong(NAME_MAX))
        : undefined,
    // 004 QR25-03: one of the two buttons says whether the customer is satisfied
    q.record?.asksSatisfaction && form.choice !== 'satisfied' && form.choice !== 'unsatisfied'
      ? problem('choice', t.problems.chooseSignature(t.signSatisfied, t.signUnsatisfied))
      : undefined,
  ],
  survey: (form, q, t) => [...surveyScale(form, q, t), notTooLong(form, t, 'comments'), notTooLong(form, t, 'reason')],
  invalid_objection: (form, _q, t) => [required(form, t, 'reason', t.problems.reasonForFinding)],
};

/** The survey: a score of the scale or one of its levels, and a reason when that is not satisfied. */
function surveyScale(form: Form, q: QuestionDetails, t: QuestionText): Array<FormProblem | undefined> {
  const scale = q.scale;
  if (!scale) return [];
  const lowReason = form.reason === undefined ? problem('reason', t.problems.lowReason) : undefined;
  if (scale.kind === 'levels') {
    if (!scale.levels.some((l) => l.id === form.level)) return [problem('level', t.problems.chooseLevel)];
    return scale.satisfied.includes(form.level!) ? [] : [lowReason];
  }
  const score = /^-?\d{1,6}$/.test(form.score ?? '') ? Number(form.score) : NaN;
  if (!(score >= scale.min && score <= scale.max))
    return [problem('score', t.problems.chooseScore(scale.min, scale.max))];
  return score < scale.followUpBelow ? [lowReason] : [];
}

/** Everything wrong with the form of this question; none when the page may put it to the workflow. */
export function formProblems(q: QuestionDetails, form: Form, t: QuestionText): FormProblem[] {
  return CHECKS[q.purpose](form, q, t).filter((p): p is FormProblem => p !== undefined);
}
