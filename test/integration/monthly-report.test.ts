/**
 * The monthly quality report (issue 13) on the real database: a month of complaints written straight into
 * PostgreSQL (test/support/monthly-report-fixture.ts) and the report's figures checked against the numbers
 * computed from the fixture (counts, Pareto and its top three, PPM by the 004 formula with shipments and with
 * an entered figure, SLA rate, repeats, backlog, satisfaction); its HTML page opened in a real headless
 * Chromium with the Pareto chart visible (screenshot under test-results/screenshots/), its PDF read back with
 * pdftotext, its CSV parsed. The month is March 2015, so no other test's complaints fall into it or its window.
 * What people read — the page (in Chromium), the PDF's text and the CSV — is checked in both languages for
 * codes, ISO dates and (on the Chinese report) English words (test/support/report-words-check.ts).
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Language } from '../../domain/registration';
import type { MonthlyReport } from '../../domain/monthly-report/monthly-report';
import { reportNames } from '../../domain/monthly-report/report-words';
import { legendMismatches, reportCodes, wordProblems } from '../support/report-words-check';
import {
  buildFixture,
  expectedFigures,
  FIXTURE_DEFECT_CODES,
  insertFixture,
  type Fixture,
} from '../support/monthly-report-fixture';
import { startHarness, type Harness } from '../support/harness';

const MONTH = '201503';
const TIME_ZONE = 'Asia/Shanghai';
const SHIPMENTS = [12_000, 20_000, 8_000];
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

let h: Harness;
let fixture: Fixture;

beforeAll(async () => {
  h = await startHarness({ worker: false, timeZone: TIME_ZONE });
  fixture = buildFixture(MONTH, TIME_ZONE);
  await insertFixture(h.prisma, fixture, SHIPMENTS);
});

afterAll(async () => {
  await h?.stop();
});

const get = (accept: string, role: Parameters<Harness['as']>[0] = 'quality_manager', query = '') =>
  request(h.app).get(`/api/v1/reports/monthly/${MONTH}${query}`).set('Authorization', h.as(role)).set('Accept', accept);

const LANGUAGES: Language[] = ['zh-CN', 'en'];
const codes = reportCodes(BUILT_IN_PROFILES);
/** What the records themselves say, shown as entered: customers, lots, models. */
const data = () => [
  ...fixture.complaints.flatMap((c) => [c.customer.trim(), c.model, c.lot ?? '']).filter(Boolean),
  'XR-200',
];

const report = async (): Promise<MonthlyReport> => (await get('application/json').expect(200)).body;

const asMap = (lines: Array<{ key: string | null; complaints: number; units: number }>) =>
  new Map(lines.map((l) => [l.key, { complaints: l.complaints, units: l.units }]));

