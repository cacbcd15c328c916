/** Renders the email of an event in the reader's language: plain text and HTML (templates: mail/templates/). */
import type { CustomerEvent, StaffEvent } from '../domain/complaint/state';
import type { Language } from '../domain/registration';
import { ANSWER_BUTTON, ANSWER_BUTTONS, htmlDocument, htmlLine } from './email-html';
import { chosen, fill, substitute } from './fill-template';
import type { RenderedEmail, Template, TemplateValues } from './template-shape';
import { CUSTOMER } from './templates/customer';
import { STAFF } from './templates/staff';

export type { RenderedEmail, TemplateValues } from './template-shape';
export { formatDate, formatInstant, valuesFor } from './format-dates';

/**
 * Renders an email: a plain-text part, and an HTML part (multipart/alternative once sent) with the same lines
 * whose links are real links. `button` is the answer link's button.
 */
function render(
  template: Template,
  language: Language,
  values: TemplateValues,
  button = ANSWER_BUTTON[language],
): RenderedEmail {
  // a line whose chosen alternative is empty (`text {{x}}||`) is left out
  const lines = template.body.map((line) => chosen(line, values)).filter((line) => substitute(line, values) !== '');
  const subject = fill(template.subject, values);
  return {
    subject,
    text: `${lines.map((line) => substitute(line, values)).join('\n\n')}\n`,
    html: htmlDocument(language, subject, lines.map((line) => htmlLine(line, values, button)).join('')),
  };
}

/** Every event customers and staff are written to (a template for each in each language). */
export const CUSTOMER_EVENTS = Object.keys(CUSTOMER) as CustomerEvent[];
export const STAFF_EVENTS = Object.keys(STAFF) as StaffEvent[];

/**
 * The last line of every customer email: the signed link to the read-only status page (`statusLink`, made by
 * the email activity); left out when there is none (`||`).
 */
export const STATUS_LINK_LINE: Record<Language, string> = {
  'zh-CN': '查看投诉进度：{{statusLink}}||',
  en: 'Follow your complaint: {{statusLink}}||',
};

/** Renders a customer email in the customer's language, as plain text and HTML. */
export function renderCustomerEmail(event: CustomerEvent, language: Language, values: TemplateValues): RenderedEmail {
  const template = CUSTOMER[event][language];
  const button = ANSWER_BUTTONS[event]?.[language] ?? ANSWER_BUTTON[language];
  return render({ ...template, body: [...template.body, STATUS_LINK_LINE[language]] }, language, values, button);
}

/** Renders a staff email in the recipient's language. */
export function renderStaffEmail(event: StaffEvent, language: Language, values: TemplateValues): RenderedEmail {
  return render(STAFF[event][language], language, values);
}
