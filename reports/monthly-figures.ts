/**
 * The monthly quality report's figures (issue 13; seed 004 §5.7): a handful of aggregate queries run side by
 * side (reports/monthly-figures-sql.ts), assembled into a MonthlyReport. Department performance
 * is seed 002 ch. 7 as api/performance-report-routes.ts counts it (the same clocks, the same best-team rule), from
 * aggregates rather than rows.
 */
import { MANAGEMENT_RECIPIENTS } from '../domain/monthly-report/monthly-actions';
import { monthRange } from '../domain/months';
import { bestTeam, emptyDepartmentMonth } from '../domain/performance';
import {
  BACKLOG_BUCKETS,
  BREAKDOWNS,
  PPM_CATEGORIES,
  REPORT_RULES,
  partsPerMillion,
  percent,
  shiftMonth,
  windowMonths,
  type Breakdown,
  type CountLine,
  type DepartmentLine,
  type MonthlyReport,
  type OldestOpen,
  type ParetoItem,
  type PpmCategory,
  type RepeatCustomerCause,
  type LaterOrdersRepeat,
  type RepeatLot,
  type SatisfactionLine,
  type ShippedSource,
  type SlaLine,
} from '../domain/monthly-report/monthly-report';
import type { Profile } from '../domain/profile-schema';
import type { PrismaClient } from '../infra/database';
import {
  backlogSql,
  complaintFiguresSql,
  performanceEntriesSql,
  satisfactionSql,
  shippedSql,
  slaSql,
  type MonthWindow,
} from './monthly-figures-sql';

/** What the report is computed over. */
export interface MonthlyFiguresDeps {
  prisma: PrismaClient;
  /** COMPLAINT_TIMEZONE. */
  timeZone: string;
  now: () => Date;
  /** The profiles' satisfaction scales (labels, score or levels); none: answers as recorded. */
  profiles?: { get(id: string): { profile: Pick<Profile, 'satisfaction' | 'notifications'> } | undefined };
}

interface ComplaintFigures {
  breakdown: Array<{
    dimension: Breakdown | 'total';
    key: string | null;
    complaints: number;
    units: number;
    defect_complaints: number;
    defect_units: number;
  }>;
  pareto: Array<Omit<ParetoItem, 'rank' | 'share' | 'cumulativeShare' | 'top3'> & { total: number; running: number }>;
  paretoTotal: number;
  ppm: Array<{ category: PpmCategory; units: number }>;
  trend: Array<{ month: string; complaints: number; defect_units: number }>;
  customerCause: Array<RepeatCustomerCause & { groups: number }>;
  lot: Array<RepeatLot & { groups: number }>;
  laterOrders: LaterOrdersRepeat[];
}
type SlaRow = Omit<SlaLine, 'onTimeRate'> & { dimension: 'clock' | 'department' | 'overall' };
type SatisfactionRow = { profileId: string; answer: string | null; count: number; satisfied: number; scoreSum: number };

const bySize = (a: { complaints: number; key: string | null }, b: { complaints: number; key: string | null }) =>
  b.complaints - a.complaints || String(a.key).localeCompare(String(b.key));

function slaLine(row: Omit<SlaLine, 'onTimeRate'>): SlaLine {
  return {
    key: row.key,
    clocks: row.clocks,
    metOnTime: row.metOnTime,
    breaches: row.breaches,
    onTimeRate: percent(row.metOnTime, row.clocks),
  };
}

function paretoItems(rows: ComplaintFigures['pareto']): ParetoItem[] {
  return rows.map((r, i) => ({
    rank: i + 1,
    defect: r.defect,
    cause: r.cause,
    profileId: r.profileId,
    productModel: r.productModel,
    complaints: r.complaints,
    units: r.units,
    share: percent(r.complaints, r.total) ?? 0,
    cumulativeShare: percent(r.running, r.total) ?? 0,
    top3: i < 3,
  }));
}

/**
 * Management, and the departments the procedures of the month's complaints send their statistics to (004 §5.7
 * d): administration; 002 §5.3: sales), each once.
 */
function statisticsRecipients(profiles: CountLine[], registry: MonthlyFiguresDeps['profiles']): string[] {
  const named = profiles.flatMap((line) =>
    line.key ? (registry?.get(line.key)?.profile.notifications.onMonthlyReport ?? []) : [],
  );
  return [...new Set<string>([...MANAGEMENT_RECIPIENTS, ...named])];
}

