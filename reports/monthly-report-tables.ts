/**
 * The monthly report as sections of tables: one layout for the HTML page, the PDF and the CSV, so the three
 * always show the same figures. Headings are bilingual (zh-CN / en), as the company's monthly meeting reads them.
 */
import { BEST_TEAM_RULE } from '../domain/performance';
import { PPM_CATEGORIES, type CountLine, type MonthlyReport } from '../domain/report/monthly-report';

/** A cell: text, a number, or nothing (shown as —). */
export type Cell = string | number | null;

export interface ReportTable {
  /** Stable id (the CSV's `section` column). */
  id: string;
  caption?: string;
  columns: string[];
  rows: Cell[][];
}

export interface ReportSection {
  heading: string;
  /** The chart drawn above the tables. */
  chart?: 'pareto' | 'trend' | 'sla';
  tables: ReportTable[];
  notes?: string[];
}

const PPM_LABELS: Record<(typeof PPM_CATEGORIES)[number], string> = {
  in_warranty_return: '保修期内退货不良 in-warranty return',
  out_of_warranty_return: '保修期外退货不良 out-of-warranty return',
  onsite_repair: '现场维修不良 onsite repair',
  unrepaired_unreturned: '未维修未退货不良 unrepaired / unreturned',
};

const BREAKDOWN_CAPTIONS = {
  type: '按类型 by type',
  cause: '按原因 by cause',
  severity: '按严重度 by severity',
  department: '按部门 by department',
  channel: '按渠道 by channel',
  profile: '按流程 by profile',
} as const;

const countTable = (id: string, caption: string, lines: CountLine[]): ReportTable => ({
  id,
  caption,
  columns: ['', 'complaints 投诉', 'units 数量'],
  rows: lines.map((l) => [l.key ?? '(not set 未定)', l.complaints, l.units]),
});

const rate = (value: number | null) => (value === null ? null : `${value}%`);

