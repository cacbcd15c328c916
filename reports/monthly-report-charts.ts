/**
 * The monthly report's charts as SVG strings, rendered on the server by ECharts (no DOM, no script in the
 * page): the Pareto of defect causes, the 12-month trend, SLA by department.
 */
import * as echarts from 'echarts';
import type { MonthlyReport } from '../domain/report/monthly-report';

const FONT = '"Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",Arial,sans-serif';
const WIDTH = 900;
const HEIGHT = 380;
const BAR = '#4e79a7';
const TOP3 = '#e15759';
const LINE = '#f28e2b';

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
export function paretoChart(report: MonthlyReport): string {
  const items = report.pareto.items;
  return render({
    title: { text: '不良原因柏拉图 Pareto of defect causes', left: 'center', textStyle: { fontSize: 15 } },
    grid: { left: 60, right: 60, top: 60, bottom: 110 },
    legend: { bottom: 0, data: ['complaints 投诉', 'cumulative % 累计'] },
    xAxis: {
      type: 'category',
      data: items.map((i) => `${i.cause} · ${i.productModel}`),
      axisLabel: { rotate: 30, interval: 0, fontSize: 10 },
    },
    yAxis: [
      { type: 'value', name: 'complaints', minInterval: 1 },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      {
        name: 'complaints 投诉',
        type: 'bar',
        data: items.map((i) => ({ value: i.complaints, itemStyle: { color: i.top3 ? TOP3 : BAR } })),
        label: { show: true, position: 'top' },
      },
      {
        name: 'cumulative % 累计',
        type: 'line',
        yAxisIndex: 1,
        data: items.map((i) => i.cumulativeShare),
        itemStyle: { color: LINE },
        label: { show: items.length <= 12, formatter: '{c}%', fontSize: 10 },
      },
    ],
  });
}

/** Twelve months of complaints (bars) and PPM (line). */
export function trendChart(report: MonthlyReport): string {
  return render({
    title: { text: '12 个月趋势 12-month trend', left: 'center', textStyle: { fontSize: 15 } },
    grid: { left: 60, right: 70, top: 60, bottom: 60 },
    legend: { bottom: 0, data: ['complaints 投诉', 'PPM'] },
    xAxis: { type: 'category', data: report.trend.map((t) => `${t.month.slice(0, 4)}-${t.month.slice(4)}`) },
    yAxis: [
      { type: 'value', name: 'complaints', minInterval: 1 },
      { type: 'value', name: 'PPM' },
    ],
    series: [
      { name: 'complaints 投诉', type: 'bar', data: report.trend.map((t) => t.complaints), itemStyle: { color: BAR } },
      {
        name: 'PPM',
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        data: report.trend.map((t) => t.ppm),
        itemStyle: { color: LINE },
      },
    ],
  });
}

/** On-time rate per department (horizontal bars). */
export function slaChart(report: MonthlyReport): string {
  const lines = report.sla.byDepartment;
  return render(
    {
      title: { text: '各部门 SLA 达成率 SLA by department', left: 'center', textStyle: { fontSize: 15 } },
      grid: { left: 150, right: 60, top: 50, bottom: 30 },
      xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', data: lines.map((l) => l.key), inverse: true },
      series: [
        {
          type: 'bar',
          data: lines.map((l) => ({
            value: l.onTimeRate ?? 0,
            itemStyle: { color: (l.onTimeRate ?? 0) >= 90 ? '#59a14f' : TOP3 },
          })),
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    },
    WIDTH,
    Math.max(160, 90 + lines.length * 34),
  );
}
