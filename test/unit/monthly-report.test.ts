import { CLOCKS } from '../../domain/complaint/clock-table';
import { emptyDepartmentMonth } from '../../domain/performance';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { CHANNELS } from '../../domain/registration';
import { reportNames } from '../../domain/monthly-report/report-words';
import { STAGES } from '../../domain/stages';
import { paretoChart, slaChart, trendChart } from '../../reports/monthly-report-charts';
import { renderMonthlyReportCsv } from '../../reports/monthly-report-csv';
import { renderMonthlyReportHtml } from '../../reports/monthly-report-html';
import { renderMonthlyReportPdf } from '../../reports/monthly-report-pdf';
import type { ReportReading } from '../../reports/monthly-report-tables';
import { DEFAULT_REPORT_FONT_FILE } from '../../reports/render-pdf';
import { pdfText } from '../support/pdf-text';
import { legendMismatches, readableText, reportCodes, wordProblems } from '../support/report-words-check';
import {
  BACKLOG_BUCKETS,
  REPORT_RULES,
  partsPerMillion,
  shiftMonth,
  windowMonths,
  type MonthlyReport,
} from '../../domain/monthly-report/monthly-report';

test('months shift across years; the window ends with the month', () => {
  expect(shiftMonth('202601', -1)).toBe('202512');
  expect(shiftMonth('202512', 1)).toBe('202601');
  expect(shiftMonth('202611', -23)).toBe('202412');
  expect(windowMonths('202603', 4)).toEqual(['202512', '202601', '202602', '202603']);
  expect(() => shiftMonth('202613', 1)).toThrow(RangeError);
});

test('PPM: defective units per million shipped, one decimal; nothing shipped, none', () => {
  expect(partsPerMillion(313, 40_000)).toBe(7825);
  expect(partsPerMillion(1, 3_000_000)).toBe(0.3);
  expect(partsPerMillion(5, 0)).toBeNull();
});

const empty: MonthlyReport = {
  month: '202611',
  timeZone: 'Asia/Shanghai',
  from: '2026-10-31T16:00:00.000Z',
  to: '2026-11-30T16:00:00.000Z',
  generatedAt: '2026-12-01T00:00:00.000Z',
  totals: { complaints: 1, units: 1, defectComplaints: 1, defectUnits: 1 },
  by: { type: [], cause: [], severity: [], department: [], channel: [], profile: [] },
  pareto: {
    defectComplaints: 1,
    otherComplaints: 0,
    items: [
      {
        rank: 1,
        defect: 'manufacturing',
        cause: 'manufacturing',
        profileId: 'industrial-fault',
        productModel: '=HYPERLINK("http://x")<b>',
        complaints: 1,
        units: 1,
        share: 100,
        cumulativeShare: 100,
        top3: true,
      },
    ],
  },
  sla: { overall: { key: '', clocks: 0, metOnTime: 0, breaches: 0, onTimeRate: null }, byClock: [], byDepartment: [] },
  satisfaction: [],
  performance: { departments: [], bestTeam: null },
  repeats: { windowFrom: '', sameCustomerCause: [], sameCustomerCauseGroups: 0, sameLot: [], sameLotGroups: 0 },
  ppm: {
    defects: { in_warranty_return: 1, out_of_warranty_return: 0, onsite_repair: 0, unrepaired_unreturned: 0 },
    defectUnits: 1,
    shipped: 0,
    shippedSource: 'none',
    ppm: null,
  },
  trend: [],
  backlog: { asOf: '', open: 0, buckets: BACKLOG_BUCKETS.map((b) => ({ ...b, complaints: 0 })), oldest: [] },
  rules: REPORT_RULES,
};

test('text from the database is escaped: no markup in the page, no formula in the CSV', () => {
  const html = renderMonthlyReportHtml(empty, zh);
  expect(html).not.toContain('<b>');
  expect(html).toContain('=HYPERLINK(&#34;http://x&#34;)&#60;b&#62;');
  expect(renderMonthlyReportCsv(empty, zh)).toContain(
    `2026年11月,不良原因柏拉图,1,型号,"'=HYPERLINK(""http://x"")<b>"`,
  );
  expect(renderMonthlyReportCsv(empty, en)).toContain(
    `Nov 2026,Pareto of defect causes,1,model,"'=HYPERLINK(""http://x"")<b>"`,
  );
});

