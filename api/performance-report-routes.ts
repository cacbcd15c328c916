import { Router } from 'express';
import { z } from 'zod';
import type { Label } from '../domain/labels';
import { MONTH_PATTERN, monthRange } from '../domain/months';
import { BEST_TEAM_RULE } from '../domain/performance';
import { namingOrder, reportNames, type NamingProfile } from '../domain/monthly-report/report-words';
import { BUILT_IN_PROFILES } from '../domain/profiles';
import type { PrismaClient } from '../infra/database';
import { departmentPerformance } from '../reports/monthly-figures';
import { performanceEntriesSql, slaSql } from '../reports/monthly-figures-sql';
import { requireRole } from './auth';

/** Query of the performance report: the month as YYYYMM. */
export const performanceQuerySchema = z.object({ month: z.string().regex(MONTH_PATTERN, 'YYYYMM') }).strict();

/** One department's line of the monthly report (seed 002 ch. 7). */
export interface DepartmentPerformance {
  department: string;
  /** The department's name in each language (the profiles' and domain/labels.ts). */
  name: Label;
  clocks: number;
  metOnTime: number;
  breaches: number;
  onTimeRate: number | null;
  warnings: number;
  penalties: number;
  /** 002 §7: the customers' praise credited to it, escalated complaints held against it. */
  praise: number;
  escalations: number;
}

/** The monthly report: every department's line and the month's best team (seed 002 ch. 7.1). */
export interface PerformanceReport {
  month: string;
  /** The zone the month is counted in: the company's (COMPLAINT_TIMEZONE), as complaint numbers are. */
  timeZone: string;
  departments: DepartmentPerformance[];
  /** The best team's department, or null when no department had enough clocks. */
  bestTeam: string | null;
  /** The best team's name in each language. */
  bestTeamName: Label | null;
  /** How the best team is chosen. */
  bestTeamRule: string;
}

type SlaRow = { dimension: string; key: string; clocks: number; metOnTime: number; breaches: number };
type EntryRow = { department: string; warnings: number; penalties: number; praise: number; escalations: number };

/**
 * Per department: clocks due in the month (in `timeZone`) that were met or missed, met on time, breaches,
 * on-time rate, and the warnings and penalties recorded for the month; plus the best team. Counted by the
 * monthly report's own queries: a clock or entry recorded before its complaint had a department counts for
 * the complaint's department (reports/monthly-figures-sql.ts owningDepartmentSql).
 */
export async function performanceReport(
  prisma: PrismaClient,
  month: string,
  timeZone: string,
  profiles: readonly NamingProfile[] = BUILT_IN_PROFILES,
): Promise<PerformanceReport> {
  const { from, to } = monthRange(month, timeZone);
  const window = { month, firstMonth: month, from, to, timeZone };
  const [[sla], [entries]] = await Promise.all([
    prisma.$queryRaw<Array<{ lines: SlaRow[] }>>(slaSql(window)),
    prisma.$queryRaw<Array<{ lines: EntryRow[] }>>(performanceEntriesSql(window)),
  ]);
  const lines = sla!.lines
    .filter((l) => l.dimension === 'department')
    .map((l) => ({
      key: l.key,
      clocks: Number(l.clocks),
      metOnTime: Number(l.metOnTime),
      breaches: Number(l.breaches),
      onTimeRate: l.clocks ? Math.round((Number(l.metOnTime) / Number(l.clocks)) * 1000) / 10 : null,
    }));
  const performance = departmentPerformance(lines, entries!.lines);
  const names = reportNames(profiles);
  return {
    month,
    timeZone,
    departments: performance.departments.map((d) => ({
      department: d.department,
      name: names.department(d.department),
      clocks: d.clocks,
      metOnTime: d.metOnTime,
      breaches: d.breaches,
      onTimeRate: d.onTimeRate,
      warnings: d.warnings,
      penalties: d.penalties,
      praise: d.praise,
      escalations: d.escalations,
    })),
    bestTeam: performance.bestTeam,
    bestTeamName: performance.bestTeam === null ? null : names.department(performance.bestTeam),
    bestTeamRule: BEST_TEAM_RULE,
  };
}

/**
 * Routes under /api/v1/reports; months are counted in `timeZone` (COMPLAINT_TIMEZONE), departments named by
 * the deployment's profiles (the built-ins when none are given).
 */
export function performanceReportRoutes(
  prisma: PrismaClient,
  timeZone: string,
  profiles?: { list(): ReadonlyArray<{ profile: NamingProfile }>; defaultId?: string },
): Router {
  const router = Router();
  const naming = () => (profiles ? namingOrder(profiles) : BUILT_IN_PROFILES);
  router.get('/performance', requireRole('quality_manager', 'department_head', 'general_manager'), async (req, res) => {
    const { month } = performanceQuerySchema.parse(req.query);
    res.json(await performanceReport(prisma, month, timeZone, naming()));
  });
  return router;
}
