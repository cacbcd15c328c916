/**
 * The customer's pages (issue 12): `GET /c/<token>`, reached from the signed links in customer emails — the
 * read-only status page for a `status` link (api/customer-status-page.ts), the question of a decision link
 * (api/customer-questions.ts), and `POST /c/<token>` for its answer. Outside /api/v1 and its staff
 * authentication: the token is the only credential. It must be signed with the current or a previous secret,
 * unexpired, and bound to the complaint it names and that complaint's customer; anything else gets one refusal
 * page (404, 410 when expired) that shows nothing of any complaint. The page is plain server-rendered HTML with
 * inline CSS (no scripts, no external assets), in the customer's language: number, product, the stage in plain
 * words, the next date promised, and the emails sent to the customer with their time in the company's zone.
 */
import express, { type RequestHandler } from 'express';
import { checkBinding, verifyLinkToken } from '../infra/customer-links';
import { customerQuestions } from './customer-questions';
import { StatusPage } from './customer-status-page';
import type { LinkPageDeps, OpenedLink } from './opened-link';
import { createWindowLimiter, refusalPage, tooManyPage, unavailablePage } from './customer-page-layout';

/** What the customer page is built over: what its pages read (api/opened-link.ts), a rate and a clock of choice. */
export interface CustomerPageDeps extends Omit<LinkPageDeps, 'now'> {
  /** Requests per minute for one token and for one client address before 429; default 30. */
  perMinute?: number;
  now?: () => Date;
}

/** A page of an opened link. */
type LinkPage = (req: express.Request, res: express.Response, link: OpenedLink) => Promise<unknown>;

/** The headers of every customer page: never cached, no referrer, not indexed. */
const pageHeaders: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  res.set('Referrer-Policy', 'no-referrer');
  res.set('X-Robots-Tag', 'noindex, nofollow');
  next();
};

/** 429 (with Retry-After) once one token or one client address has asked `perMinute` times within a minute. */
function rateLimit(perMinute: number): RequestHandler {
  const limiter = createWindowLimiter(perMinute);
  return (req, res, next) => {
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
}

const refuse = (res: express.Response, status: 404 | 410) => res.status(status).type('html').send(refusalPage());

/** The request's link, verified and bound to its complaint and customer; else the refusal page is sent. */
async function openLink(
  deps: LinkPageDeps,
  req: express.Request,
  res: express.Response,
): Promise<OpenedLink | undefined> {
  const verified = verifyLinkToken(deps.secrets, req.params.token, { now: deps.now() });
  if (!verified.ok) return void refuse(res, verified.reason === 'expired' ? 410 : 404);
  const { payload } = verified;
  const complaint = await deps.prisma.complaint.findUnique({ where: { number: payload.n } });
  if (!complaint || !checkBinding(payload, { number: complaint.number, customerEmail: complaint.customerEmail })) {
    return void refuse(res, 404);
  }
  const language = complaint.customerLanguage === 'en' ? 'en' : 'zh-CN';
  return { token: String(req.params.token), payload, complaint, language };
}

/** Runs a page of the request's link; a failure of ours gets the "temporarily unavailable" page, never a stack trace. */
function linkPageHandler(deps: LinkPageDeps) {
  return (handle: LinkPage): RequestHandler =>
    async (req, res) => {
      try {
        const link = await openLink(deps, req, res);
        if (link) await handle(req, res, link);
      } catch (error) {
        deps.logger.error({ err: error }, 'customer page failed');
        if (!res.headersSent) res.status(503).type('html').send(unavailablePage());
      }
    };
}

/** What the form parser refuses (a body over 16 kB, a malformed one): a page, never the API's JSON errors. */
const formParserErrors: express.ErrorRequestHandler = (error, _req, res, next) => {
  const status = (error as { status?: number }).status;
  if (!status || status >= 500) return next(error);
  res.status(status).type('html').send(refusalPage());
};

/** The router of the customer pages (status and questions), mounted at the application's root. */
export function customerPageRoutes(deps: CustomerPageDeps): express.Router {
  const router = express.Router();
  const limit = rateLimit(deps.perMinute ?? 30);
  const linkDeps: LinkPageDeps = { ...deps, now: deps.now ?? (() => new Date()) };
  const questions = customerQuestions(linkDeps);
  const statusPage = new StatusPage(linkDeps);
  const linkPage = linkPageHandler(linkDeps);

  const show: LinkPage = (req, res, link) =>
    link.payload.p === 'status' ? statusPage.send(res, link) : questions.show(req, res, link);

  const answer: LinkPage = async (req, res, link) => {
    if (link.payload.p === 'status') return refuse(res, 404);
    if (!req.is('application/x-www-form-urlencoded')) return res.status(415).type('html').send(refusalPage());
    return questions.answer(req, res, link);
  };

  router.get('/c/:token', pageHeaders, limit, linkPage(show));
  router.post(
    '/c/:token',
    pageHeaders,
    limit,
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }),
    linkPage(answer),
  );
  router.use('/c', formParserErrors);
  return router;
}