function satisfactionLines(rows: SatisfactionRow[], profiles: MonthlyFiguresDeps['profiles']): SatisfactionLine[] {
  const byProfile = new Map<string, SatisfactionRow[]>();
  for (const row of rows) byProfile.set(row.profileId, [...(byProfile.get(row.profileId) ?? []), row]);
  return [...byProfile.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([profileId, answers]) => {
      const scale = profiles?.get(profileId)?.profile.satisfaction;
      const responses = answers.reduce((n, a) => n + a.count, 0);
      const satisfied = answers.reduce((n, a) => n + a.satisfied, 0);
      const scored = answers.filter((a) => a.scoreSum !== null);
      const scoredCount = scored.reduce((n, a) => n + a.count, 0);
      const order = (answer: string | null) =>
        scale?.kind === 'levels' ? scale.levels.findIndex((l) => l.id === answer) : -Number(answer);
      return {
        profileId,
        scale: scale?.kind ?? 'unknown',
        responses,
        satisfied,
        satisfiedRate: percent(satisfied, responses),
        averageScore: scoredCount
          ? Math.round((scored.reduce((n, a) => n + Number(a.scoreSum), 0) / scoredCount) * 100) / 100
          : null,
        answers: answers
          .sort((a, b) => order(a.answer) - order(b.answer))
          .map((a) => ({
            answer: a.answer ?? '',
            label:
              scale?.kind === 'levels'
                ? (scale.levels.find((l) => l.id === a.answer)?.label['zh-CN'] ?? a.answer ?? '')
                : (a.answer ?? ''),
            count: a.count,
          })),
      };
    });
}

/**
 * Each department's month (002 ch. 7) from its SLA line and its entries, and the best team — the monthly
 * report's performance table and the performance report alike.
 */
export function departmentPerformance(
  sla: SlaLine[],
  entries: Array<{ department: string; warnings: number; penalties: number; praise: number; escalations: number }>,
): MonthlyReport['performance'] {
  const lines = new Map<string, DepartmentLine>();
  for (const s of sla)
    lines.set(s.key, {
      ...emptyDepartmentMonth(s.key),
      clocks: s.clocks,
      metOnTime: s.metOnTime,
      breaches: s.breaches,
      onTimeRate: s.onTimeRate,
    });
  for (const e of entries) {
    const line = lines.get(e.department) ?? emptyDepartmentMonth(e.department);
    lines.set(e.department, {
      ...line,
      warnings: Number(e.warnings),
      penalties: Number(e.penalties),
      praise: Number(e.praise),
      escalations: Number(e.escalations),
    });
  }
  const departments = [...lines.values()].sort((a, b) => a.department.localeCompare(b.department));
  return { departments, bestTeam: bestTeam(departments)?.department ?? null };
}

/** The ppm of the month and the shipped quantity per month of the window (entered figure first). */
function shippedByMonth(shipped: {
  entered: Array<{ month: string; quantity: number }>;
  shipments: Array<{ month: string; quantity: number }>;
}): (month: string) => { quantity: number; source: ShippedSource } {
  const entered = new Map(shipped.entered.map((e) => [e.month, Number(e.quantity)]));
  const shipments = new Map(shipped.shipments.map((s) => [s.month, Number(s.quantity)]));
  return (month) => {
    const figure = entered.get(month);
    if (figure !== undefined) return { quantity: figure, source: 'entered' };
    const sum = shipments.get(month);
    return sum !== undefined ? { quantity: sum, source: 'shipments' } : { quantity: 0, source: 'none' };
  };
}

