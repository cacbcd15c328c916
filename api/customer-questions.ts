/**
 * The customer's questions (issue 12): the page of a decision link (confirm or object to the plan, accept or
 * decline a quote, consent to parts, sign the service confirmation, the survey, object to an invalid finding)
 * and its answer. The workflow decides: the page asks it what the link's question is (`linkQuestionQuery`),
 * checks the answer the same way (`linkAnswerCheckQuery`), claims the link's single use in PostgreSQL, sends
 * the answer's signal and waits briefly for what became of it (`linkAnswerOutcomeQuery`).
 *
 * Forms are protected by a double-submit token: a random cookie (HttpOnly, SameSite=Strict, path /c/) and a
 * hidden field that is the HMAC of it and the link's id under the link secret. Hand-written (a dozen lines)
 * because the pages have no session and no cookie parser to hang a CSRF library on.
 */
import crypto from 'node:crypto';
import type express from 'express';
import type { Client } from '@temporalio/client';
import { formatInstant } from '../mail/format-dates';
import {
  customerAnswerSignals,
  linkAnswerCheckQuery,
  linkAnswerOutcomeQuery,
  linkQuestionQuery,
  type AnswerPurpose,
  type AnswerRefusal,
  type CustomerAnswerName,
  type LinkAnswer,
  type LinkAnswerOutcome,
  type QuestionDetails,
} from '../domain/complaint-contract';
import { STAGE_NAMES } from '../domain/labels';
import type { Language } from '../domain/registration';
import { claimLinkUse, createLinkToken, linkUrl, linkUse, STATUS_LINK_DAYS } from '../infra/customer-links';
import type { PrismaClient } from '../infra/database';
import type { Prisma } from '../generated/prisma/client';
import type { Logger } from '../infra/logger';
import { QUERY_DEADLINE_MS } from './live-status';
import { formProblems, NAME_MAX, TEXT_MAX, type Form, type FormProblem } from './customer-form-check';
import { escapeHtml, page, unavailablePage } from './customer-page-layout';
import type { OpenedLink } from './opened-link';
import { QUESTION_TEXT, type QuestionText } from './customer-question-text';
import { eventuallyWithin } from './within';

export interface CustomerQuestionDeps {
  prisma: PrismaClient;
  temporal: Client;
  logger: Logger;
  timeZone: string;
  secrets: string[];
  now: () => Date;
}

/** How long the page waits for the workflow to take the answer before it says "received". */
const OUTCOME_WAIT_MS = 10_000;
const CSRF_COOKIE = 'co_csrf';

/** The fields of a submitted form: trimmed strings, empty ones left out. */
function formFields(body: unknown): Form {
  const fields: Form = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && value.trim() !== '') fields[key] = value.trim();
  }
  return fields;
}

/** The answer a form gives: which signal, and its fields. */
export function answerOfForm(purpose: AnswerPurpose, form: Form): { name: CustomerAnswerName; answer: unknown } {
  switch (purpose) {
    case 'plan_decision':
      return form.choice === 'object'
        ? { name: 'customerObjected', answer: { reason: form.reason } }
        : { name: 'customerConfirmed', answer: { comment: form.comment } };
    case 'quote':
      return { name: 'quoteAnswered', answer: { accepted: form.choice === 'accept', reason: form.reason } };
    case 'parts_consent':
      return { name: 'partsConsent', answer: { consent: form.choice === 'consent', note: form.note } };
    case 'service_confirmation': {
      // 004 QR25-03: the customer signs satisfied or not (one button each); 003 signs with one button
      const satisfied = form.choice === 'satisfied' ? true : form.choice === 'unsatisfied' ? false : undefined;
      return { name: 'serviceConfirmed', answer: { signedBy: form.signedBy, satisfied } };
    }
    case 'survey': {
      const score = form.score === undefined ? undefined : Number(form.score);
      return {
        name: 'surveyAnswered',
        answer: { score, level: form.level, comments: form.comments, reason: form.reason },
      };
    }
    case 'invalid_objection':
      return { name: 'invalidObjected', answer: { reason: form.reason } };
  }
}

