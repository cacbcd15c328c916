/**
 * The customer's status page (`GET /c/<token>` of a `status` link, api/customer-page-routes.ts), read-only, in
 * the customer's language: number, product, the stage in plain words, the next date promised, the questions
 * the complaint waits on the customer for (each with a link that answers it), and the emails sent to the
 * customer with their time in the company's zone. The stage is the workflow's when it answers in time, else the
 * one last recorded (and the page says so).
 */
import type express from 'express';
import { formatInstant } from '../mail/format-dates';
import { statusQuery, type ComplaintStatus } from '../domain/complaint-contract';
import type { CustomerAsk } from '../domain/complaint/customer-asks';
import { clockName, STAGE_NAMES } from '../domain/labels';
import type { Language } from '../domain/registration';
import type { Stage } from '../domain/stages';
import { createLinkToken, linkUrl } from '../infra/customer-links';
import { escapeHtml, page } from './customer-page-layout';
import { QUESTION_TEXT } from './customer-question-text';
import { QUERY_DEADLINE_MS } from './live-status';
import type { LinkPageDeps, OpenedLink } from './opened-link';
import { within } from './within';

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

type TextOf = (typeof TEXT)[Language];

export class StatusPage {
  constructor(private readonly deps: LinkPageDeps) {}

  /** The status page of the link's complaint. */
  async send(res: express.Response, link: OpenedLink) {
    const { complaint, language } = link;
    const t = TEXT[language];
    const [live, sent] = await Promise.all([this.readLive(complaint.workflowId), this.sentEmails(link)]);
    const stage = live?.stage ?? complaint.stage;
    const stageName = STAGE_NAMES[stage as Stage]?.[language] ?? stage.replace(/_/g, ' ');
    const body =
      `<h1>${escapeHtml(t.title)}</h1><section><dl>` +
      `<dt>${t.number}</dt><dd data-field="number">${escapeHtml(complaint.number)}</dd>` +
      `<dt>${t.product}</dt><dd data-field="product">${escapeHtml(complaint.productModel)}</dd>` +
      `<dt>${t.stage}</dt><dd data-field="stage">${escapeHtml(stageName)}</dd>` +
      this.datesRows(language, live) +
      `</dl>${live ? '' : `<p class="note">${t.stale}</p>`}</section>` +
      this.waitingSection(link, live) +
      this.sentSection(t, language, sent) +
      `<footer>${t.footer}</footer>`;
    return res
      .status(200)
      .type('html')
      .send(page(language, `${t.title} ${complaint.number}`, body));
  }

  /** The workflow's status, or null when it does not answer within the deadline. */
  private async readLive(workflowId: string): Promise<ComplaintStatus | null> {
    const { temporal, logger } = this.deps;
    const query = temporal
      .withDeadline(Date.now() + QUERY_DEADLINE_MS, () => temporal.workflow.getHandle(workflowId).query(statusQuery))
      .catch((error: unknown) => {
        logger.debug({ workflowId, err: error }, 'customer page: live status unavailable');
        return null;
      });
    return within(QUERY_DEADLINE_MS, query, null);
  }

  /** The emails sent to the complaint's customer, the first first. */
  private sentEmails({ complaint }: OpenedLink) {
    return this.deps.prisma.outboxEmail.findMany({
      where: { complaintNumber: complaint.number, recipient: complaint.customerEmail, status: 'sent' },
      orderBy: { sentAt: 'asc' },
      select: { subject: true, sentAt: true },
    });
  }

  private sentSection(t: TextOf, language: Language, sent: Array<{ subject: string; sentAt: Date | null }>): string {
    const when = (at: Date) => escapeHtml(formatInstant(at, language, this.deps.timeZone));
    const items = sent
      .filter((m): m is { subject: string; sentAt: Date } => m.sentAt !== null)
      .map(
        (m) => `<li><time datetime="${m.sentAt.toISOString()}">${when(m.sentAt)}</time>${escapeHtml(m.subject)}</li>`,
      )
      .join('');
    return `<h2>${t.sent}</h2><section><ul data-field="sent">${items || `<li>${t.none}</li>`}</ul></section>`;
  }

  /**
   * The questions the complaint waits on the customer for, each with a link that answers it (a link of its own,
   * bound to the same question: the workflow takes one answer per question, whichever link brings it).
   */
  private waitingSection({ complaint, language }: OpenedLink, live: ComplaintStatus | null): string {
    const asks = waitingAsks(live, this.deps.now());
    if (!asks.length) return '';
    const t = TEXT[language];
    const items = asks.map((ask) => {
      const token = createLinkToken(this.deps.secrets[0]!, {
        number: complaint.number,
        customerEmail: complaint.customerEmail,
        purpose: ask.purpose,
        expiresAt: new Date(ask.expiresAt),
        askKey: ask.key,
      });
      const by = escapeHtml(t.answerBy(formatInstant(new Date(ask.expiresAt), language, this.deps.timeZone)));
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
  private datesRows(language: Language, live: ComplaintStatus | null): string {
    const t = TEXT[language];
    const when = (at: Date) => formatInstant(at, language, this.deps.timeZone);
    const promise = nextPromise(live, this.deps.now());
    const [ask] = waitingAsks(live, this.deps.now());
    const next = promise ? escapeHtml(t.nextLine(when(promise.dueAt), clockName(promise.name)[language])) : t.noDate;
    const promised = promise || !ask ? `<dt>${t.next}</dt><dd data-field="next">${next}</dd>` : '';
    if (!ask) return promised;
    const due = t.nextLine(when(new Date(ask.expiresAt)), QUESTION_TEXT[language].titles[ask.purpose]);
    return `${promised}<dt>${t.answerDue}</dt><dd data-field="answer-due">${escapeHtml(due)}</dd>`;
  }
}