/** The monthly report's activities: its figures for one month. */
export function createMonthlyReportActivities(deps: MonthlyFiguresDeps) {
  const { prisma, timeZone } = deps;
  const one = async <T>(sql: ReturnType<typeof slaSql>): Promise<T> => {
    const [row] = await prisma.$queryRaw<Array<Record<string, T>>>(sql);
    return Object.values(row!)[0]!;
  };
  return {
    /** Every figure of the month `YYYYMM`, counted in the company's time zone. */
    async monthlyReportFigures(month: string): Promise<MonthlyReport> {
      const { from, to } = monthRange(month, timeZone);
      const firstMonth = shiftMonth(month, -(windowMonths(month).length - 1));
      const windowFrom = monthRange(firstMonth, timeZone).from;
      const w: MonthWindow = { month, firstMonth, from, to, timeZone };
      const now = deps.now();
      const asOf = now < to ? now : to;
      const [figures, slaRows, entries, satisfaction, backlog, shipped] = await Promise.all([
        one<ComplaintFigures>(complaintFiguresSql(w)),
        one<SlaRow[]>(slaSql(w)),
        one<Array<{ department: string; warnings: number; penalties: number; praise: number; escalations: number }>>(
          performanceEntriesSql(w),
        ),
        one<SatisfactionRow[]>(satisfactionSql(w)),
        one<{ ages: Array<{ ageDays: number; complaints: number }>; oldest: OldestOpen[] }>(backlogSql(asOf)),
        one<Parameters<typeof shippedByMonth>[0]>(shippedSql(w, windowFrom)),
      ]);

      const by = Object.fromEntries(BREAKDOWNS.map((b) => [b, [] as CountLine[]])) as Record<Breakdown, CountLine[]>;
      let totals = { complaints: 0, units: 0, defectComplaints: 0, defectUnits: 0 };
      for (const row of figures.breakdown) {
        if (row.dimension === 'total')
          totals = {
            complaints: row.complaints,
            units: row.units,
            defectComplaints: row.defect_complaints,
            defectUnits: row.defect_units,
          };
        else by[row.dimension].push({ key: row.key, complaints: row.complaints, units: row.units });
      }
      for (const lines of Object.values(by)) lines.sort(bySize);

      const shippedIn = shippedByMonth(shipped);
      const defects = Object.fromEntries(PPM_CATEGORIES.map((c) => [c, 0])) as Record<PpmCategory, number>;
      for (const p of figures.ppm) defects[p.category] = Number(p.units);
      const defectUnits = PPM_CATEGORIES.reduce((n, c) => n + defects[c], 0);
      const monthShipped = shippedIn(month);

      const trendRows = new Map(figures.trend.map((t) => [t.month, t]));
      const trend = windowMonths(month).map((m) => {
        const t = trendRows.get(m);
        const shippedThen = shippedIn(m).quantity;
        const units = Number(t?.defect_units ?? 0);
        return {
          month: m,
          complaints: t?.complaints ?? 0,
          defectUnits: units,
          shipped: shippedThen,
          ppm: partsPerMillion(units, shippedThen),
        };
      });

      const sla = slaRows.map((r) => ({ ...slaLine(r), dimension: r.dimension }));
      const byDepartment = sla.filter((s) => s.dimension === 'department').map(slaLine);
      const overall = sla.find((s) => s.dimension === 'overall');

      const buckets = BACKLOG_BUCKETS.map((b) => ({
        ...b,
        complaints: backlog.ages
          .filter((a) => a.ageDays >= b.minDays && (b.maxDays === null || a.ageDays <= b.maxDays))
          .reduce((n, a) => n + a.complaints, 0),
      }));

      return {
        month,
        timeZone,
        from: from.toISOString(),
        to: to.toISOString(),
        generatedAt: now.toISOString(),
        totals,
        by,
        pareto: {
          defectComplaints: figures.paretoTotal,
          items: paretoItems(figures.pareto),
          otherComplaints: figures.paretoTotal - figures.pareto.reduce((n, p) => n + p.complaints, 0),
        },
        sla: {
          overall: overall ? slaLine(overall) : slaLine({ key: '', clocks: 0, metOnTime: 0, breaches: 0 }),
          byClock: sla.filter((s) => s.dimension === 'clock').map(slaLine),
          byDepartment,
        },
        satisfaction: satisfactionLines(satisfaction, deps.profiles),
        performance: departmentPerformance(byDepartment, entries),
        repeats: {
          windowFrom: windowFrom.toISOString(),
          sameCustomerCause: figures.customerCause.map(({ groups: _, ...r }) => r),
          sameCustomerCauseGroups: figures.customerCause[0]?.groups ?? 0,
          sameLot: figures.lot.map(({ groups: _, ...r }) => r),
          sameLotGroups: figures.lot[0]?.groups ?? 0,
          laterOrders: figures.laterOrders,
        },
        ppm: {
          defects,
          defectUnits,
          shipped: monthShipped.quantity,
          shippedSource: monthShipped.source,
          ppm: partsPerMillion(defectUnits, monthShipped.quantity),
        },
        trend,
        backlog: {
          asOf: asOf.toISOString(),
          open: buckets.reduce((n, b) => n + b.complaints, 0),
          buckets,
          oldest: backlog.oldest,
        },
        rules: REPORT_RULES,
        statisticsTo: statisticsRecipients(by.profile, deps.profiles),
      };
    },
  };
}