function csrfField(secret: string, cookie: string, linkId: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf:${cookie}:${linkId}`).digest('base64url');
}

function cookieOf(req: express.Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const sameBytes = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** A form that came back: what was filled in, and what is wrong with it. */
interface Returned {
  form: Form;
  problems: FormProblem[];
}

/** The question pages and their answers. */
export function customerQuestions(deps: CustomerQuestionDeps) {
  const [secret] = deps.secrets as [string];

  const handleOf = (link: OpenedLink) => deps.temporal.workflow.getHandle(link.complaint.workflowId);
  const withDeadline = <T>(run: () => Promise<T>) => deps.temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, run);
  const linkRef = (link: OpenedLink) => ({ linkId: link.payload.j, askKey: link.payload.k ?? '' });

  function statusLinkOf(link: OpenedLink): string {
    const token = createLinkToken(secret, {
      number: link.complaint.number,
      customerEmail: link.complaint.customerEmail,
      purpose: 'status',
      expiresAt: new Date(deps.now().getTime() + STATUS_LINK_DAYS * 86_400_000),
    });
    return linkUrl('', token);
  }

  function send(res: express.Response, link: OpenedLink, status: number, title: string, body: string) {
    const t = QUESTION_TEXT[link.language];
    const footer = `<footer><a href="${escapeHtml(statusLinkOf(link))}">${t.followStatus}</a></footer>`;
    return res
      .status(status)
      .type('html')
      .send(page(link.language, `${title} ${link.complaint.number}`, `${body}${footer}`));
  }

  /** A page that says why the link cannot answer (nothing is recorded). */
  function refusedPage(res: express.Response, link: OpenedLink, refusal: AnswerRefusal, status = 409) {
    const t = QUESTION_TEXT[link.language];
    const body =
      `<h1>${escapeHtml(t.cannotAnswer)}</h1><section><p class="error" data-field="refusal" data-code="${refusal.code}">` +
      `${escapeHtml(t.refusals[refusal.code])}</p>` +
      `<p>${t.number}: ${escapeHtml(link.complaint.number)}</p></section>`;
    return send(res, link, status, t.cannotAnswer, body);
  }

  function usedPage(res: express.Response, link: OpenedLink, usedAt: Date) {
    const t = QUESTION_TEXT[link.language];
    const when = escapeHtml(formatInstant(usedAt, link.language, deps.timeZone));
    const body = `<h1>${t.used}</h1><section><p class="error" data-field="refusal" data-code="used">${t.usedOn(when)}</p></section>`;
    return send(res, link, 410, t.used, body);
  }

  /**
   * A form posted without its cookie, or with the field of another page (opened long ago, in another window,
   * cookies cleared): nothing is recorded and the link still answers once the page is reloaded.
   */
  function reloadPage(res: express.Response, link: OpenedLink) {
    const t = QUESTION_TEXT[link.language];
    const body =
      `<h1>${t.reload.title}</h1><section><p data-field="reload">${t.reload.text}</p>` +
      `<p><a href="${escapeHtml(linkUrl('', link.token))}">${t.reload.link}</a></p></section>`;
    return send(res, link, 403, t.reload.title, body);
  }

  /** Sets the form's cookie when the browser has none; the hidden field that goes with it. */
  function csrfFor(req: express.Request, res: express.Response, link: OpenedLink): string {
    let cookie = cookieOf(req, CSRF_COOKIE);
    if (!cookie || !/^[A-Za-z0-9_-]{22}$/.test(cookie)) {
      cookie = crypto.randomBytes(16).toString('base64url');
      res.cookie(CSRF_COOKIE, cookie, { httpOnly: true, sameSite: 'strict', path: '/c/', secure: req.secure });
    }
    return csrfField(secret, cookie, link.payload.j);
  }

  function csrfValid(req: express.Request, link: OpenedLink, form: Form): boolean {
    const cookie = cookieOf(req, CSRF_COOKIE);
    return !!cookie && !!form.csrf && sameBytes(form.csrf, csrfField(secret, cookie, link.payload.j));
  }

  function questionPage(
    req: express.Request,
    res: express.Response,
    link: OpenedLink,
    question: QuestionDetails,
    returned?: Returned,
  ) {
    const t = QUESTION_TEXT[link.language];
    const csrf = csrfFor(req, res, link);
    const by = escapeHtml(formatInstant(new Date(question.expiresAt), link.language, deps.timeZone));
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
    return send(res, link, returned ? 400 : 200, title, body);
  }

  async function show(req: express.Request, res: express.Response, link: OpenedLink) {
    const earlier = await linkUse(deps.prisma, link.payload.j);
    if (earlier) return usedPage(res, link, earlier.usedAt);
    const asked = await withDeadline(() =>
      handleOf(link).query(linkQuestionQuery, link.payload.p as AnswerPurpose, linkRef(link)),
    );
    if (!asked.ok) return refusedPage(res, link, asked.refusal);
    return questionPage(req, res, link, asked.question);
  }

  /** What became of the answer, once the workflow has taken it (or null when it has not yet). */
  async function outcomeOf(link: OpenedLink): Promise<LinkAnswerOutcome | null> {
    return eventuallyWithin(OUTCOME_WAIT_MS, () =>
      withDeadline(() => handleOf(link).query(linkAnswerOutcomeQuery, link.payload.j)),
    );
  }

  function answeredPage(res: express.Response, link: OpenedLink, outcome: LinkAnswerOutcome | null) {
    const t = QUESTION_TEXT[link.language];
    if (outcome && !outcome.applied) {
      const code = (outcome.reason ?? 'invalid') as AnswerRefusal['code'];
      return refusedPage(res, link, { code, message: outcome.note ?? '' });
    }
    const stage = outcome ? (STAGE_NAMES[outcome.stage]?.[link.language] ?? outcome.stage) : undefined;
    const body =
      `<h1>${t.thanks}</h1><section><p class="ok" data-field="outcome">${outcome ? t.recorded : t.received}</p>` +
      (stage ? `<p>${t.stageNow}: <strong data-field="stage">${escapeHtml(stage)}</strong></p>` : '') +
      `</section>`;
    return send(res, link, 200, t.thanks, body);
  }

  async function answer(req: express.Request, res: express.Response, link: OpenedLink) {
    const form = formFields(req.body);
    if (!csrfValid(req, link, form)) return reloadPage(res, link);
    const earlier = await linkUse(deps.prisma, link.payload.j);
    if (earlier) return usedPage(res, link, earlier.usedAt);
    const purpose = link.payload.p as AnswerPurpose;
    const handle = handleOf(link);
    const asked = await withDeadline(() => handle.query(linkQuestionQuery, purpose, linkRef(link)));
    if (!asked.ok) return refusedPage(res, link, asked.refusal);
    const problems = formProblems(asked.question, form, QUESTION_TEXT[link.language]);
    if (problems.length) return questionPage(req, res, link, asked.question, { form, problems });
    const { name, answer: fields } = answerOfForm(purpose, form);
    const linkAnswer: LinkAnswer = {
      ...linkRef(link),
      answeredAt: deps.now().toISOString(),
      address: req.ip,
      answer: fields,
    };
    const checked = await withDeadline(() => handle.query(linkAnswerCheckQuery, name, linkAnswer));
    if (!checked.ok && checked.refusal.code === 'invalid') {
      // the workflow's words are for staff: the customer is told it cannot be taken, in their language
      deps.logger.info({ number: link.complaint.number, refusal: checked.refusal.message }, 'customer answer refused');
      const notTaken = [{ field: '', message: QUESTION_TEXT[link.language].problems.notTaken }];
      return questionPage(req, res, link, asked.question, { form, problems: notTaken });
    }
    if (!checked.ok) return refusedPage(res, link, checked.refusal);
    const claim = await claimLinkUse(
      deps.prisma,
      link.payload,
      { answer: name, fields: fields as Prisma.InputJsonValue },
      { now: deps.now() },
    );
    if (claim === 'already_used') {
      const used = await linkUse(deps.prisma, link.payload.j);
      return usedPage(res, link, used?.usedAt ?? deps.now());
    }
    try {
      await withDeadline(() => handle.signal(customerAnswerSignals[name], linkAnswer));
    } catch (error) {
      // not delivered: the link answers again later
      await deps.prisma.customerLinkUse.delete({ where: { jti: link.payload.j } }).catch(() => undefined);
      deps.logger.warn({ err: error, number: link.complaint.number }, 'customer answer: signal not delivered');
      return res.status(503).type('html').send(unavailablePage());
    }
    return answeredPage(res, link, await outcomeOf(link));
  }

  return { show, answer };
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

/** What is wrong with a form that came back, above it (`data-error-for` names the field). */
function problemList(t: QuestionText, problems: FormProblem[]): string {
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
function fieldsOf(t: QuestionText, q: QuestionDetails, language: Language, r: Returned): string {
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