test('counts, Pareto and top three, PPM over the shipments, SLA rate, repeats, backlog and satisfaction', async () => {
  const r = await report();
  const expected = expectedFigures(fixture, fixture.shippedInMonth);

  expect(r.totals).toMatchObject({ complaints: expected.complaints, units: expected.units });
  expect(asMap(r.by.type)).toEqual(expected.byType);
  expect(asMap(r.by.cause)).toEqual(expected.byCause);
  expect(asMap(r.by.channel)).toEqual(expected.byChannel);
  expect(asMap(r.by.profile)).toEqual(expected.byProfile);
  expect(asMap(r.by.severity)).toEqual(expected.bySeverity);

  // 004 §5.7 c): cr-mp25's complaints are counted by the defect their diagnosis names, the others by cause class
  expect(r.pareto.items.map((i) => [i.defect, i.productModel, i.complaints, i.units])).toEqual(
    expected.pareto.slice(0, 20).map((l) => [l.defect, l.productModel, l.complaints, l.units]),
  );
  expect(r.pareto.items.filter((i) => i.top3).map((i) => `${i.defect} · ${i.productModel}`)).toEqual(expected.top3);
  expect(r.pareto.items.some((i) => FIXTURE_DEFECT_CODES.includes(i.defect))).toBe(true);
  // 004 §5.7 b): defects that affect later orders are listed for the meeting
  expect(r.repeats.laterOrders?.map((l) => l.number).sort()).toEqual([...expected.laterOrders].sort());
  // 004 §5.7 d): the statistics go to administration as well as management
  expect(r.statisticsTo).toEqual(['general_manager', 'quality_manager', 'department_head', 'administration']);
  expect(r.pareto.items.at(-1)!.cumulativeShare).toBe(100);

  expect(r.ppm).toEqual({
    defects: expected.ppmDefects,
    defectUnits: expected.defectUnits,
    shipped: SHIPMENTS.reduce((a, b) => a + b, 0),
    shippedSource: 'shipments',
    ppm: expected.ppm,
  });
  expect(expected.ppm).toBeGreaterThan(0);

  expect(r.sla.overall).toMatchObject({
    clocks: expected.sla.clocks,
    metOnTime: expected.sla.onTime,
    onTimeRate: expected.sla.rate,
  });
  expect(new Map(r.sla.byDepartment.map((l) => [l.key, { clocks: l.clocks, metOnTime: l.metOnTime }]))).toEqual(
    expected.slaByDepartment,
  );
  const quality = r.performance.departments.find((d) => d.department === 'quality');
  // one warning graded before its complaint was routed to quality counts for quality
  expect(quality).toMatchObject({ warnings: 2, penalties: 2, clocks: expected.slaByDepartment.get('quality')!.clocks });
  expect(r.performance.departments.find((d) => d.department === 'logistics')).toMatchObject({ clocks: 0, warnings: 1 });
  // clocks and entries stored `unassigned` count for their complaint's department, or customer service's
  expect(fixture.clocks.filter((c) => c.stored === 'unassigned').length).toBeGreaterThan(10);
  expect(r.sla.byDepartment.map((l) => l.key)).not.toContain('unassigned');
  expect(r.performance.departments.map((d) => d.department)).not.toContain('unassigned');
  expect(r.performance.departments.find((d) => d.department === 'customer_service')).toMatchObject({
    clocks: expected.slaByDepartment.get('customer_service')!.clocks,
    warnings: 1,
  });

  expect(
    r.repeats.sameCustomerCause.map((g) => ({
      key: `${g.customer.trim().toLowerCase()}|${g.cause}`,
      complaints: g.complaints,
    })),
  ).toEqual(expect.arrayContaining(expected.customerCause));
  expect(r.repeats.sameCustomerCauseGroups).toBe(expected.customerCause.length);
  expect(
    r.repeats.sameLot
      .map((g) => ({ lot: g.lot, complaints: g.complaints, units: g.units }))
      .sort((a, b) => (a.lot < b.lot ? -1 : 1)),
  ).toEqual([...expected.lots].sort((a, b) => (a.lot < b.lot ? -1 : 1)));

  expect(r.backlog.open).toBe(expected.backlog.open);
  expect(r.backlog.buckets.map((b) => b.complaints)).toEqual(expected.backlog.buckets);
  expect(r.backlog.asOf).toBe(fixture.to.toISOString());

  expect(new Map(r.satisfaction.map((s) => [s.profileId, { responses: s.responses, satisfied: s.satisfied }]))).toEqual(
    expected.surveys,
  );
  expect(r.satisfaction.find((s) => s.profileId === 'after-sales')).toMatchObject({ scale: 'score' });

  const trend = new Map(r.trend.map((t) => [t.month, { complaints: t.complaints, units: t.defectUnits }]));
  for (const [month, line] of expected.trend) expect(trend.get(month ?? '')).toEqual(line);
  expect(r.trend).toHaveLength(12);
  expect(r.trend.at(-1)).toMatchObject({ month: MONTH, ppm: expected.ppm });
});

test('an entered shipped quantity replaces the shipment records as the PPM denominator; bad input is a 400', async () => {
  const put = (body: unknown, role: Parameters<Harness['as']>[0] = 'general_manager', month = MONTH) =>
    request(h.app)
      .put(`/api/v1/reports/monthly/${month}/shipped-quantity`)
      .set('Authorization', h.as(role))
      .send(body as object);
  const bad = await put({ quantity: -1, extra: true }).expect(400);
  expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['', 'quantity']);
  expect((await put({ quantity: 5 }, 'general_manager', '201513').expect(400)).body.issues[0].path).toBe('month');
  await put({ quantity: 5 }, 'sales').expect(403);
  await put({ quantity: 70_000, note: 'ERP figure' }).expect(200);
  const saved = await put({ quantity: 80_000, note: 'ERP figure, corrected' }).expect(200);
  expect(saved.body).toMatchObject({
    month: MONTH,
    quantity: 80_000,
    enteredBy: expect.stringMatching(/^general_manager-/),
  });

  const r = await report();
  const expected = expectedFigures(fixture, 80_000);
  expect(r.ppm).toMatchObject({ shipped: 80_000, shippedSource: 'entered', ppm: expected.ppm });
  await h.prisma.monthlyShippedQuantity.delete({ where: { month: MONTH } });
});

