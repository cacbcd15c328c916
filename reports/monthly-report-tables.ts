/**
 * The monthly report as sections of tables: one layout for the HTML page, the PDF and the CSV, so the three
 * always show the same figures — in the reader's language (zh-CN / en), every code named (profiles and
 * domain/labels.ts, through domain/monthly-report/report-words.ts), every month and instant in the company's zone.
 */
import type { Label } from '../domain/labels';
import {
  PPM_CATEGORIES,
  type CountLine,
  type MonthlyReport,
  type SlaLine,
} from '../domain/monthly-report/monthly-report';
import { REPORT_TEXT, type ReportText } from '../domain/monthly-report/report-text';
import { dayWords, instantWords, monthWords, zoneWords, type ReportNames } from '../domain/monthly-report/report-words';
import type { Language } from '../domain/registration';

/** A cell: text, a number, or nothing (shown as —). */
export type Cell = string | number | null;

export interface ReportTable {
  /** Stable id (the HTML table's id; not shown). */
  id: string;
  /** The table's name as the CSV's `table` column shows it (its section, then its caption without counts). */
  name: string;
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

/** Who reads the report: their language, and the names of the codes it holds. */
export interface ReportReading {
  language: Language;
  names: ReportNames;
}

const BREAKDOWNS = ['type', 'cause', 'severity', 'department', 'channel', 'profile'] as const;

const rate = (value: number | null) => (value === null ? null : `${value}%`);

/** The report's words for one reader: the fixed text, and each code and date in the reader's language. */
export function reportWords(
  report: Pick<MonthlyReport, 'month' | 'timeZone' | 'from' | 'to' | 'generatedAt'>,
  reading: ReportReading,
) {
  const { language, names } = reading;
  const t: ReportText = REPORT_TEXT[language];
  const say = (l: Label) => l[language];
  const month = monthWords(report.month, language);
  const lastInstant = new Date(Date.parse(report.to) - 1);
  return {
    t,
    say,
    names,
    language,
    title: `${t.title} · ${month}`,
    meta: t.meta(
      zoneWords(report.timeZone, language),
      dayWords(report.from, language, report.timeZone),
      dayWords(lastInstant, language, report.timeZone),
      instantWords(report.generatedAt, language, report.timeZone),
    ),
    month: (m: string) => monthWords(m, language, 'short'),
    instant: (at: string) => instantWords(at, language, report.timeZone),
    department: (id: string | null) => say(names.department(id)),
    cause: (id: string | null) => say(names.cause(id)),
    defect: (id: string) => say(names.defect(id)),
    defectAndModel: (defect: string, model: string) => `${say(names.defect(defect))} · ${model}`,
  };
}

export type ReportWords = ReturnType<typeof reportWords>;

/** The report's sections, in reading order. */
export function reportSections(r: MonthlyReport, reading: ReportReading): ReportSection[] {
  const w = reportWords(r, reading);
  return [
    summarySection(r, w),
    paretoSection(r, w),
    ppmSection(r, w),
    trendSection(r, w),
    breakdownSection(r, w),
    slaSection(r, w),
    performanceSection(r, w),
    satisfactionSection(r, w),
    repeatsSection(r, w),
    backlogSection(r, w),
  ];
}

const shippedSourceWords = (r: MonthlyReport, { t }: ReportWords) =>
  t.shippedSource[r.ppm.shippedSource] ?? r.ppm.shippedSource;

/** The month's best team, named; null when there is none. */
const bestTeamWords = (r: MonthlyReport, w: ReportWords) =>
  r.performance.bestTeam === null ? null : w.department(r.performance.bestTeam);

function summarySection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t } = w;
  const top3 = r.pareto.items.filter((i) => i.top3).map((i) => w.defectAndModel(i.defect, i.productModel));
  return {
    heading: t.sections.summary,
    tables: [
      {
        id: 'summary',
        name: t.sections.summary,
        columns: ['', t.value],
        rows: [
          [t.summary.complaints, r.totals.complaints],
          [t.summary.units, r.totals.units],
          [t.summary.defectComplaints, r.totals.defectComplaints],
          [t.summary.defectUnits, r.ppm.defectUnits],
          [t.summary.shipped(shippedSourceWords(r, w)), r.ppm.shipped],
          ['PPM', r.ppm.ppm],
          [t.summary.onTime, rate(r.sla.overall.onTimeRate)],
          [t.summary.open, r.backlog.open],
          [t.summary.bestTeam, bestTeamWords(r, w)],
          [t.summary.topThree, top3.join(w.language === 'zh-CN' ? '；' : '; ') || null],
        ],
      },
    ],
  };
}

function paretoSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t } = w;
  return {
    heading: t.sections.pareto,
    chart: 'pareto',
    tables: [
      {
        id: 'pareto',
        name: t.sections.pareto,
        columns: [
          '#',
          t.pareto.cause,
          t.pareto.model,
          t.complaints,
          t.units,
          t.pareto.share,
          t.pareto.cumulative,
          t.pareto.action,
        ],
        rows: [
          ...r.pareto.items.map((i): Cell[] => [
            i.rank,
            w.defect(i.defect),
            i.productModel,
            i.complaints,
            i.units,
            `${i.share}%`,
            `${i.cumulativeShare}%`,
            i.top3 ? t.pareto.topThreeAction : '',
          ]),
          ...(r.pareto.otherComplaints
            ? [[null, t.pareto.other, null, r.pareto.otherComplaints, null, null, null, '']]
            : []),
        ],
      },
    ],
    notes: [t.rules.pareto],
  };
}

function ppmSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t } = w;
  return {
    heading: t.sections.ppm,
    tables: [
      {
        id: 'ppm',
        name: t.sections.ppm,
        columns: ['', t.units],
        rows: [
          ...PPM_CATEGORIES.map((c): Cell[] => [t.ppmCategory[c], r.ppm.defects[c]]),
          [t.total, r.ppm.defectUnits],
          [`${t.shipped} (${shippedSourceWords(r, w)})`, r.ppm.shipped],
          ['PPM', r.ppm.ppm],
        ],
      },
    ],
    notes: [t.rules.ppm],
  };
}

function trendSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t } = w;
  return {
    heading: t.sections.trend,
    chart: 'trend',
    tables: [
      {
        id: 'trend',
        name: t.sections.trend,
        columns: [t.month, t.complaints, t.defectUnits, t.shipped, 'PPM'],
        rows: r.trend.map((m) => [w.month(m.month), m.complaints, m.defectUnits, m.shipped, m.ppm]),
      },
    ],
  };
}

/** The month's counts by type, cause, severity, department, channel and profile: one table each. */
function breakdownSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t, say, names } = w;
  const keyName: Record<(typeof BREAKDOWNS)[number], (key: string | null) => string> = {
    type: (k) => say(names.type(k)),
    cause: (k) => say(names.cause(k)),
    severity: (k) => say(names.severity(k)),
    department: (k) => say(names.department(k)),
    channel: (k) => say(names.channel(k)),
    profile: (k) => say(names.profile(k)),
  };
  const countTable = (b: (typeof BREAKDOWNS)[number], lines: CountLine[]): ReportTable => ({
    id: `by_${b}`,
    name: `${t.sections.by} · ${t.breakdown[b]}`,
    caption: t.breakdown[b],
    columns: ['', t.complaints, t.units],
    rows: lines.map((l) => [keyName[b](l.key), l.complaints, l.units]),
  });
  return {
    heading: t.sections.by,
    tables: BREAKDOWNS.map((b) => countTable(b, r.by[b])),
    notes: [t.rules.month, t.rules.cause, t.rules.defect],
  };
}

const slaRow = (name: string, l: SlaLine): Cell[] => [name, l.clocks, l.metOnTime, l.breaches, rate(l.onTimeRate)];

function slaSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t, say, names } = w;
  const slaColumns = ['', t.sla.clocks, t.sla.onTime, t.sla.breaches, t.sla.rate];
  return {
    heading: t.sections.sla,
    chart: 'sla',
    tables: [
      {
        id: 'sla_by_clock',
        name: `${t.sections.sla} · ${t.sla.byClock}`,
        caption: t.sla.byClock,
        columns: slaColumns,
        rows: [...r.sla.byClock.map((l) => slaRow(say(names.clock(l.key)), l)), slaRow(t.sla.all, r.sla.overall)],
      },
      {
        id: 'sla_by_department',
        name: `${t.sections.sla} · ${t.sla.byDepartment}`,
        caption: t.sla.byDepartment,
        columns: slaColumns,
        rows: r.sla.byDepartment.map((l) => slaRow(w.department(l.key), l)),
      },
    ],
    notes: [t.rules.sla],
  };
}

function performanceSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t } = w;
  return {
    heading: t.sections.performance,
    tables: [
      {
        id: 'performance',
        name: t.sections.performance,
        columns: [
          t.performance.department,
          t.sla.clocks,
          t.sla.onTime,
          t.sla.rate,
          t.performance.warnings,
          t.performance.penalties,
          t.performance.praise,
          t.performance.escalated,
        ],
        rows: r.performance.departments.map((d) => [
          d.department === r.performance.bestTeam ? `${w.department(d.department)} ★` : w.department(d.department),
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
    notes: [`${t.performance.bestTeam(bestTeamWords(r, w) ?? t.none)} (${t.bestTeamRule})`],
  };
}

function satisfactionSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t, say, names } = w;
  return {
    heading: t.sections.satisfaction,
    tables: r.satisfaction.map((s) => ({
      id: `satisfaction_${s.profileId}`,
      name: `${t.sections.satisfaction} · ${say(names.profile(s.profileId))}`,
      caption: t.satisfaction.caption(
        say(names.profile(s.profileId)),
        t.satisfaction.scale[s.scale] ?? t.satisfaction.scale.unknown,
        s.responses,
        s.satisfied,
        s.satisfiedRate,
        s.averageScore,
      ),
      columns: [t.satisfaction.answer, t.satisfaction.count],
      rows: s.answers.map((a) => [say(names.answer(s.profileId, a.answer)), a.count]),
    })),
    notes: [t.rules.satisfaction],
  };
}

function repeatsSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t } = w;
  return {
    heading: t.sections.repeats,
    tables: [
      {
        id: 'repeat_customer_cause',
        name: `${t.sections.repeats} · ${t.repeats.sameCustomerCause}`,
        caption: t.repeats.groups(t.repeats.sameCustomerCause, r.repeats.sameCustomerCauseGroups),
        columns: [t.repeats.customer, t.pareto.cause, t.complaints, t.repeats.thisMonth, t.repeats.numbers],
        rows: r.repeats.sameCustomerCause.map((g) => [
          g.customer,
          w.cause(g.cause),
          g.complaints,
          g.thisMonth,
          g.numbers.join(' '),
        ]),
      },
      {
        id: 'repeat_lot',
        name: `${t.sections.repeats} · ${t.repeats.sameLot}`,
        caption: t.repeats.groups(t.repeats.sameLot, r.repeats.sameLotGroups),
        columns: [t.repeats.lot, t.repeats.models, t.complaints, t.repeats.thisMonth, t.units, t.repeats.numbers],
        rows: r.repeats.sameLot.map((g) => [
          g.lot,
          g.productModels.join(' '),
          g.complaints,
          g.thisMonth,
          g.units,
          g.numbers.join(' '),
        ]),
      },
      {
        id: 'repeat_later_orders',
        name: `${t.sections.repeats} · ${t.repeats.laterOrders}`,
        caption: t.repeats.groups(t.repeats.laterOrders, r.repeats.laterOrders?.length ?? 0),
        columns: [t.repeats.numbers, t.repeats.customer, t.pareto.model, t.repeats.defect],
        rows: (r.repeats.laterOrders ?? []).map((g) => [
          g.number,
          g.customer,
          g.productModel,
          g.defectCode ? w.defect(g.defectCode) : w.cause(g.cause),
        ]),
      },
    ],
    notes: [t.rules.repeats, t.repeats.meeting],
  };
}

function backlogSection(r: MonthlyReport, w: ReportWords): ReportSection {
  const { t, say, names } = w;
  return {
    heading: t.sections.backlog,
    tables: [
      {
        id: 'backlog',
        name: t.sections.backlog,
        caption: r.backlog.asOf ? t.backlog.openAt(w.instant(r.backlog.asOf), r.backlog.open) : undefined,
        columns: [t.backlog.age, t.complaints],
        rows: r.backlog.buckets.map((b) => [t.backlog.bucket(b.minDays, b.maxDays), b.complaints]),
      },
      {
        id: 'backlog_oldest',
        name: `${t.sections.backlog} · ${t.backlog.oldest}`,
        caption: t.backlog.oldest,
        columns: [t.backlog.number, t.backlog.stage, t.performance.department, t.backlog.severity, t.backlog.ageDays],
        rows: r.backlog.oldest.map((o) => [
          o.number,
          say(names.stage(o.stage)),
          w.department(o.department),
          say(names.severity(o.severity)),
          o.ageDays,
        ]),
      },
    ],
    notes: [t.rules.backlog],
  };
}