/** The report's sections, in reading order. */
export function reportSections(r: MonthlyReport): ReportSection[] {
  const top3 = r.pareto.items.filter((i) => i.top3);
  return [
    {
      heading: '概要 Summary',
      tables: [
        {
          id: 'summary',
          columns: ['', 'value 数值'],
          rows: [
            ['complaints 投诉数', r.totals.complaints],
            ['units affected 涉及数量', r.totals.units],
            ['defect complaints 不良投诉', r.totals.defectComplaints],
            ['defect units 不良数量', r.ppm.defectUnits],
            [`shipped 出货数量 (${r.ppm.shippedSource})`, r.ppm.shipped],
            ['PPM', r.ppm.ppm],
            ['SLA on time 按时率', rate(r.sla.overall.onTimeRate)],
            ['open complaints 未结投诉', r.backlog.open],
            ['best team 最佳团队', r.performance.bestTeam],
            ['top three causes 前三项不良', top3.map((i) => `${i.cause} · ${i.productModel}`).join('; ') || null],
          ],
        },
      ],
    },
    {
      heading: '不良原因柏拉图 Pareto of defect causes',
      chart: 'pareto',
      tables: [
        {
          id: 'pareto',
          columns: [
            '#',
            'cause 原因',
            'model 型号',
            'complaints 投诉',
            'units 数量',
            'share 占比',
            'cumulative 累计',
            'action 措施',
          ],
          rows: [
            ...r.pareto.items.map((i): Cell[] => [
              i.rank,
              i.cause,
              i.productModel,
              i.complaints,
              i.units,
              `${i.share}%`,
              `${i.cumulativeShare}%`,
              i.top3 ? 'top 3 → corrective action 纠正措施' : '',
            ]),
            ...(r.pareto.otherComplaints
              ? [[null, 'other 其他', null, r.pareto.otherComplaints, null, null, null, '']]
              : []),
          ],
        },
      ],
      notes: [r.rules.pareto],
    },
    {
      heading: '不良 PPM Defect PPM',
      tables: [
        {
          id: 'ppm',
          columns: ['', 'units 数量'],
          rows: [
            ...PPM_CATEGORIES.map((c): Cell[] => [PPM_LABELS[c], r.ppm.defects[c]]),
            ['total 合计', r.ppm.defectUnits],
            [`shipped 出货 (${r.ppm.shippedSource})`, r.ppm.shipped],
            ['PPM', r.ppm.ppm],
          ],
        },
      ],
      notes: [r.rules.ppm],
    },
    {
      heading: '12 个月趋势 12-month trend',
      chart: 'trend',
      tables: [
        {
          id: 'trend',
          columns: ['month 月份', 'complaints 投诉', 'defect units 不良数量', 'shipped 出货', 'PPM'],
          rows: r.trend.map((t) => [t.month, t.complaints, t.defectUnits, t.shipped, t.ppm]),
        },
      ],
    },
    {
      heading: '投诉分类统计 Complaints by',
      tables: (Object.keys(BREAKDOWN_CAPTIONS) as Array<keyof typeof BREAKDOWN_CAPTIONS>).map((b) =>
        countTable(`by_${b}`, BREAKDOWN_CAPTIONS[b], r.by[b]),
      ),
      notes: [r.rules.month, r.rules.cause, r.rules.defect],
    },
    {
      heading: 'SLA 达成 SLA compliance',
      chart: 'sla',
      tables: [
        ['sla_by_clock', '按时限 by clock', [...r.sla.byClock, { ...r.sla.overall, key: 'all 全部' }]] as const,
        ['sla_by_department', '按部门 by department', r.sla.byDepartment] as const,
      ].map(([id, caption, lines]) => ({
        id,
        caption,
        columns: ['', 'clocks 时限', 'on time 按时', 'breaches 超时', 'on-time rate 按时率'],
        rows: lines.map((l) => [l.key, l.clocks, l.metOnTime, l.breaches, rate(l.onTimeRate)]),
      })),
      notes: [r.rules.sla],
    },
    {
      heading: '部门绩效 Department performance',
      tables: [
        {
          id: 'performance',
          columns: [
            'department 部门',
            'clocks 时限',
            'on time 按时',
            'rate 按时率',
            'warnings 警告',
            'penalties 处罚',
            'praise 表扬',
            'escalated 升级',
          ],
          rows: r.performance.departments.map((d) => [
            d.department === r.performance.bestTeam ? `${d.department} ★` : d.department,
            d.clocks,
            d.metOnTime,
            rate(d.onTimeRate),
            d.warnings,
            d.penalties,
            d.praise,
            d.escalations,
          ]),
        },
      ],
      notes: [`best team 最佳团队: ${r.performance.bestTeam ?? '—'} (${BEST_TEAM_RULE})`],
    },
    {
      heading: '客户满意度 Satisfaction',
      tables: r.satisfaction.map((s) => ({
        id: `satisfaction_${s.profileId}`,
        caption:
          `${s.profileId} (${s.scale}): ${s.responses} answers, ${s.satisfied} satisfied` +
          (s.satisfiedRate !== null ? ` (${s.satisfiedRate}%)` : '') +
          (s.averageScore !== null ? `, mean score ${s.averageScore}` : ''),
        columns: ['answer 评价', 'count 次数'],
        rows: s.answers.map((a) => [a.label === a.answer ? a.answer : `${a.answer} ${a.label}`, a.count]),
      })),
      notes: [r.rules.satisfaction],
    },
    {
      heading: '重复投诉 Repeats',
      tables: [
        {
          id: 'repeat_customer_cause',
          caption: `同一客户同类原因 same customer, same cause (${r.repeats.sameCustomerCauseGroups})`,
          columns: ['customer 客户', 'cause 原因', 'complaints 投诉', 'this month 本月', 'numbers 编号'],
          rows: r.repeats.sameCustomerCause.map((g) => [
            g.customer,
            g.cause,
            g.complaints,
            g.thisMonth,
            g.numbers.join(' '),
          ]),
        },
        {
          id: 'repeat_lot',
          caption: `同一批次 same lot (${r.repeats.sameLotGroups})`,
          columns: ['lot 批次', 'models 型号', 'complaints 投诉', 'this month 本月', 'units 数量', 'numbers 编号'],
          rows: r.repeats.sameLot.map((g) => [
            g.lot,
            g.productModels.join(' '),
            g.complaints,
            g.thisMonth,
            g.units,
            g.numbers.join(' '),
          ]),
        },
      ],
      notes: [r.rules.repeats, 'each group → quality improvement plan meeting 品质向上计划会议 (004 §5.7 b)'],
    },
    {
      heading: '未结投诉账龄 Backlog ageing',
      tables: [
        {
          id: 'backlog',
          caption: `open at 截至 ${r.backlog.asOf}: ${r.backlog.open}`,
          columns: ['age 账龄', 'complaints 投诉'],
          rows: r.backlog.buckets.map((b) => [b.bucket, b.complaints]),
        },
        {
          id: 'backlog_oldest',
          caption: 'oldest open 最久未结',
          columns: ['number 编号', 'stage 阶段', 'department 部门', 'severity 严重度', 'age (days) 天数'],
          rows: r.backlog.oldest.map((o) => [o.number, o.stage, o.department, o.severity, o.ageDays]),
        },
      ],
      notes: [r.rules.backlog],
    },
  ];
}
