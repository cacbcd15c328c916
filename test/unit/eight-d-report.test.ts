import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEightDReport, type ReportFacts } from '../../reports/eight-d-report';
import { renderReportHtml } from '../../reports/render-html';
import { DEFAULT_REPORT_FONT_FILE, renderReportPdf } from '../../reports/render-pdf';
import { loadReportTemplates, templateFor } from '../../reports/templates';
import { DISCIPLINES } from '../../domain/corrective-action/action-names';
import { DISCIPLINE_FORMS } from '../../domain/corrective-action/discipline-forms';
import { DISCIPLINE_NAMES } from '../../domain/corrective-action/state';
import type { Language } from '../../domain/registration';
import { closedEightD, disciplineData, TYPED } from '../support/corrective-action-report-fixture';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eight-d-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function facts(language: Language, customer = 'Acme Pumps Ltd'): ReportFacts {
  return {
    status: closedEightD('202611-007', language),
    complaint: {
      number: '202611-007',
      customer,
      product: 'XR-200',
      serialNumber: 'SN123',
      batchNumber: 'B2026-11',
      language,
    },
    profile: {
      id: 'cr-mp25',
      name: { 'zh-CN': 'CR-MP25 顾客投诉控制程序', en: 'CR-MP25 customer complaint procedure' },
    },
    generatedAt: new Date('2026-11-30T09:00:00.000Z'),
    timeZone: 'Asia/Shanghai',
  };
}

/** The text of a PDF as poppler's pdftotext extracts it (reading order). */
function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

test('the fixture is what the discipline forms accept', () => {
  for (const language of ['zh-CN', 'en'] as const)
    for (const discipline of DISCIPLINES) {
      expect(DISCIPLINE_FORMS[discipline]().safeParse(disciplineData(language)[discipline]).error).toBeUndefined();
    }
});

test.each([
  [
    'zh-CN',
    '8D 报告 QR25-04',
    ['D1 成立小组', 'D4 根本原因分析'],
    ['客户库存', '已确认', '已排除', '检验标准', '有效性验证', '初步报告', '历史记录'],
  ],
  [
    'en',
    '8D report QR25-04',
    ['D1 team', 'D4 root cause'],
    [
      'Customer stock',
      'confirmed',
      'rejected',
      'Inspection standard',
      'Effectiveness verification',
      'Preliminary report',
      'History',
    ],
  ],
] as const)(
  'a full 8D in %s renders to a PDF whose extracted text holds every discipline and its data in that language',
  async (language, title, headings, labels) => {
    const report = buildEightDReport(facts(language));
    const pdf = await renderReportPdf(report, { fontFile: DEFAULT_REPORT_FONT_FILE, createdAt: new Date() });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf, language);
    // headings and labels extracted exactly, as printed
    expect(text).toContain(title);
    for (const heading of headings) expect(text).toContain(heading);
    for (const discipline of DISCIPLINES) expect(text).toContain(DISCIPLINE_NAMES[discipline][language]);
    for (const label of labels) expect(text).toContain(label);
    // every text typed in the forms is there (table cells may wrap: compared without white space)
    for (const typed of Object.values(TYPED[language])) expect(squeeze(text)).toContain(squeeze(typed));
    // header facts, quantities and dates
    for (const fact of [
      '202611-007-1',
      '202611-007',
      'XR-200',
      'SN123',
      'B2026-11',
      'QI-0815',
      '1,200',
      '37',
      '2026-12-04',
    ])
      expect(text).toContain(fact);
    if (language === 'zh-CN') {
      expect(text).toContain('第 1 页，共');
      expect(text).toContain('2026年11月28日'); // closed, as a date in the company's zone
      expect(text).not.toMatch(/[\u25a1\ufffd]/); // no tofu, no replacement characters
    } else {
      expect(text).toContain('page 1 of');
      expect(text).toContain('28 Nov 2026');
    }
  },
);

