import { renderMonthlyReportCsv } from '../../reports/monthly-report-csv';
import { renderMonthlyReportHtml } from '../../reports/monthly-report-html';
import {
  BACKLOG_BUCKETS,
  REPORT_RULES,
  partsPerMillion,
  shiftMonth,
  windowMonths,
  type MonthlyReport,
} from '../../domain/report/monthly-report';

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
        cause: 'manufacturing',
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
  const html = renderMonthlyReportHtml(empty);
  expect(html).not.toContain('<b>');
  expect(html).toContain('=HYPERLINK(&#34;http://x&#34;)&#60;b&#62;');
  const csv = renderMonthlyReportCsv(empty);
  expect(csv).toContain(`202611,pareto,1,model 型号,"'=HYPERLINK(""http://x"")<b>"`);
});