test('roles, formats and a bad month', async () => {
  await get('application/json', 'repair').expect(403);
  // 002 §5.3: sales summarise the complaint data and its trends
  await get('application/json', 'sales').expect(200);
  await get('application/json', 'department_head').expect(200);
  await get('image/png').expect(406);
  const bad = await request(h.app)
    .get('/api/v1/reports/monthly/2015-03')
    .set('Authorization', h.as('quality_manager'))
    .expect(400);
  expect(bad.body.issues[0].path).toBe('month');

  const csv = await get('text/csv')
    .expect(200)
    .expect('content-type', /text\/csv/);
  const lines = csv.text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('月份,表,行,列,数值');
  const expected = expectedFigures(fixture, fixture.shippedInMonth);
  expect(lines).toContain(`2015年3月,概要,投诉数,数值,${expected.complaints}`);
  expect(lines).toContain(`2015年3月,不良 PPM,PPM,数量,${expected.ppm}`);
  await get('text/csv', 'quality_manager', '?lang=fr').expect(400);
});

test.each(LANGUAGES)(
  '%s: the CSV in words — headers, tables, rows, the month — no code, no ISO date',
  async (language) => {
    const csv = (await get('text/csv', 'quality_manager', `?lang=${language}`).expect(200)).text;
    expect(wordProblems(csv, language, codes, data())).toEqual([]);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const expected = expectedFigures(fixture, fixture.shippedInMonth);
    if (language === 'en') {
      expect(lines[0]).toBe('month,table,row,column,value');
      expect(lines).toContain(`Mar 2015,Summary,complaints,value,${expected.complaints}`);
      expect(lines).toContain(
        `Mar 2015,SLA compliance · by department,customer service,time limits,${expected.slaByDepartment.get('customer_service')!.clocks}`,
      );
    } else {
      expect(lines).toContain(
        `2015年3月,SLA 达成 · 按部门,客服部,时限,${expected.slaByDepartment.get('customer_service')!.clocks}`,
      );
      expect(lines).toContain(
        `2015年3月,SLA 达成 · 按时限,调查,时限,${fixture.clocks.filter((c) => c.name === 'investigation' && c.dueAt >= fixture.from && c.dueAt < fixture.to && (c.met || c.breached)).length}`,
      );
    }
  },
);

test('the language: ?lang= first, else Accept-Language, else Chinese', async () => {
  const html = (query: string, accept?: string) => {
    const r = get('text/html', 'quality_manager', query);
    return (accept ? r.set('Accept-Language', accept) : r).expect(200);
  };
  expect((await html('')).text).toContain('<html lang="zh-CN">');
  const english = await html('', 'en-GB,en;q=0.8');
  expect(english.text).toContain('<html lang="en">');
  expect(english.headers['content-language']).toBe('en');
  expect(english.headers.vary).toMatch(/Accept-Language/);
  expect((await html('?lang=zh-CN', 'en')).text).toContain('<html lang="zh-CN">');
  expect((await html('?lang=en', 'zh-CN')).text).toContain('<title>Monthly quality report · March 2015</title>');
});