// ---- in words (issue 25): the reader's language, names instead of codes, dates in the company's zone ----

const names = reportNames(BUILT_IN_PROFILES);
const codes = reportCodes(BUILT_IN_PROFILES);
const zh: ReportReading = { language: 'zh-CN', names };
const en: ReportReading = { language: 'en', names };

/** A month with every code the report can hold: types, causes, severities, departments, clocks, stages, levels. */
const coded: MonthlyReport = {
  ...empty,
  generatedAt: '2026-12-01T01:02:03.000Z',
  totals: { complaints: 9, units: 12, defectComplaints: 5, defectUnits: 7 },
  by: {
    type: [
      { key: 'product_fault', complaints: 5, units: 6 },
      { key: 'quality_in_warranty', complaints: 3, units: 5 },
      { key: null, complaints: 1, units: 1 },
    ],
    cause: [
      { key: 'manufacturing', complaints: 4, units: 5 },
      { key: 'misuse', complaints: 2, units: 2 },
      { key: null, complaints: 3, units: 5 },
    ],
    severity: [
      { key: 'urgent', complaints: 2, units: 2 },
      { key: 'general', complaints: 6, units: 9 },
      { key: null, complaints: 1, units: 1 },
    ],
    department: [
      { key: 'technical_support', complaints: 5, units: 6 },
      { key: 'quality', complaints: 3, units: 5 },
      { key: null, complaints: 1, units: 1 },
    ],
    channel: [
      { key: 'web', complaints: 5, units: 6 },
      { key: 'dealer', complaints: 4, units: 6 },
    ],
    profile: [
      { key: 'industrial-fault', complaints: 5, units: 6 },
      { key: 'cr-mp25', complaints: 4, units: 6 },
    ],
  },
  pareto: {
    defectComplaints: 5,
    otherComplaints: 1,
    items: [
      {
        rank: 1,
        defect: 'manufacturing',
        cause: 'manufacturing',
        profileId: 'industrial-fault',
        productModel: 'XR-200',
        complaints: 2,
        units: 3,
        share: 40,
        cumulativeShare: 40,
        top3: true,
      },
      {
        rank: 2,
        defect: 'design',
        cause: 'design',
        profileId: 'industrial-fault',
        productModel: 'HX-300',
        complaints: 1,
        units: 1,
        share: 20,
        cumulativeShare: 60,
        top3: true,
      },
      {
        rank: 3,
        defect: 'design',
        cause: 'design',
        profileId: 'industrial-fault',
        productModel: 'PX-10',
        complaints: 1,
        units: 1,
        share: 20,
        cumulativeShare: 80,
        top3: true,
      },
      {
        rank: 4,
        defect: 'manufacturing',
        cause: 'manufacturing',
        profileId: 'industrial-fault',
        productModel: 'QD-7',
        complaints: 1,
        units: 1,
        share: 20,
        cumulativeShare: 100,
        top3: false,
      },
    ],
  },
  sla: {
    overall: { key: '', clocks: 6, metOnTime: 5, breaches: 1, onTimeRate: 83.3 },
    byClock: [
      { key: 'first_contact', clocks: 3, metOnTime: 2, breaches: 1, onTimeRate: 66.7 },
      { key: 'acknowledge', clocks: 2, metOnTime: 2, breaches: 0, onTimeRate: 100 },
      { key: 'answer_8d_or_ca', clocks: 1, metOnTime: 1, breaches: 0, onTimeRate: 100 },
    ],
    byDepartment: [
      { key: 'technical_support', clocks: 4, metOnTime: 3, breaches: 1, onTimeRate: 75 },
      { key: 'customer_service', clocks: 2, metOnTime: 2, breaches: 0, onTimeRate: 100 },
    ],
  },
  satisfaction: [
    {
      profileId: 'industrial-fault',
      scale: 'levels',
      responses: 2,
      satisfied: 1,
      satisfiedRate: 50,
      averageScore: null,
      answers: [
        { answer: 'very_satisfied', label: '非常满意', count: 1 },
        { answer: 'dissatisfied', label: '不满意', count: 1 },
      ],
    },
    {
      profileId: 'after-sales',
      scale: 'score',
      responses: 1,
      satisfied: 1,
      satisfiedRate: 100,
      averageScore: 9,
      answers: [{ answer: '9', label: '9', count: 1 }],
    },
  ],
  performance: {
    departments: [
      { ...emptyDepartmentMonth('customer_service'), clocks: 2, metOnTime: 2, onTimeRate: 100 },
      {
        ...emptyDepartmentMonth('technical_support'),
        clocks: 4,
        metOnTime: 3,
        breaches: 1,
        onTimeRate: 75,
        warnings: 1,
      },
      { ...emptyDepartmentMonth('after_sales'), warnings: 1 },
    ],
    bestTeam: 'technical_support',
  },
  repeats: {
    windowFrom: '2025-11-30T16:00:00.000Z',
    sameCustomerCause: [
      {
        customer: 'Acme Pumps',
        cause: 'manufacturing',
        complaints: 2,
        thisMonth: 1,
        numbers: ['202610-004', '202611-002'],
      },
    ],
    sameCustomerCauseGroups: 1,
    sameLot: [
      {
        lot: 'L-7',
        productModels: ['XR-200'],
        complaints: 2,
        thisMonth: 2,
        units: 3,
        numbers: ['202611-001', '202611-003'],
      },
    ],
    sameLotGroups: 1,
  },
  ppm: { ...empty.ppm, shipped: 4000, shippedSource: 'shipments', ppm: 1750 },
  trend: windowMonths('202611').map((month, i) => ({
    month,
    complaints: i,
    defectUnits: i,
    shipped: 100,
    ppm: i * 10,
  })),
  backlog: {
    asOf: '2026-11-30T16:00:00.000Z',
    open: 2,
    buckets: BACKLOG_BUCKETS.map((b, i) => ({ ...b, complaints: i === 0 ? 1 : i === 4 ? 1 : 0 })),
    oldest: [
      {
        number: '202607-001',
        stage: 'investigation',
        department: 'technical_support',
        severity: 'serious',
        ageDays: 120,
      },
      { number: '202611-009', stage: 'triage', department: null, severity: null, ageDays: 1 },
    ],
  },
};
const DATA = ['Acme Pumps', 'L-7', 'XR-200', 'HX-300', 'PX-10', 'QD-7'];

