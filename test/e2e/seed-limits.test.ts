/**
 * Issue 23 on the real stack (Temporal dev server, PostgreSQL, SMTP, the API): `receivedAt` validated and shown;
 * a 004 major complaint received nearly 4 h before registration breaches "finding to sales within 4 h of
 * receipt" within seconds unless the finding reaches sales; a major one without a root cause sends the customer
 * a PDF preliminary report in their language within its limit; the 8D report answers, marked interim, before D8.
 */
import request from 'supertest';
import { pdfText } from '../support/pdf-text';
import {
  eventually,
  readComplaint,
  registrationBody,
  startHarness,
  takeAction,
  type Harness,
} from '../support/harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const HOUR = 3_600_000;
const MAJOR = { majorComplaint: true };

function register(body: object) {
  return request(h.app).post('/api/v1/complaints').set('Authorization', h.as('customer_service')).send(body);
}

/** A 004 complaint in warranty, major, received `earlierMs` ago, by a customer writing in `language`. */
async function major004(earlierMs: number, language: 'zh-CN' | 'en' = 'zh-CN') {
  const receivedAt = new Date(Date.now() - earlierMs).toISOString();
  const body = registrationBody({ profileId: 'cr-mp25', receivedAt, facts: MAJOR });
  body.customer = { ...body.customer, language };
  body.product = { ...body.product, warrantyStatus: 'in' } as typeof body.product;
  const created = await register(body).expect(201);
  const number: string = created.body.number;
  await readComplaint(h, number, (live) => live.stage === 'triage');
  await takeAction(h, number, 'classify', 'sales', { type: 'quality_in_warranty', facts: MAJOR });
  await takeAction(h, number, 'checkValidity', 'quality_manager', {
    valid: true,
    reason: 'our fault',
    customerContacted: true,
  });
  return { number, receivedAt, email: body.customer.email };
}

const diagnosis = {
  cause: 'manufacturing',
  defectCode: 'assembly',
  findings: 'intermittent contact in the connector',
  analysis: { method: 'five_why', whys: ['no signal', 'loose pin'] },
};

test('receivedAt: never in the future, at most 30 days back (400 naming the field); shown on the record and in the acknowledgement', async () => {
  for (const receivedAt of [
    new Date(Date.now() + HOUR).toISOString(),
    new Date(Date.now() - 31 * 24 * HOUR).toISOString(),
  ]) {
    const refused = await register(registrationBody({ receivedAt })).expect(400);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'receivedAt' })]);
  }
  const receivedAt = new Date(Date.now() - 2 * HOUR).toISOString();
  const body = registrationBody({ receivedAt });
  body.customer = { ...body.customer, language: 'en' };
  const created = await register(body).expect(201);
  expect(created.body.receivedAt).toBe(receivedAt);
  const live = await readComplaint(h, created.body.number, (s) => s.stage === 'triage');
  expect(live.live.receivedAt).toBe(receivedAt);
  const ack = await h.catcher.waitFor((m) => m.to.includes(body.customer.email));
  expect(ack.text).toContain('We received your complaint on');
});

test('004 §5.6 a) on the real stack: received nearly 4 h before registration, the finding to sales breaches within seconds unless it is sent', async () => {
  const late = await major004(4 * HOUR - 15_000);
  const clock = (await readComplaint(h, late.number)).live.deadlines.find((d) => d.name === 'finding_to_sales')!;
  expect(clock.startedAt).toBe(late.receivedAt);
  expect(Date.parse(clock.dueAt)).toBe(Date.parse(late.receivedAt) + 4 * HOUR);
  const breached = await readComplaint(h, late.number, (s) =>
    s.deadlines.some((d) => d.name === 'finding_to_sales' && d.breachedAt !== undefined),
  );
  expect(breached.live.overdue).toBe(true);

  const inTime = await major004(3 * HOUR);
  await takeAction(h, inTime.number, 'submitDiagnosis', 'quality_manager', diagnosis);
  // the finding reaches the sales mailbox (the default directory), in its reader's language
  const toSales = await h.catcher.waitFor(
    (m) => m.to.includes('sales@example.com') && m.subject.includes(inTime.number) && m.text.includes('connector'),
  );
  expect(toSales.subject).toMatch(/初步调查结果|Preliminary finding/);
  const met = await eventually(async () => {
    const row = await h.prisma.slaClock.findFirst({
      where: { complaintNumber: inTime.number, name: 'finding_to_sales' },
    });
    return row?.metAt ? row : undefined;
  });
  expect(met.breachedAt).toBeNull();
});

test('004 §5.6 b) on the real stack: the customer receives the preliminary report as a PDF in their language within 2 working days; the 8D report answers interim before D8', async () => {
  for (const language of ['zh-CN', 'en'] as const) {
    const c = await major004(HOUR, language);
    await takeAction(h, c.number, 'submitDiagnosis', 'quality_manager', { ...diagnosis, rootCauseFound: false });
    await takeAction(h, c.number, 'sendPreliminaryReport', 'quality_manager', {
      findings: 'intermittent contact in the connector',
      testPlan: [{ test: 'thermal cycling', method: '500 cycles', samples: 20, due: '2030-01-15' }],
    });
    const mail = await h.catcher.waitFor((m) => m.to.includes(c.email) && m.attachments.length > 0);
    const text = pdfText(mail.attachments.find((a) => a.contentType === 'application/pdf')!.content);
    expect(text).toContain(
      language === 'zh-CN' ? '初步调查报告及实验改善计划' : 'Preliminary investigation report and test plan',
    );
    expect(text).toContain('thermal cycling');
    const met = await eventually(async () => {
      const row = await h.prisma.slaClock.findFirst({
        where: { complaintNumber: c.number, name: 'preliminary_report' },
      });
      return row?.metAt ? row : undefined;
    });
    expect(met.breachedAt).toBeNull();
    if (language === 'en') continue;
    // the diagnosis opened the 8D: its report answers now, marked interim
    const car = `${c.number}-1`;
    const report = await eventually(async () => {
      const res = await request(h.app)
        .get(`/api/v1/corrective-actions/${car}/report`)
        .set('Authorization', h.as('quality_manager'))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (chunk: Buffer) => chunks.push(chunk));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      return res.status === 200 ? res : undefined;
    }, 30_000);
    expect(report.headers['x-report-status']).toBe('interim');
    expect(pdfText(report.body as Buffer)).toContain('中期报告');
  }
});
