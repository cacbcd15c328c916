/**
 * The customer's pages (issue 12): `GET /c/<token>`, reached from the signed links in customer emails — the
 * read-only status page for a `status` link, the question of a decision link (api/customer-questions.ts), and
 * `POST /c/<token>` for its answer. Outside /api/v1 and its staff authentication: the token is the only
 * credential. It must be signed with the current or a previous secret, unexpired, and bound to the complaint it
 * names and that complaint's customer; anything else gets one refusal page (404, 410 when expired) that shows
 * nothing of any complaint. The page is plain server-rendered HTML with inline CSS (no scripts, no external
 * assets), in the customer's language: number, product, the stage in plain words, the next date promised,
 * and the emails sent to the customer with their time in the company's zone.
 */
import express, { type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import { formatInstant } from '../mail/format-dates';
import { statusQuery, type ComplaintStatus } from '../domain/complaint-contract';
import type { CustomerAsk } from '../domain/complaint/customer-asks';
import { clockName, STAGE_NAMES } from '../domain/labels';
import type { Language } from '../domain/registration';
import type { Stage } from '../domain/stages';
import { checkBinding, createLinkToken, linkUrl, verifyLinkToken } from '../infra/customer-links';
import { QUESTION_TEXT } from './customer-question-text';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import { QUERY_DEADLINE_MS } from './live-status';
import { customerQuestions } from './customer-questions';
import type { OpenedLink } from './opened-link';
import {
  createWindowLimiter,
  escapeHtml,
  page,
  refusalPage,
  tooManyPage,
  unavailablePage,
} from './customer-page-layout';
import { within } from './within';

/** What the customer page is built over. */
export interface CustomerPageDeps {
  prisma: PrismaClient;
  temporal: Client;
  logger: Logger;
  /** COMPLAINT_TIMEZONE: the times on the page. */
  timeZone: string;
  /** CUSTOMER_LINK_SECRET first, then CUSTOMER_LINK_PREVIOUS_SECRETS. */
  secrets: string[];
  /** Requests per minute for one token and for one client address before 429; default 30. */
  perMinute?: number;
  now?: () => Date;
}

/**
 * The clocks whose due instant is a date the customer was promised (contact, answer, plan, visit, …); the
 * page shows the earliest one still running. Internal clocks (acknowledgement, telling the owners, the
 * investigation, the effectiveness check) are not the customer's.
 */
const CUSTOMER_CLOCKS = new Set([
  'first_contact',
  'response',
  'answer',
  'plan',
  'revision',
  'preliminary_report',
  'escalated_resolution',
  'temporary_plan',
  'dispatch',
  'arrival',
  'restore',
  'result_feedback',
  'callback',
]);

const TEXT = {
  'zh-CN': {
    title: '投诉进度',
    number: '投诉编号',
    product: '产品',
    stage: '当前阶段',
    next: '下一个承诺日期',
    nextLine: (date: string, what: string) => `${date} 之前（${what}）`,
    noDate: '暂无',
    answerDue: '请您答复的日期',
    sent: '我们发给您的邮件',
    waiting: '等待您的答复',
    answerBy: (date: string) => `${date} 之前`,
    answer: '答复',
    subject: '主题',
    at: '发送时间',
    none: '暂无',
    stale: '暂时无法获取实时进度，显示的是最近记录的阶段。',
    footer: '如需其他答复，请回复我们的邮件或联系客服。',
  },
  en: {
    title: 'Your complaint',
    number: 'Complaint number',
    product: 'Product',
    stage: 'Stage',
    next: 'Next date promised',
    nextLine: (date: string, what: string) => `by ${date} (${what})`,
    noDate: 'none at the moment',
    answerDue: 'Your answer is due',
    sent: 'What we sent you and when',
    waiting: 'Waiting for your answer',
    answerBy: (date: string) => `by ${date}`,
    answer: 'Answer',
    subject: 'Subject',
    at: 'Sent',
    none: 'nothing yet',
    stale: 'The live status is not available right now; this is the stage last recorded.',
    footer: 'For anything else, reply to our email or call customer service.',
  },
} as const;

/** The earliest running clock the customer was promised, due after `now`. */
export function nextPromise(live: ComplaintStatus | null, now: Date): { name: string; dueAt: Date } | undefined {
  const running = (live?.deadlines ?? [])
    .filter((d) => CUSTOMER_CLOCKS.has(d.name) && !d.metAt && !d.breachedAt && !d.pausedAt)
    .map((d) => ({ name: d.name, dueAt: new Date(d.dueAt) }))
    .filter((d) => d.dueAt.getTime() > now.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return running[0];
}

/** The questions the complaint waits on the customer for, still open at `now`, the earliest due first. */
export function waitingAsks(live: ComplaintStatus | null, now: Date): CustomerAsk[] {
  return (live?.openAsks ?? [])
    .filter((a) => Date.parse(a.expiresAt) > now.getTime())
    .sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
}

/** The router of the customer pages (status and questions), mounted at the application's root. */
export function customerPageRoutes(deps: CustomerPageDeps): express.Router {
  const router = express.Router();
  const limiter = createWindowLimiter(deps.perMinute ?? 30);
  const now = deps.now ?? (() => new Date());
  const questions = customerQuestions({ ...deps, now });

  const headers: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Robots-Tag', 'noindex, nofollow');
    next();
  };

  const limit: RequestHandler = (req, res, next) => {
    const token = String(req.params.token ?? '').slice(0, 600);
    const waits = [limiter.hit(`token:${token}`), limiter.hit(`ip:${req.ip ?? 'unknown'}`)];
    const wait = Math.max(...waits);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      res.status(429).type('html').send(tooManyPage());
      return;
    }
    next();
  };

  const refuse = (res: express.Response, status: 404 | 410) => res.status(status).type('html').send(refusalPage());

  /** The request's link, verified and bound to its complaint and customer; else the refusal page is sent. */
  async function openLink(req: express.Request, res: express.Response): Promise<OpenedLink | undefined> {
    const verified = verifyLinkToken(deps.secrets, req.params.token, { now: now() });
    if (!verified.ok) return void refuse(res, verified.reason === 'expired' ? 410 : 404);
    const { payload } = verified;
    const complaint = await deps.prisma.complaint.findUnique({ where: { number: payload.n } });
    if (!complaint || !checkBinding(payload, { number: complaint.number, customerEmail: complaint.customerEmail })) {
      return void refuse(res, 404);
    }
    const language = complaint.customerLanguage === 'en' ? 'en' : 'zh-CN';
    return { token: String(req.params.token), payload, complaint, language };
  }

  /** Runs a page; a failure of ours gets the "temporarily unavailable" page, never a stack trace. */
  const pageHandler =
    (handle: (req: express.Request, res: express.Response, link: OpenedLink) => Promise<unknown>): RequestHandler =>
    async (req, res) => {
      try {
        const link = await openLink(req, res);
        if (link) await handle(req, res, link);
      } catch (error) {
        deps.logger.error({ err: error }, 'customer page failed');
        if (!res.headersSent) res.status(503).type('html').send(unavailablePage());
      }
    };

  async function readLive(workflowId: string): Promise<ComplaintStatus | null> {
    const query = deps.temporal
      .withDeadline(Date.now() + QUERY_DEADLINE_MS, () =>
        deps.temporal.workflow.getHandle(workflowId).query(statusQuery),
      )
      .catch((error: unknown) => {
        deps.logger.debug({ workflowId, err: error }, 'customer page: live status unavailable');
        return null;
      });
    return within(QUERY_DEADLINE_MS, query, null);
  }

  /**
   * The questions the complaint waits on the customer for, each with a link that answers it (a link of its own,
   * bound to the same question: the workflow takes one answer per question, whichever link brings it).
   */
  function waitingSection({ complaint, language }: OpenedLink, live: ComplaintStatus | null): string {
    const asks = waitingAsks(live, now());
    if (!asks.length) return '';
    const t = TEXT[language];
    const items = asks.map((ask) => {
      const token = createLinkToken(deps.secrets[0]!, {
        number: complaint.number,
        customerEmail: complaint.customerEmail,
        purpose: ask.purpose,
        expiresAt: new Date(ask.expiresAt),
        askKey: ask.key,
      });
      const by = escapeHtml(t.answerBy(formatInstant(new Date(ask.expiresAt), language, deps.timeZone)));
      return (
        `<li data-purpose="${ask.purpose}">${escapeHtml(QUESTION_TEXT[language].titles[ask.purpose])}` +
        `<time>${by}</time><a href="${escapeHtml(linkUrl('', token))}">${t.answer}</a></li>`
      );
    });
    return `<h2>${t.waiting}</h2><section><ul data-field="waiting">${items.join('')}</ul></section>`;
  }

  /**
   * The next date promised to the customer, and the date the earliest waiting question is to be answered by;
   * "none" only when neither is there.
   */
  function datesRows(language: Language, live: ComplaintStatus | null): string {
    const t = TEXT[language];
    const when = (at: Date) => formatInstant(at, language, deps.timeZone);
    const promise = nextPromise(live, now());
    const [ask] = waitingAsks(live, now());
    const next = promise ? escapeHtml(t.nextLine(when(promise.dueAt), clockName(promise.name)[language])) : t.noDate;
    const promised = promise || !ask ? `<dt>${t.next}</dt><dd data-field="next">${next}</dd>` : '';
    if (!ask) return promised;
    const due = t.nextLine(when(new Date(ask.expiresAt)), QUESTION_TEXT[language].titles[ask.purpose]);
    return `${promised}<dt>${t.answerDue}</dt><dd data-field="answer-due">${escapeHtml(due)}</dd>`;
  }

  async function statusPage(res: express.Response, link: OpenedLink) {
    const { complaint, language } = link;
    const t = TEXT[language];
    const [live, sent] = await Promise.all([
      readLive(complaint.workflowId),
      deps.prisma.outboxEmail.findMany({
        where: { complaintNumber: complaint.number, recipient: complaint.customerEmail, status: 'sent' },
        orderBy: { sentAt: 'asc' },
        select: { subject: true, sentAt: true },
      }),
    ]);
    const stage = live?.stage ?? complaint.stage;
    const stageName = STAGE_NAMES[stage as Stage]?.[language] ?? stage.replace(/_/g, ' ');
    const when = (at: Date) => escapeHtml(formatInstant(at, language, deps.timeZone));
    const items = sent
      .filter((m): m is { subject: string; sentAt: Date } => m.sentAt !== null)
      .map(
        (m) => `<li><time datetime="${m.sentAt.toISOString()}">${when(m.sentAt)}</time>${escapeHtml(m.subject)}</li>`,
      )
      .join('');
    const body =
      `<h1>${escapeHtml(t.title)}</h1><section><dl>` +
      `<dt>${t.number}</dt><dd data-field="number">${escapeHtml(complaint.number)}</dd>` +
      `<dt>${t.product}</dt><dd data-field="product">${escapeHtml(complaint.productModel)}</dd>` +
      `<dt>${t.stage}</dt><dd data-field="stage">${escapeHtml(stageName)}</dd>` +
      datesRows(language, live) +
      `</dl>${live ? '' : `<p class="note">${t.stale}</p>`}</section>` +
      waitingSection(link, live) +
      `<h2>${t.sent}</h2><section><ul data-field="sent">${items || `<li>${t.none}</li>`}</ul></section>` +
      `<footer>${t.footer}</footer>`;
    return res
      .status(200)
      .type('html')
      .send(page(language, `${t.title} ${complaint.number}`, body));
  }

  router.get(
    '/c/:token',
    headers,
    limit,
    pageHandler((req, res, link) =>
      link.payload.p === 'status' ? statusPage(res, link) : questions.show(req, res, link),
    ),
  );
  router.post(
    '/c/:token',
    headers,
    limit,
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }),
    pageHandler(async (req, res, link) => {
      if (link.payload.p === 'status') return refuse(res, 404);
      if (!req.is('application/x-www-form-urlencoded')) return res.status(415).type('html').send(refusalPage());
      return questions.answer(req, res, link);
    }),
  );
  // what the form parser refuses (a body over 16 kB, a malformed one): a page, never the API's JSON errors
  router.use('/c', ((error, _req, res, next) => {
    const status = (error as { status?: number }).status;
    if (!status || status >= 500) return next(error);
    res.status(status).type('html').send(refusalPage());
  }) as express.ErrorRequestHandler);
  return router;
}