test.each([
  ['zh-CN', zh],
  ['en', en],
] as const)(
  '%s: the HTML page and the CSV name every code and write every date in the reader’s words',
  (language, reading) => {
    const html = renderMonthlyReportHtml(coded, reading);
    expect(html).toContain(`<html lang="${language}">`);
    expect(wordProblems(readableText(html), language, codes, DATA)).toEqual([]);
    const csv = renderMonthlyReportCsv(coded, reading);
    expect(wordProblems(csv, language, codes, DATA)).toEqual([]);
    // the dates: the month's days, the instant generated and the backlog's date, in Shanghai time
    const text = readableText(html);
    if (language === 'zh-CN') {
      expect(text).toContain('2026年11月1日 至 2026年11月30日');
      expect(text).toContain('生成于 2026年12月1日 09:02');
      expect(text).toContain('截至 2026年12月1日 00:00 未结：2');
      expect(csv.split('\r\n')[0]).toBe('\uFEFF月份,表,行,列,数值');
      expect(csv).toContain('2026年11月,SLA 达成 · 按部门,客服部,时限,2');
      for (const name of ['产品故障', '制造', '紧急', '技术支持部', '首次联系客户', '调查中', '非常满意', '9 分'])
        expect(text).toContain(name);
    } else {
      expect(text).toContain('1 Nov 2026 – 30 Nov 2026');
      expect(text).toContain('generated 1 Dec 2026, 09:02');
      expect(csv.split('\r\n')[0]).toBe('\uFEFFmonth,table,row,column,value');
      expect(csv).toContain('Nov 2026,SLA compliance · by department,customer service,time limits,2');
      for (const name of [
        'product fault',
        'first contact with the customer',
        'technical support',
        'under investigation',
      ])
        expect(text).toContain(name);
    }
  },
);

