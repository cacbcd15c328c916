/**
 * Prometheus metrics of the API process (`GET /metrics`): requests by route and status with latency, staff
 * actions by outcome, and, read from the database at each scrape, outbox emails by status, SLA clocks
 * breached and open complaints by stage.
 */
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { calendarCoverages } from '../infra/calendar-warnings';
import type { PrismaClient } from '../infra/database';
import type { ProfileRegistry } from '../infra/profile-registry';

export interface ApiMetrics {
  registry: Registry;
  /** Counts and times every request (by the route's pattern, not its concrete path). */
  track: RequestHandler;
}

export function createMetrics(prisma: PrismaClient, profiles: ProfileRegistry, now: () => Date): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const actions = new Counter({
    name: 'complaint_actions_total',
    help: 'Staff actions by action and HTTP status',
    labelNames: ['action', 'status'],
    registers: [registry],
  });
  const gauge = (name: string, help: string, labelNames: string[], read: () => Promise<Array<[string[], number]>>) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [labels, value] of await read())
          this.set(Object.fromEntries(labelNames.map((l, i) => [l, labels[i]!])), value);
      },
    });
  gauge('outbox_emails', 'Outbox emails by status (uncertain: a send that died mid-SMTP)', ['status'], async () =>
    (await prisma.outboxEmail.groupBy({ by: ['status'], _count: { _all: true } })).map((r) => [
      [r.status],
      r._count._all,
    ]),
  );
  gauge('sla_clocks_breached', 'SLA clocks breached, by clock name', ['clock'], async () =>
    (await prisma.slaClock.groupBy({ by: ['name'], where: { breachedAt: { not: null } }, _count: { _all: true } })).map(
      (r) => [[r.name], r._count._all],
    ),
  );
  gauge('complaints', 'Complaints by stage (as last recorded)', ['stage'], async () =>
    (await prisma.complaint.groupBy({ by: ['stage'], _count: { _all: true } })).map((r) => [[r.stage], r._count._all]),
  );
  gauge(
    'calendar_coverage_days_left',
    'Days until the last year whose public holidays a working calendar lists ends (warned at 60 or fewer)',
    ['calendar', 'last_covered_year'],
    async () =>
      calendarCoverages(profiles, now().getTime()).map((c) => [[c.calendar, String(c.lastCoveredYear)], c.daysLeft]),
  );

  const track: RequestHandler = (req, res, next) => {
    const end = requests.startTimer();
    res.on('finish', () => {
      const route = `${req.baseUrl}${(req.route as { path?: string } | undefined)?.path ?? ''}` || 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
      const action = /\/actions\/([A-Za-z]+)(\?|$)/.exec(req.originalUrl)?.[1];
      if (action && req.method === 'POST') actions.inc({ action, status: String(res.statusCode) });
    });
    next();
  };
  return { registry, track };
}
