/**
 * The monthly report's charts as SVG strings, rendered on the server by ECharts (no DOM, no script in the
 * page): the Pareto of defect causes, the 12-month trend, SLA by department — in the reader's language. Each
 * series has one colour, set on the series, so its legend swatch is the colour of its bars (a colour set on
 * single bars only would leave the legend in the palette's colour): the Pareto's top three and the SLA's
 * departments under target are series of their own, stacked with the rest.
 */
import * as echarts from 'echarts';
import type { MonthlyReport } from '../domain/monthly-report/monthly-report';
import { reportWords, type ReportReading } from './monthly-report-tables';

const FONT = '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",Arial,sans-serif';
const WIDTH = 900;
const HEIGHT = 380;
/** The colours of the charts (the PDF draws its Pareto in the same). */
export const CHART_COLOURS = { bar: '#4e79a7', top3: '#e15759', line: '#f28e2b', met: '#59a14f' } as const;
/** An SLA rate at or above this is drawn green, else red. */
const SLA_TARGET = 90;

/** A series of one colour: bars, symbols, line and legend swatch alike. */
const coloured = (color: string) => ({ color, itemStyle: { color }, lineStyle: { color } });

function render(option: echarts.EChartsCoreOption, width = WIDTH, height = HEIGHT): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The Pareto: complaints per cause and model, the three largest in red, and the cumulative percent. */
export function paretoChart(report: MonthlyReport, reading: ReportReading): string {
  const w = reportWords(report, reading);
  const { t } = w;
  const items = report.pareto.items;
  const names = { others: t.complaints, top3: t.pareto.topThree, cumulative: `${t.pareto.cumulative} %` };
  return render({
    title: { text: t.pareto.chart, left: 'center', textStyle: { fontSize: 15 } },
    grid: { left: 60, right: 60, top: 60, bottom: 110 },
    legend: { bottom: 0, data: [names.top3, names.others, names.cumulative] },
    xAxis: {
      type: 'category',
      data: items.map((i) => w.defectAndModel(i.defect, i.productModel)),
      axisLabel: { rotate: 30, interval: 0, fontSize: 10 },
    },
    yAxis: [
      { type: 'value', name: t.complaints, minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      {
        name: names.top3,
        type: 'bar',
        stack: 'complaints',
        ...coloured(CHART_COLOURS.top3),
        data: items.map((i) => (i.top3 ? i.complaints : null)),
        label: { show: true, position: 'top' },
      },
      {
        name: names.others,
        type: 'bar',
        stack: 'complaints',
        ...coloured(CHART_COLOURS.bar),
        data: items.map((i) => (i.top3 ? null : i.complaints)),
        label: { show: true, position: 'top' },
      },
      {
        name: names.cumulative,
        type: 'line',
        yAxisIndex: 1,
        ...coloured(CHART_COLOURS.line),
        data: items.map((i) => i.cumulativeShare),
        label: { show: items.length <= 12, formatter: '{c}%', fontSize: 10 },
      },
    ],
  });
}

/** Twelve months of complaints (bars) and PPM (line). */
export function trendChart(report: MonthlyReport, reading: ReportReading): string {
  const w = reportWords(report, reading);
  const { t } = w;
  return render({
    title: { text: t.trendChart, left: 'center', textStyle: { fontSize: 15 } },
    grid: { left: 60, right: 70, top: 60, bottom: 60 },
    legend: { bottom: 0, data: [t.complaints, 'PPM'] },
    xAxis: { type: 'category', data: report.trend.map((m) => w.month(m.month)) },
    yAxis: [
      { type: 'value', name: t.complaints, minInterval: 1 },
      { type: 'value', name: 'PPM' },
    ],
    series: [
      { name: t.complaints, type: 'bar', ...coloured(CHART_COLOURS.bar), data: report.trend.map((m) => m.complaints) },
      {
        name: 'PPM',
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        ...coloured(CHART_COLOURS.line),
        data: report.trend.map((m) => m.ppm),
      },
    ],
  });
}

/** On-time rate per department (horizontal bars): green at or above the target, red below. */
export function slaChart(report: MonthlyReport, reading: ReportReading): string {
  const w = reportWords(report, reading);
  const { t } = w;
  const lines = report.sla.byDepartment;
  const met = `${t.sla.rate} ≥ ${SLA_TARGET}%`;
  const missed = `${t.sla.rate} < ${SLA_TARGET}%`;
  const rate = (l: (typeof lines)[number]) => l.onTimeRate ?? 0;
  return render(
    {
      title: { text: t.sla.chart, left: 'center', textStyle: { fontSize: 15 } },
      grid: { left: 150, right: 60, top: 50, bottom: 50 },
      legend: { bottom: 0, data: [met, missed] },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: lines.map((l) => w.department(l.key)), inverse: true },
      series: [
        { name: met, ok: true },
        { name: missed, ok: false },
      ].map((s) => ({
        name: s.name,
        type: 'bar',
        stack: 'rate',
        ...coloured(s.ok ? CHART_COLOURS.met : CHART_COLOURS.top3),
        data: lines.map((l) => (rate(l) >= SLA_TARGET === s.ok ? rate(l) : null)),
        label: { show: true, position: 'right', formatter: '{c}%' },
      })),
    },
    WIDTH,
    Math.max(180, 110 + lines.length * 34),
  );
}
