/**
 * The form of a customer question page (api/customer-question-pages.ts): its fields and buttons for each
 * question, filled with what came back when a form is returned, and the list of what is wrong with it.
 */
import type { QuestionDetails } from '../domain/complaint-contract';
import type { Language } from '../domain/registration';
import { NAME_MAX, TEXT_MAX, type Form, type FormProblem } from './customer-form-check';
import { escapeHtml } from './customer-page-layout';
import type { QuestionText } from './customer-question-text';

/** A form that came back: what was filled in, and what is wrong with it. */
export interface Returned {
  form: Form;
  problems: FormProblem[];
}

/** What is wrong with a form that came back, above it (`data-error-for` names the field). */
export function problemList(t: QuestionText, problems: FormProblem[]): string {
  const items = problems.map((p) => `<li data-error-for="${escapeHtml(p.field)}">${escapeHtml(p.message)}</li>`);
  return (
    `<div class="error" data-field="error" role="alert"><p>${t.checkBelow}</p>` +
    `<ul class="problems">${items.join('')}</ul></div>`
  );
}

/** `aria-invalid` on a field the returned form has a problem with. */
const invalidMark = (r: Returned, name: string) =>
  r.problems.some((p) => p.field === name) ? ' aria-invalid="true"' : '';

function textarea(r: Returned, name: string, label: string, required = false): string {
  return (
    `<label for="${name}">${label}</label><textarea id="${name}" name="${name}" maxlength="${TEXT_MAX}"` +
    `${required ? ' required' : ''}${invalidMark(r, name)}>${escapeHtml(r.form[name] ?? '')}</textarea>`
  );
}

const button = (value: string, label: string, secondary = false) =>
  `<button type="submit" name="choice" value="${value}"${secondary ? ' class="secondary"' : ''}>${label}</button>`;

/** The form's fields for the question, filled with what came back in `r`. */
export function fieldsOf(t: QuestionText, q: QuestionDetails, language: Language, r: Returned): string {
  switch (q.purpose) {
    case 'plan_decision':
      return (
        textarea(r, 'comment', t.comment) +
        button('confirm', t.confirm) +
        textarea(r, 'reason', t.objectReason) +
        button('object', t.object, true)
      );
    case 'quote':
      return (
        textarea(r, 'reason', t.comment) + button('accept', t.acceptQuote) + button('decline', t.declineQuote, true)
      );
    case 'parts_consent':
      return textarea(r, 'note', t.comment) + button('consent', t.consent) + button('refuse', t.refuse, true);
    case 'service_confirmation':
      return signatureFields(t, q, r);
    case 'survey':
      return (
        surveyFields(t, q, language, r) +
        textarea(r, 'comments', t.comment) +
        textarea(r, 'reason', t.lowReason) +
        button('send', t.send)
      );
    case 'invalid_objection':
      return textarea(r, 'reason', t.objectReason, true) + button('object', t.objectFinding);
  }
}

function signatureFields(t: QuestionText, q: QuestionDetails, r: Returned): string {
  return (
    `<label for="signedBy">${t.signName}</label>` +
    `<input type="text" id="signedBy" name="signedBy" maxlength="${NAME_MAX}" autocomplete="name" required` +
    `${invalidMark(r, 'signedBy')} value="${escapeHtml(r.form.signedBy ?? '')}">` +
    `<p class="note">${t.signNote}</p>` +
    (q.record?.asksSatisfaction
      ? button('satisfied', t.signSatisfied) + button('unsatisfied', t.signUnsatisfied, true)
      : button('sign', t.sign))
  );
}

function surveyFields(t: QuestionText, q: QuestionDetails, language: Language, r: Returned): string {
  const scale = q.scale;
  if (!scale) return '';
  const options =
    scale.kind === 'score'
      ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => String(scale.min + i)).map((v) => ({
          name: 'score',
          value: v,
          label: v,
        }))
      : scale.levels.map((l) => ({ name: 'level', value: l.id, label: l.label[language] }));
  const radios = options
    .map((o) => {
      const checked = r.form[o.name] === o.value ? ' checked' : '';
      const input = `<input type="radio" name="${o.name}" value="${escapeHtml(o.value)}" required${checked}>`;
      return `<label>${input} ${escapeHtml(o.label)}</label>`;
    })
    .join('');
  const invalid = invalidMark(r, scale.kind === 'score' ? 'score' : 'level');
  return `<fieldset${invalid}><legend>${t.scale}</legend>${radios}</fieldset>`;
}
