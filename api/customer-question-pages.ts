/**
 * The pages of a customer question (api/customer-questions.ts), in the customer's language: the question and
 * its form, the answer taken, and the pages that say why a link cannot answer (used, refused, to be reloaded).
 * Each ends with a link to the complaint's status page.
 */
import type express from 'express';
import { formatInstant } from '../mail/format-dates';
import type { AnswerRefusal, LinkAnswerOutcome, QuestionDetails } from '../domain/complaint-contract';
import { STAGE_NAMES } from '../domain/labels';
import type { Language } from '../domain/registration';
import { createLinkToken, linkUrl, STATUS_LINK_DAYS } from '../infra/customer-links';
import { csrfFor } from './customer-form-token';
import { escapeHtml, page } from './customer-page-layout';
import { fieldsOf, problemList, type Returned } from './customer-question-form';
import { QUESTION_TEXT, type QuestionText } from './customer-question-text';
import type { OpenedLink } from './opened-link';

/** What the question pages are rendered with. */
export interface QuestionPageDeps {
  /** The current link secret: the status link in the footer, the form's token. */
  secret: string;
  timeZone: string;
  now: () => Date;
}

export class QuestionPages {
  constructor(private readonly deps: QuestionPageDeps) {}

  /** The question and its form; a form that came back (`returned`) is shown with its problems, as a 400. */
  question(
    req: express.Request,
    res: express.Response,
    link: OpenedLink,
    question: QuestionDetails,
    returned?: Returned,
  ) {
    const t = QUESTION_TEXT[link.language];
    const csrf = csrfFor(req, res, this.deps.secret, link.payload.j);
    const by = escapeHtml(formatInstant(new Date(question.expiresAt), link.language, this.deps.timeZone));
    // 004 QR25-03: the page is titled with the procedure's own record
    const title = question.record?.form[link.language] ?? t.titles[question.purpose];
    const body =
      `<h1>${escapeHtml(title)}</h1>` +
      `<section><p>${t.number}: <strong data-field="number">${escapeHtml(link.complaint.number)}</strong> · ` +
      `${escapeHtml(link.complaint.productModel)}</p>${about(t, question, link.language)}<p>${t.answerBy(by)}</p></section>` +
      `<section style="margin-top:1rem">${returned ? problemList(t, returned.problems) : ''}` +
      `<form method="post" action="" data-purpose="${question.purpose}">` +
      `<input type="hidden" name="csrf" value="${csrf}">` +
      `${fieldsOf(t, question, link.language, returned ?? { form: {}, problems: [] })}</form></section>`;
    return this.send(res, link, returned ? 400 : 200, title, body);
  }

  /** The answer taken: what became of it, or "received" while the workflow has not said (`outcome` null). */
  answered(res: express.Response, link: OpenedLink, outcome: LinkAnswerOutcome | null) {
    const t = QUESTION_TEXT[link.language];
    if (outcome && !outcome.applied) {
      const code = (outcome.reason ?? 'invalid') as AnswerRefusal['code'];
      return this.refused(res, link, { code, message: outcome.note ?? '' });
    }
    const stage = outcome ? (STAGE_NAMES[outcome.stage]?.[link.language] ?? outcome.stage) : undefined;
    const body =
      `<h1>${t.thanks}</h1><section><p class="ok" data-field="outcome">${outcome ? t.recorded : t.received}</p>` +
      (stage ? `<p>${t.stageNow}: <strong data-field="stage">${escapeHtml(stage)}</strong></p>` : '') +
      `</section>`;
    return this.send(res, link, 200, t.thanks, body);
  }

  /** A page that says why the link cannot answer (nothing is recorded). */
  refused(res: express.Response, link: OpenedLink, refusal: AnswerRefusal, status = 409) {
    const t = QUESTION_TEXT[link.language];
    const body =
      `<h1>${escapeHtml(t.cannotAnswer)}</h1><section><p class="error" data-field="refusal" data-code="${refusal.code}">` +
      `${escapeHtml(t.refusals[refusal.code])}</p>` +
      `<p>${t.number}: ${escapeHtml(link.complaint.number)}</p></section>`;
    return this.send(res, link, status, t.cannotAnswer, body);
  }

