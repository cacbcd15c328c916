import express from 'express';
import type { Client } from '@temporalio/client';
import { databaseReachable, type PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';
import { temporalReachable } from '../infra/temporal-connection';
import { complaintRoutes } from './complaint-routes';
import { correctiveActionRoutes } from './corrective-action-routes';
import { recallRoutes } from './recall-routes';
import type { ComplaintService } from './complaint-service';
import { authenticate, createTokenCache } from './auth';
import { actorForToken } from '../infra/staff';
import { authFailureLimit, noStore, notFound, securityHeaders } from './hygiene';
import { calendarWarnings, warningText } from '../infra/calendar-warnings';
import { createMetrics } from './metrics';
import { jsonBody } from './body';
import { storableQueryAndPath } from './request-text';
import { within } from './within';
import { errorHandler, NotFoundError } from './errors';
import { docsPage, openApiDocument } from './openapi';
import { staffRoutes } from './staff-routes';
import { customerPageRoutes } from './customer-page-routes';
import { shipmentRoutes } from './shipment-routes';
import { outboxRoutes } from './outbox-routes';
import { caseLibraryRoutes } from './case-library-routes';
import { performanceReportRoutes } from './performance-report-routes';
import { monthlyReportRoutes } from './monthly-report-routes';
import { installedBaseRoutes, maintenanceOrderRoutes } from './maintenance-routes';
import type { ProfileRegistry } from '../infra/profile-registry';

/** What the HTTP app is built over. */
export interface AppDeps {
  service: ComplaintService;
  profiles: ProfileRegistry;
  prisma: PrismaClient;
  temporal: Client;
  mailer: Mailer;
  logger: Logger;
  /** The company's time zone (COMPLAINT_TIMEZONE): months of the performance report. */
  timeZone: string;
  /** Failed authentications a client may make per minute before 429 (AUTH_FAILURES_PER_MINUTE). */
  authFailuresPerMinute?: number;
  /** How long a valid token is trusted without reading the staff table again (AUTH_CACHE_MS). */
  authCacheMs?: number;
  /** The clock calendar warnings are read against (tests move it); the real one otherwise. */
  now?: () => Date;
  /** REPLY_MAILBOX: an email resent by hand carries the complaint's Reply-To as it was first sent. */
  replyMailbox?: string;
  /**
   * The customer's status page `GET /c/<token>` (api/customer-page-routes.ts): the secrets its links verify with
   * (CUSTOMER_LINK_SECRET, then CUSTOMER_LINK_PREVIOUS_SECRETS). None: no customer page.
   */
  customerLinks?: { secrets: string[]; perMinute?: number };
  /** REPORT_FONT_FILE: the CJK font of the monthly report's PDF (the default path otherwise). */
  fontFile?: string;
}

/** Each readiness check answers within this, or counts as down. */
const READY_CHECK_MS = 2_000;

async function smtpReachable(mailer: Mailer): Promise<boolean> {
  try {
    await mailer.verify();
    return true;
  } catch {
    return false;
  }
}

/** The Express application: health endpoints, the complaint API and the error handler. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  const metrics = createMetrics(deps.prisma, deps.profiles, deps.now ?? (() => new Date()));
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(metrics.track);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      deps.logger.info(
        // a customer link's token is a credential: never in the log
        {
          method: req.method,
          path: req.originalUrl.replace(/^\/c\/[^/?#]+/, '/c/…'),
          status: res.statusCode,
          ms: Math.round(ms),
        },
        'request',
      );
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/readyz', async (req, res) => {
    const [temporal, database, smtp] = await Promise.all([
      within(READY_CHECK_MS, temporalReachable(deps.temporal), false),
      within(READY_CHECK_MS, databaseReachable(deps.prisma), false),
      within(READY_CHECK_MS, smtpReachable(deps.mailer), false),
    ]);
    const ready = temporal && database && smtp;
    // which component is down is for staff; anonymous callers learn only whether the service is ready
    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const staff =
      database && token ? await within(READY_CHECK_MS, actorForToken(deps.prisma, token).then(Boolean), false) : false;
    const status = ready ? 'ready' : 'not_ready';
    // a calendar near the end of its covered years is a warning for staff, not unreadiness
    const warnings = calendarWarnings(deps.profiles, (deps.now?.() ?? new Date()).getTime()).map((c) => ({
      kind: 'calendar_coverage',
      ...c,
      message: warningText(c),
    }));
    res.status(ready ? 200 : 503).json(staff ? { status, checks: { temporal, database, smtp }, warnings } : { status });
  });

  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(docsPage());
  });
  if (deps.customerLinks) {
    // the customer's page: outside /api/v1 and its staff authentication (the signed token is the credential)
    app.use(
      customerPageRoutes({
        ...deps,
        secrets: deps.customerLinks.secrets,
        perMinute: deps.customerLinks.perMinute,
      }),
    );
  }
  const tokens = createTokenCache(deps.prisma, deps.authCacheMs ?? 5_000);
  app.use(
    '/api/v1',
    noStore,
    authFailureLimit(deps.authFailuresPerMinute ?? 30),
    authenticate(tokens),
    storableQueryAndPath(Object.keys(openApiDocument().paths)),
  );
  // shipment files (CSV or JSON up to 20 MB) come with their own parsers, read after authentication and the
  // role check; every other route gets the JSON body handling (JSON only, 1 MB), likewise after authentication
  app.use('/api/v1/shipments', shipmentRoutes({ prisma: deps.prisma, timeZone: deps.timeZone, now: () => new Date() }));
  app.use(...jsonBody());
  app.use('/api/v1/complaints', complaintRoutes(deps.service));
  app.use('/api/v1/cases', caseLibraryRoutes(deps.prisma));
  app.use(
    '/api/v1/corrective-actions',
    correctiveActionRoutes({ ...deps, taskQueue: deps.service.taskQueue, now: () => new Date() }),
  );
  app.use('/api/v1/recalls', recallRoutes({ ...deps, taskQueue: deps.service.taskQueue, now: () => new Date() }));
  app.use('/api/v1/staff', staffRoutes(deps.prisma, tokens));
  app.use('/api/v1/outbox', outboxRoutes(deps));
  app.use('/api/v1/reports', performanceReportRoutes(deps.prisma, deps.timeZone, deps.profiles));
  app.use('/api/v1/reports/monthly', monthlyReportRoutes({ ...deps, now: () => new Date() }));
  app.use('/api/v1/installed-base', installedBaseRoutes({ ...deps, now: () => new Date() }));
  app.use('/api/v1/maintenance-orders', maintenanceOrderRoutes({ ...deps, now: () => new Date() }));
  app.get('/api/v1/profiles', (_req, res) => {
    res.json(
      deps.profiles
        .list()
        .map((p) => ({ ...p.profile, hash: p.hash, default: p.profile.id === deps.profiles.defaultId })),
    );
  });
  app.get('/api/v1/profiles/:id', (req, res) => {
    const pinned = deps.profiles.get(req.params.id);
    if (!pinned) throw new NotFoundError(`no profile ${req.params.id}`);
    res.json({ ...pinned.profile, hash: pinned.hash });
  });
  app.use(notFound());
  app.use(errorHandler(deps.logger));
  return app;
}
