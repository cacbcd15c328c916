/** Headers, limits and endpoints every HTTP client meets: security headers, 405, 429, readiness, metrics. */
import request from 'supertest';
import { createApp } from '../../api/app';
import { createLogger } from '../../infra/logger';
import { createProfileRegistry } from '../../infra/profile-registry';
import { startHarness, type Harness } from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ worker: false });
});

afterAll(async () => {
  await h?.stop();
});

test('security headers everywhere; personal data is never cached', async () => {
  const health = await request(h.app).get('/healthz').expect(200);
  expect(health.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'referrer-policy': 'no-referrer',
    'content-security-policy': expect.stringContaining("default-src 'self'"),
  });
  const list = await request(h.app).get('/api/v1/complaints').set('Authorization', h.as('sales')).expect(200);
  expect(list.headers['cache-control']).toBe('no-store');
});

test('a known path with a wrong method is a 405 with Allow; an unknown path a 404', async () => {
  const res = await request(h.app).delete('/api/v1/complaints/202611-001').set('Authorization', h.as('admin'));
  expect([res.status, res.headers.allow]).toEqual([405, 'GET']);
  const actions = await request(h.app)
    .get('/api/v1/complaints/202611-001/actions/classify')
    .set('Authorization', h.as('admin'));
  expect([actions.status, actions.headers.allow]).toEqual([405, 'POST']);
  await request(h.app).get('/api/v1/nothing-here').set('Authorization', h.as('admin')).expect(404);
});

test('readiness: anonymous callers learn only whether it is ready; staff see which component', async () => {
  const anonymous = await request(h.app).get('/readyz').expect(200);
  expect(anonymous.body).toEqual({ status: 'ready' });
  const staff = await request(h.app).get('/readyz').set('Authorization', h.as('sales')).expect(200);
  expect(staff.body).toEqual({
    status: 'ready',
    checks: { temporal: true, database: true, smtp: true },
    warnings: expect.any(Array),
  });
});

test('a calendar within 60 days of its last covered year: a warning for staff on /readyz (still ready) and a metric', async () => {
  // the built-in calendar lists 2026; "now" is injected: mid-year nothing is said, on 1 December 31 days are left
  const midYear = await request(appWith({ now: () => new Date('2026-06-01T04:00:00Z') }))
    .get('/readyz')
    .set('Authorization', h.as('sales'))
    .expect(200);
  expect(midYear.body.warnings).toEqual([]);
  const december = appWith({ now: () => new Date('2026-12-01T04:00:00Z') });
  const ending = await request(december).get('/readyz').set('Authorization', h.as('sales')).expect(200);
  expect(ending.body.status).toBe('ready');
  expect(ending.body.warnings).toEqual([
    expect.objectContaining({
      kind: 'calendar_coverage',
      calendar: 'cn-mainland',
      lastCoveredYear: 2026,
      daysLeft: 31,
      state: 'ending',
      profiles: ['industrial-fault', 'quality-improvement', 'engine-plant', 'after-sales', 'cr-mp25'],
      message: expect.stringContaining('add 2027 with a calendar file (CALENDAR_FILES)'),
    }),
  ]);
  expect((await request(december).get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
  const metrics = await request(december).get('/metrics').expect(200);
  expect(metrics.text).toContain('calendar_coverage_days_left{calendar="cn-mainland",last_covered_year="2026"} 31');
});

/** An app of its own over the harness's components, with settings of the test. */
function appWith(settings: Partial<Parameters<typeof createApp>[0]>) {
  return createApp({
    service: h.service,
    prisma: h.prisma,
    temporal: h.temporal,
    mailer: h.mailer,
    logger: createLogger('silent'),
    profiles: createProfileRegistry(undefined, h.config.DEFAULT_PROFILE),
    timeZone: h.config.COMPLAINT_TIMEZONE,
    ...settings,
  });
}

test('failed authentication is limited per client: 429 with Retry-After', async () => {
  const app = appWith({ authFailuresPerMinute: 3 });
  for (let i = 0; i < 3; i += 1)
    await request(app).get('/api/v1/complaints').set('Authorization', 'Bearer wrong').expect(401);
  const limited = await request(app).get('/api/v1/complaints').set('Authorization', 'Bearer wrong').expect(429);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
});

test('the customer page: helmet headers, never cached, no referrer; 429 per client address beyond the limit', async () => {
  const app = appWith({
    customerLinks: { secrets: [h.config.CUSTOMER_LINK_SECRET], perMinute: 3 },
  });
  for (let i = 0; i < 3; i += 1) {
    // a different (bad) token each time: the address's limit counts them all
    const refused = await request(app).get(`/c/bad-token-${i}`).expect(404);
    expect(refused.headers).toMatchObject({
      'content-type': expect.stringContaining('text/html'),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(refused.text).toContain('This link is not valid or has expired');
  }
  const limited = await request(app).get('/c/bad-token-3').expect(429);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  // the page is not under /api/v1: no staff token asked for
  expect(limited.headers['www-authenticate']).toBeUndefined();
});

test('/metrics: requests, actions, outbox states, breached clocks and complaints by stage', async () => {
  await request(h.app).get('/api/v1/complaints').set('Authorization', h.as('sales')).expect(200);
  const metrics = await request(h.app).get('/metrics').expect(200);
  expect(metrics.headers['content-type']).toContain('text/plain');
  for (const name of ['http_request_duration_seconds', 'outbox_emails', 'sla_clocks_breached', 'complaints'])
    expect(metrics.text).toContain(`# TYPE ${name}`);
  expect(metrics.text).toMatch(
    /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/complaints\/",status="200"\}/,
  );
});

test('uncertain emails are listed for the quality manager (not for sales); only an uncertain one is resent', async () => {
  await request(h.app).get('/api/v1/outbox').set('Authorization', h.as('sales')).expect(403);
  const listed = await request(h.app).get('/api/v1/outbox').set('Authorization', h.as('quality_manager')).expect(200);
  expect(listed.body.items.every((r: { status: string }) => r.status === 'uncertain')).toBe(true);
  await request(h.app)
    .post('/api/v1/outbox/00000000-0000-4000-8000-000000000000/resend')
    .set('Authorization', h.as('admin'))
    .expect(409);
});