  /** The link has answered already, at `usedAt`. */
  used(res: express.Response, link: OpenedLink, usedAt: Date) {
    const t = QUESTION_TEXT[link.language];
    const when = escapeHtml(formatInstant(usedAt, link.language, this.deps.timeZone));
    const body = `<h1>${t.used}</h1><section><p class="error" data-field="refusal" data-code="used">${t.usedOn(when)}</p></section>`;
    return this.send(res, link, 410, t.used, body);
  }

  /**
   * A form posted without its cookie, or with the field of another page (opened long ago, in another window,
   * cookies cleared): nothing is recorded and the link still answers once the page is reloaded.
   */
  reload(res: express.Response, link: OpenedLink) {
    const t = QUESTION_TEXT[link.language];
    const body =
      `<h1>${t.reload.title}</h1><section><p data-field="reload">${t.reload.text}</p>` +
      `<p><a href="${escapeHtml(linkUrl('', link.token))}">${t.reload.link}</a></p></section>`;
    return this.send(res, link, 403, t.reload.title, body);
  }

  private send(res: express.Response, link: OpenedLink, status: number, title: string, body: string) {
    const t = QUESTION_TEXT[link.language];
    const footer = `<footer><a href="${escapeHtml(this.statusLinkOf(link))}">${t.followStatus}</a></footer>`;
    return res
      .status(status)
      .type('html')
      .send(page(link.language, `${title} ${link.complaint.number}`, `${body}${footer}`));
  }

  private statusLinkOf(link: OpenedLink): string {
    const token = createLinkToken(this.deps.secret, {
      number: link.complaint.number,
      customerEmail: link.complaint.customerEmail,
      purpose: 'status',
      expiresAt: new Date(this.deps.now().getTime() + STATUS_LINK_DAYS * 86_400_000),
    });
    return linkUrl('', token);
  }
}

/** The currencies a Chinese reader reads in words (as the emails write them: domain/complaint/status.ts). */
const CURRENCY_ZH: Record<string, string> = { CNY: '元', USD: '美元', EUR: '欧元' };

/** An amount as the reader reads it: "800 元", "800 CNY". */
function money(amount: number, currency: string, language: Language): string {
  return `${amount} ${escapeHtml(language === 'zh-CN' ? (CURRENCY_ZH[currency] ?? currency) : currency)}`;
}

/** What the question is about: the plan, the quote, the parts, the finding, the service. */
function about(t: QuestionText, q: QuestionDetails, language: Language): string {
  const rows: string[] = [];
  if (q.plan) {
    rows.push(`<dt>${t.plan}</dt><dd data-field="plan">${escapeHtml(q.plan.summary)}</dd>`);
    rows.push(`<dt>${t.remedy}</dt><dd>${escapeHtml(q.plan.remedy.join('; '))}</dd>`);
    if (q.plan.quote && q.purpose === 'quote')
      rows.push(
        `<dt>${t.quote}</dt><dd data-field="quote">${money(q.plan.quote.amount, q.plan.quote.currency, language)}</dd>`,
      );
  }
  if (q.parts) {
    rows.push(`<dt>${t.parts}</dt><dd data-field="parts">${escapeHtml(q.parts.parts.join(', '))}</dd>`);
    rows.push(`<dt>${t.cost}</dt><dd>${money(q.parts.cost, q.parts.currency, language)}</dd>`);
    rows.push(`<dt>${t.warranty}</dt><dd>${escapeHtml(q.parts.warranty)}</dd>`);
  }
  if (!q.parts && q.note) rows.push(`<dt>${t.note}</dt><dd data-field="note">${escapeHtml(q.note)}</dd>`);
  return rows.length ? `<dl>${rows.join('')}</dl>` : '';
}