test('each discipline shows its latest record that no new round superseded, the rounds stay in the history', () => {
  const report = buildEightDReport(facts('en'));
  expect(report.sections.map((s) => s.id)).toEqual([...DISCIPLINES, 'preliminary', 'verification', 'history']);
  const byId = new Map(report.sections.map((s) => [s.id, s]));
  expect(byId.get('D3')!.meta).toMatch(/^Round 1 · submitted/);
  expect(byId.get('D4')!.meta).toMatch(/^Round 2 · submitted .* by qm-1 · approved .* by gm-1$/);
  const history = JSON.stringify(byId.get('history'));
  expect(history).toContain('Superseded records');
  expect(history.match(/"D4 root cause","1"/g)).toHaveLength(1);
  expect(JSON.stringify(byId.get('verification'))).toContain('ineffective: analysed again (new round)');
});

test('the HTML is one self-contained page in the report language with every text escaped', () => {
  const base = facts('zh-CN', 'Acme <script>alert(1)</script> & Co');
  const html = renderReportHtml(buildEightDReport(base));
  expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
  expect(html).toContain('Acme &#60;script&#62;alert(1)&#60;/script&#62; &#38; Co');
  expect(html).not.toContain('<script');
  expect(html).not.toMatch(/<link|src=|href=/);
  for (const discipline of DISCIPLINES) expect(html).toContain(DISCIPLINE_NAMES[discipline]['zh-CN']);
  expect(html).toContain(TYPED['zh-CN'].cause);
});

test("a customer's prescribed template sets title, headings, order, header fields and language", async () => {
  const file = path.join(dir, 'templates.json');
  fs.writeFileSync(
    file,
    JSON.stringify({
      'Acme Pumps Ltd': {
        title: 'Supplier 8D — Acme form QF-8D',
        language: 'en',
        headings: { D4: 'Root cause (5-Why)', verification: 'Effectiveness check' },
        order: ['D2', 'D1'],
        headerFields: [{ label: 'Supplier code', value: 'SUP-0042' }],
      },
    }),
  );
  const templates = loadReportTemplates(file);
  expect(templateFor(templates, 'Other customer')).toBeUndefined();
  const template = templateFor(templates, '  acme pumps LTD ');
  const report = buildEightDReport(facts('zh-CN'), template);
  expect(report).toMatchObject({ language: 'en', title: 'Supplier 8D — Acme form QF-8D', template: 'Acme Pumps Ltd' });
  expect(report.sections.map((s) => s.id).slice(0, 3)).toEqual(['D2', 'D1', 'D3']);
  expect(report.header.at(-1)).toEqual({ label: 'Supplier code', value: 'SUP-0042' });
  const text = pdfText(
    await renderReportPdf(report, { fontFile: DEFAULT_REPORT_FONT_FILE, createdAt: new Date() }),
    'template',
  );
  for (const expected of [
    'Supplier 8D — Acme form QF-8D',
    'Root cause (5-Why)',
    'Effectiveness check',
    'Supplier code',
    'SUP-0042',
    'D1 team',
  ])
    expect(text).toContain(expected);
  expect(text.indexOf('D2 problem description')).toBeLessThan(text.indexOf('D1 team'));
  expect(squeeze(text)).toContain(squeeze(TYPED['zh-CN'].cause)); // what people typed stays as typed
});

test('a templates file with a bad field is refused at start, naming it', () => {
  const file = path.join(dir, 'bad-templates.json');
  fs.writeFileSync(file, JSON.stringify({ Acme: { headings: { D9: 'x' }, order: ['D1', 'D1'], colour: 'red' } }));
  expect(() => loadReportTemplates(file)).toThrow(/invalid report templates .*bad-templates\.json/);
  const message = (() => {
    try {
      loadReportTemplates(file);
    } catch (error) {
      return (error as Error).message;
    }
  })();
  expect(message).toMatch(/Acme/);
  expect(message).toMatch(/colour/);
  expect(message).toMatch(/each section once/);
  expect(loadReportTemplates(undefined)).toEqual({});
});

test('without its font the PDF renderer fails loudly, naming the package to install', async () => {
  const report = buildEightDReport(facts('zh-CN'));
  await expect(
    renderReportPdf(report, { fontFile: path.join(dir, 'no-such-font.ttc'), createdAt: new Date() }),
  ).rejects.toThrow(
    /no-such-font\.ttc is missing: install Debian's fonts-noto-cjk \(apt-get install -y fonts-noto-cjk\)/,
  );
});
