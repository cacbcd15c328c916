/**
 * The customer's questions (issue 12): the page of a decision link (confirm or object to the plan, accept or
 * decline a quote, consent to parts, sign the service confirmation, the survey, object to an invalid finding)
 * and its answer. The workflow decides: the page asks it what the link's question is (`linkQuestionQuery`),
 * checks the answer the same way (`linkAnswerCheckQuery`), claims the link's single use in PostgreSQL, sends
 * the answer's signal and waits briefly for what became of it (`linkAnswerOutcomeQuery`).
 *
 * Forms are protected by a double-submit token (api/customer-form-token.ts); the pages are rendered by
 * api/customer-question-pages.ts.
 */
import type express from 'express';
import {
  customerAnswerSignals,
  linkAnswerCheckQuery,
  linkAnswerOutcomeQuery,
  linkQuestionQuery,
  type AnswerPurpose,
  type CustomerAnswerName,
  type LinkAnswer,
  type LinkAnswerOutcome,
} from '../domain/complaint-contract';
import { claimLinkUse, linkUse, type LinkUse } from '../infra/customer-links';
import { sameJson } from './complaint-view';
import type { Prisma } from '../generated/prisma/client';
import { QUERY_DEADLINE_MS } from './live-status';
import { formProblems, type Form } from './customer-form-check';
import { csrfValid } from './customer-form-token';
import { unavailablePage } from './customer-page-layout';
import { QuestionPages } from './customer-question-pages';
import type { LinkPageDeps, OpenedLink } from './opened-link';
import { QUESTION_TEXT } from './customer-question-text';
import { eventuallyWithin } from './within';

/** How long the page waits for the workflow to take the answer before it says "received". */
const OUTCOME_WAIT_MS = 10_000;

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

/** The link and the ask it answers, as the workflow's queries name them. */
const linkRef = (link: OpenedLink) => ({ linkId: link.payload.j, askKey: link.payload.k ?? '' });

/** The question pages and their answers: what the workflow asks of a link, and the answer it is sent. */
export class CustomerQuestions {
  private readonly secret: string;
  private readonly pages: QuestionPages;

  constructor(private readonly deps: LinkPageDeps) {
    const [secret] = deps.secrets as [string];
    this.secret = secret;
    this.pages = new QuestionPages({ secret, timeZone: deps.timeZone, now: deps.now });
  }

  /** The question of the link, or the page that says why it cannot answer. */
  async show(req: express.Request, res: express.Response, link: OpenedLink) {
    const earlier = await linkUse(this.deps.prisma, link.payload.j);
    if (earlier) return this.pages.used(res, link, earlier.usedAt);
    const asked = await this.askedOf(link);
    if (!asked.ok) return this.pages.refused(res, link, asked.refusal);
    return this.pages.question(req, res, link, asked.question);
  }

  /** A posted form: checked here, then by the workflow, then delivered (or the form comes back). */
  async answer(req: express.Request, res: express.Response, link: OpenedLink) {
    const form = formFields(req.body);
    if (!csrfValid(req, this.secret, link.payload.j, form.csrf)) return this.pages.reload(res, link);
    const earlier = await linkUse(this.deps.prisma, link.payload.j);
    if (earlier) return this.usedBefore(res, link, earlier, answerOfForm(link.payload.p as AnswerPurpose, form));
    const asked = await this.askedOf(link);
    if (!asked.ok) return this.pages.refused(res, link, asked.refusal);
    const problems = formProblems(asked.question, form, QUESTION_TEXT[link.language]);
    if (problems.length) return this.pages.question(req, res, link, asked.question, { form, problems });
    const { name, answer: fields } = answerOfForm(link.payload.p as AnswerPurpose, form);
    const linkAnswer: LinkAnswer = {
      ...linkRef(link),
      answeredAt: this.deps.now().toISOString(),
      address: req.ip,
      answer: fields,
    };
    const checked = await this.withDeadline(() => this.handleOf(link).query(linkAnswerCheckQuery, name, linkAnswer));
    if (!checked.ok && checked.refusal.code === 'invalid') {
      // the workflow's words are for staff: the customer is told it cannot be taken, in their language
      this.deps.logger.info(
        { number: link.complaint.number, refusal: checked.refusal.message },
        'customer answer refused',
      );
      const notTaken = [{ field: '', message: QUESTION_TEXT[link.language].problems.notTaken }];
      return this.pages.question(req, res, link, asked.question, { form, problems: notTaken });
    }
    if (!checked.ok) return this.pages.refused(res, link, checked.refusal);
    return this.deliver(res, link, name, linkAnswer);
  }

  /** Claims the link's single use, sends the answer's signal and shows what became of it. */
  private async deliver(res: express.Response, link: OpenedLink, name: CustomerAnswerName, linkAnswer: LinkAnswer) {
    const { prisma, now } = this.deps;
    const fields = linkAnswer.answer as Prisma.InputJsonValue;
    const claim = await claimLinkUse(prisma, link.payload, { answer: name, fields }, { now: now() });
    if (claim === 'already_used') {
      const used = await linkUse(prisma, link.payload.j);
      return used
        ? this.usedBefore(res, link, used, { name, answer: linkAnswer.answer })
        : this.pages.used(res, link, now());
    }
    try {
      await this.withDeadline(() => this.handleOf(link).signal(customerAnswerSignals[name], linkAnswer));
    } catch (error) {
      // not delivered: the link answers again later
      await prisma.customerLinkUse.delete({ where: { jti: link.payload.j } }).catch(() => undefined);
      this.deps.logger.warn({ err: error, number: link.complaint.number }, 'customer answer: signal not delivered');
      return res.status(503).type('html').send(unavailablePage());
    }
    return this.pages.answered(res, link, await this.outcomeOf(link));
  }

  /**
   * A link used already. The same answer sent again (a form sent twice, or again after its first answer was
   * lost: a dropped connection, a timeout) is shown what became of that first answer; anything else: used (410).
   */
  private async usedBefore(
    res: express.Response,
    link: OpenedLink,
    used: LinkUse,
    sent: { name: CustomerAnswerName; answer: unknown },
  ) {
    if (!sameJson(used.answer, { answer: sent.name, fields: sent.answer }))
      return this.pages.used(res, link, used.usedAt);
    return this.pages.answered(res, link, await this.outcomeOf(link));
  }

  /** What the workflow asks of the link: its question, or why it cannot answer. */
  private askedOf(link: OpenedLink) {
    return this.withDeadline(() =>
      this.handleOf(link).query(linkQuestionQuery, link.payload.p as AnswerPurpose, linkRef(link)),
    );
  }

  /** What became of the answer, once the workflow has taken it (or null when it has not yet). */
  private outcomeOf(link: OpenedLink): Promise<LinkAnswerOutcome | null> {
    return eventuallyWithin(OUTCOME_WAIT_MS, () =>
      this.withDeadline(() => this.handleOf(link).query(linkAnswerOutcomeQuery, link.payload.j)),
    );
  }

  private handleOf(link: OpenedLink) {
    return this.deps.temporal.workflow.getHandle(link.complaint.workflowId);
  }

  private withDeadline<T>(run: () => Promise<T>): Promise<T> {
    return this.deps.temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, run);
  }
}

/** The question pages and their answers. */
export function customerQuestions(deps: LinkPageDeps): CustomerQuestions {
  return new CustomerQuestions(deps);
}