test('the codes a report can hold all have names in both languages (no code written as words on a Chinese page)', () => {
  const cjk = /[\u3400-\u9fff]/;
  const clocks = [
    ...new Set([...BUILT_IN_PROFILES.flatMap((p) => (p.clockRules ?? []).map((c) => c.name)), ...Object.keys(CLOCKS)]),
  ];
  const departments = [
    ...new Set(
      BUILT_IN_PROFILES.flatMap((p) => p.complaintTypes.flatMap((t) => [t.department, ...t.assistDepartments])),
    ),
    'customer_service',
  ];
  const unnamed = [
    ...clocks.filter((c) => !cjk.test(names.clock(c)['zh-CN'])).map((c) => `clock ${c}`),
    ...departments.filter((d) => !cjk.test(names.department(d)['zh-CN'])).map((d) => `department ${d}`),
    ...CHANNELS.filter((c) => !cjk.test(names.channel(c)['zh-CN'])).map((c) => `channel ${c}`),
    ...['design', 'manufacturing', 'misuse', 'external'].filter((c) => !cjk.test(names.cause(c)['zh-CN'])),
    ...STAGES.filter((s) => !cjk.test(names.stage(s)['zh-CN'])).map((s) => `stage ${s}`),
  ];
  expect(unnamed).toEqual([]);
  // a clock, entry or line stored before routing never shows as `unassigned`
  expect(names.department('unassigned')).toEqual({ 'zh-CN': '未分派', en: 'not assigned' });
});

test('each chart’s legend is drawn in the colours of its bars and lines', () => {
  const mixed = {
    ...coded,
    sla: {
      ...coded.sla,
      byDepartment: [
        ...coded.sla.byDepartment,
        { key: 'quality', clocks: 5, metOnTime: 5, breaches: 0, onTimeRate: 100 },
      ],
    },
  };
  for (const reading of [zh, en])
    for (const chart of [paretoChart, trendChart, slaChart]) {
      const svg = chart(mixed, reading);
      expect(svg).toContain('ecmeta_ssr_type="legend"');
      expect({ chart: chart.name, problems: legendMismatches(svg) }).toEqual({ chart: chart.name, problems: [] });
    }
  // the Pareto: three red bars (and the red swatch), the fourth blue
  const pareto = paretoChart(coded, zh);
  expect(pareto.match(/<path\b[^>]*fill="#e15759"[^>]*ecmeta_ssr_type="chart"/g)).toHaveLength(3);
  expect(pareto.match(/<path\b[^>]*fill="#4e79a7"[^>]*ecmeta_ssr_type="chart"/g)).toHaveLength(1);
});

test('the PDF in each language: its text has no code, no ISO date and (in Chinese) no English', async () => {
  for (const reading of [zh, en]) {
    const pdf = await renderMonthlyReportPdf(coded, {
      fontFile: DEFAULT_REPORT_FONT_FILE,
      createdAt: new Date(0),
      reading,
    });
    const text = pdfText(pdf);
    expect(wordProblems(text, reading.language, codes, DATA)).toEqual([]);
    expect(text).toContain(
      reading.language === 'zh-CN' ? '月度质量报告 · 2026年11月' : 'Monthly quality report · November 2026',
    );
  }
});

test('the check finds what the report used to show: ISO instants, codes, `unassigned`, English on a Chinese page', () => {
  const found = (text: string, language: 'zh-CN' | 'en' = 'en') => wordProblems(text, language, codes).join('\n');
  expect(found('generated 2026-11-30T16:00:00.000Z')).toContain('ISO timestamp');
  expect(found('open at 2026-11-30')).toContain('ISO date');
  expect(found('trend 202611')).toContain('month code');
  expect(found('product_fault · first_contact · unassigned')).toMatch(
    /code product_fault[\s\S]*code first_contact|code first_contact[\s\S]*code product_fault/,
  );
  expect(found('department unassigned')).toContain('code unassigned');
  expect(found('投诉 complaints 投诉', 'zh-CN')).toContain('English "complaints"');
  expect(found('customer 客服部')).toContain('Chinese');
  // data as entered, acronyms, complaint numbers and a seed's sections are not findings
  expect(
    wordProblems('XR-200 · Acme Pumps · PPM 1,750 · 202611-001 · 004 §5.7 d', 'zh-CN', codes, ['Acme Pumps']),
  ).toEqual([]);
});