describe('people look at it', () => {
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    server = h.app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Debian's chromium (scripts/setup.sh installs it): without it this fails, it never skips
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  test('the HTML page in headless Chromium: the Pareto chart is drawn, its top three bars in red', async () => {
    const context = await browser.newContext({
      viewport: { width: 1100, height: 900 },
      extraHTTPHeaders: { Authorization: h.as('general_manager') },
    });
    try {
      const page = await context.newPage();
      // Chromium asks for English (Accept-Language en-US): the Chinese page by ?lang=
      const response = await page.goto(`${base}/api/v1/reports/monthly/${MONTH}?lang=zh-CN`);
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/text\/html/);
      const chart = page.locator('#chart-pareto svg');
      await chart.scrollIntoViewIfNeeded();
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(500);
      expect(box!.height).toBeGreaterThan(200);
      expect(await page.locator('#chart-pareto svg path[fill="#e15759"][ecmeta_ssr_type="chart"]').count()).toBe(3);
      expect(await page.locator('#chart-trend svg').isVisible()).toBe(true);
      expect(await page.locator('#chart-sla svg').isVisible()).toBe(true);
      const expected = expectedFigures(fixture, fixture.shippedInMonth);
      const top3 = await page.locator('#pareto tr.top3 td:nth-child(2)').allTextContents();
      const names = reportNames(BUILT_IN_PROFILES);
      expect(top3).toEqual(expected.pareto.slice(0, 3).map((l) => names.defect(l.defect)['zh-CN']));
      mkdirSync(SCREENSHOTS, { recursive: true });
      await chart.screenshot({ path: path.join(SCREENSHOTS, 'monthly-report-pareto.png') });
      await page.screenshot({ path: path.join(SCREENSHOTS, 'monthly-report.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test.each(LANGUAGES)(
    '%s: the page in Chromium reads in words — no code, no ISO date, no English on the Chinese page; legends in their bars’ colours',
    async (language) => {
      const context = await browser.newContext({
        viewport: { width: 1100, height: 900 },
        extraHTTPHeaders: { Authorization: h.as('general_manager') },
      });
      try {
        const page = await context.newPage();
        const response = await page.goto(`${base}/api/v1/reports/monthly/${MONTH}?lang=${language}`);
        expect(response?.status()).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe(language);
        // what the reader sees: the page's text and the charts' labels (SVG text)
        const text = [
          await page.title(),
          await page.locator('body').innerText(),
          ...(await page.locator('svg text').allTextContents()),
        ].join('\n');
        expect(wordProblems(text, language, codes, data())).toEqual([]);
        const zh = language === 'zh-CN';
        expect(text).toContain(zh ? '月度质量报告 · 2015年3月' : 'Monthly quality report · March 2015');
        expect(text).toContain(zh ? '2015年3月1日 至 2015年3月31日' : '1 Mar 2015 – 31 Mar 2015');
        expect(text).toContain(zh ? '截至 2015年4月1日 00:00 未结' : 'open at 1 Apr 2015, 00:00');
        const departments = await page.locator('#sla_by_department tbody td:first-child').allTextContents();
        expect(departments).toContain(zh ? '客服部' : 'customer service');
        expect(departments).not.toContain('unassigned');
        for (const chart of ['pareto', 'trend', 'sla']) {
          const svg = await page.locator(`#chart-${chart} svg`).evaluate((e) => e.outerHTML);
          expect({ chart, problems: legendMismatches(svg) }).toEqual({ chart, problems: [] });
        }
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOTS, `monthly-report-${language}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    },
  );

  test.each(LANGUAGES)(
    '%s: the PDF read back names the month, the PPM and the top three, in words',
    async (language) => {
      const pdf = await get('application/pdf', 'quality_manager', `?lang=${language}`)
        .responseType('blob')
        .expect(200)
        .expect('content-type', 'application/pdf');
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'monthly-report-')), 'report.pdf');
      writeFileSync(file, pdf.body as Buffer);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      const expected = expectedFigures(fixture, fixture.shippedInMonth);
      const zh = language === 'zh-CN';
      expect(text).toContain(zh ? '月度质量报告 · 2015年3月' : 'Monthly quality report · March 2015');
      expect(text).toContain(zh ? '不良原因柏拉图' : 'Pareto of defect causes');
      expect(text).toContain(zh ? '保修期内退货不良' : 'in-warranty return');
      expect(text).toMatch(new RegExp(`PPM\\s+${expected.ppm!.toLocaleString('en-US')}`));
      for (const line of expected.pareto.slice(0, 3)) expect(text).toContain(line.productModel);
      expect(text.match(zh ? /前三项 → 纠正措施/g : /top 3 → corrective action/g)).toHaveLength(3);
      expect(wordProblems(text, language, codes, data())).toEqual([]);
    },
  );
});
