/**
 * The customer's read-only status page (issue 12): `GET /c/<token>`, reached from the signed link in every
 * customer email. Outside /api/v1 and its staff authentication: the token is the only credential. It must be
 * a `status` link, signed with the current or a previous secret, unexpired, and bound to the complaint it
 * names and that complaint's customer; anything else gets one refusal page (404, 410 when expired) that shows
 * nothing of any complaint. The page is plain server-rendered HTML with inline CSS (no scripts, no external
 * assets), in the customer's language: number, product, the stage in plain words, the next date promised,
 * and the emails sent to the customer with their time in the company's zone.
 */
import express, { type RequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import { formatInstant } from '../activities/email-templates';
import { statusQuery, type ComplaintStatus } from '../domain/complaint-contract';
import { clockName, STAGE_NAMES } from '../domain/labels';
import type { Language } from '../domain/registration';
import type { Stage } from '../domain/stages';
import { checkBinding, verifyLinkToken } from '../infra/customer-links';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import { QUERY_DEADLINE_MS } from './complaint-service';
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
    sent: '我们发给您的邮件',
    subject: '主题',
    at: '发送时间',
    none: '暂无',
    stale: '暂时无法获取实时进度，显示的是最近记录的阶段。',
    footer: '此页面仅供查看。如需答复，请回复我们的邮件或联系客服。',
  },
  en: {
    title: 'Your complaint',
    number: 'Complaint number',
    product: 'Product',
    stage: 'Stage',
    next: 'Next date promised',
    nextLine: (date: string, what: string) => `by ${date} (${what})`,
    noDate: 'none at the moment',
    sent: 'What we sent you and when',
    subject: 'Subject',
    at: 'Sent',
    none: 'nothing yet',
    stale: 'The live status is not available right now; this is the stage last recorded.',
    footer: 'This page is for reading only. To answer, reply to our email or call customer service.',
  },
} as const;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1d2433;background:#f4f6f9}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
section{background:#fff;border-radius:.5rem;padding:1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
dl{margin:0}
dt{font-size:.85rem;color:#5a6478;margin-top:.75rem}
dt:first-child{margin-top:0}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
ul{list-style:none;margin:0;padding:0}
li{padding:.6rem 0;border-top:1px solid #e3e7ee;overflow-wrap:anywhere}
li:first-child{border-top:0}
time{display:block;font-size:.85rem;color:#5a6478}
.note{color:#8a5a00}
footer{font-size:.85rem;color:#5a6478;margin-top:1.5rem}
`;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(language: Language, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex, nofollow">` +
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>`
  );
}

/** The one page for every link that does not open a complaint: no data of any complaint on it. */
export function refusalPage(): string {
  return page(
    'zh-CN',
    '此链接无效或已过期 / This link is not valid or has expired',
    `<section><h1>此链接无效或已过期</h1><p>请使用我们最近一封邮件中的链接，或联系客服。</p></section>` +
      `<section lang="en" style="margin-top:1rem"><h1>This link is not valid or has expired</h1>` +
      `<p>Please use the link in our latest email, or contact customer service.</p></section>`,
  );
}

function unavailablePage(): string {
  return page(
    'zh-CN',
    '暂时无法显示 / Temporarily unavailable',
    `<section><h1>页面暂时无法显示</h1><p>请稍后再试。</p></section>` +
      `<section lang="en" style="margin-top:1rem"><h1>This page is temporarily unavailable</h1>` +
      `<p>Please try again later.</p></section>`,
  );
}

function tooManyPage(): string {
  return page(
    'zh-CN',
    '请求过于频繁 / Too many requests',
    `<section><h1>请求过于频繁</h1><p>请一分钟后再试。</p></section>` +
      `<section lang="en" style="margin-top:1rem"><h1>Too many requests</h1>` +
      `<p>Please try again in a minute.</p></section>`,
  );
}

/** The earliest running clock the customer was promised, due after `now`. */
export function nextPromise(live: ComplaintStatus | null, now: Date): { name: string; dueAt: Date } | undefined {
  const running = (live?.deadlines ?? [])
    .filter((d) => CUSTOMER_CLOCKS.has(d.name) && !d.metAt && !d.breachedAt && !d.pausedAt)
    .map((d) => ({ name: d.name, dueAt: new Date(d.dueAt) }))
    .filter((d) => d.dueAt.getTime() > now.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return running[0];
}

/**
 * At most `perMinute` requests per key in a fixed one-minute window. Hand-written, like the API's
 * authentication limit (api/hygiene.ts): two keys per request (the token and the client address), both
 * counted, and expired windows dropped once the map grows large.
 */
export function createWindowLimiter(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts a request of `key`; the seconds to wait when it is over the limit, else 0. */
    hit(key: string): number {
      const at = now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= at) windows.delete(k);
      const current = windows.get(key);
      if (!current || current.resetAt <= at) {
        windows.set(key, { count: 1, resetAt: at + 60_000 });
        return 0;
      }
      current.count += 1;
      return current.count > perMinute ? Math.ceil((current.resetAt - at) / 1000) : 0;
    },
  };
}

/** The router of the customer page, mounted at the application's root. */
export function customerPageRoutes(deps: CustomerPageDeps): express.Router {
  const router = express.Router();
  const limiter = createWindowLimiter(deps.perMinute ?? 30);
  const now = deps.now ?? (() => new Date());

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

  router.get('/c/:token', headers, limit, async (req, res) => {
    const refuse = (status: 404 | 410) => res.status(status).type('html').send(refusalPage());
    try {
      const verified = verifyLinkToken(deps.secrets, req.params.token, { now: now() });
      if (!verified.ok) return refuse(verified.reason === 'expired' ? 410 : 404);
      const { payload } = verified;
      const complaint = await deps.prisma.complaint.findUnique({ where: { number: payload.n } });
      if (
        !complaint ||
        !checkBinding(payload, { number: complaint.number, customerEmail: complaint.customerEmail, purpose: 'status' })
      ) {
        return refuse(404);
      }
      const language: Language = complaint.customerLanguage === 'en' ? 'en' : 'zh-CN';
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
      const promise = nextPromise(live, now());
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
        `<dt>${t.next}</dt><dd data-field="next">${
          promise
            ? escapeHtml(
                t.nextLine(formatInstant(promise.dueAt, language, deps.timeZone), clockName(promise.name)[language]),
              )
            : t.noDate
        }</dd>` +
        `</dl>${live ? '' : `<p class="note">${t.stale}</p>`}</section>` +
        `<h2>${t.sent}</h2><section><ul data-field="sent">${items || `<li>${t.none}</li>`}</ul></section>` +
        `<footer>${t.footer}</footer>`;
      return res
        .status(200)
        .type('html')
        .send(page(language, `${t.title} ${complaint.number}`, body));
    } catch (error) {
      deps.logger.error({ err: error }, 'customer page failed');
      return res.status(503).type('html').send(unavailablePage());
    }
  });
  return router;
}
