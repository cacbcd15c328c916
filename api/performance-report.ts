import { Router } from 'express';
import { z } from 'zod';
import { MONTH_PATTERN, monthRange } from '../domain/months';
import { BEST_TEAM_RULE, bestTeam, emptyDepartmentMonth } from '../domain/performance';
import type { PrismaClient } from '../infra/database';
import { requireRole } from './auth';

/** Query of the performance report: the month as YYYYMM. */
export const performanceQuerySchema = z.object({ month: z.string().regex(MONTH_PATTERN, 'YYYYMM') }).strict();

/** One department's line of the monthly report (seed 002 ch. 7). */
export interface DepartmentPerformance {
  department: string;
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
  /** How the best team is chosen. */
  bestTeamRule: string;
}

/**
 * Per department: clocks due in the month (in `timeZone`) that were met or missed, met on time, breaches,
 * on-time rate, and the warnings and penalties recorded for the month; plus the best team.
 */
export async function performanceReport(
  prisma: PrismaClient,
  month: string,
  timeZone: string,
): Promise<PerformanceReport> {
  const { from, to } = monthRange(month, timeZone);
  const clocks = await prisma.slaClock.findMany({
    where: { dueAt: { gte: from, lt: to }, OR: [{ metAt: { not: null } }, { breachedAt: { not: null } }] },
    select: { department: true, breachedAt: true },
  });
  const entries = await prisma.performanceEntry.groupBy({
    by: ['department', 'kind'],
    where: { month },
    _count: { _all: true },
  });
  const departments = new Map<string, DepartmentPerformance>();
  const line = (department: string) => {
    let d = departments.get(department);
    if (!d) {
      d = emptyDepartmentMonth(department);
      departments.set(department, d);
    }
    return d;
  };
  for (const c of clocks) {
    const d = line(c.department);
    d.clocks += 1;
    if (c.breachedAt) d.breaches += 1;
    else d.metOnTime += 1;
  }
  for (const e of entries) {
    const d = line(e.department);
    const n = e._count._all;
    if (e.kind === 'warning') d.warnings += n;
    else if (e.kind === 'penalty') d.penalties += n;
    else if (e.kind === 'praise') d.praise += n;
    else if (e.kind === 'escalation') d.escalations += n;
  }
  for (const d of departments.values())
    d.onTimeRate = d.clocks ? Math.round((d.metOnTime / d.clocks) * 1000) / 10 : null;
  const lines = [...departments.values()].sort((a, b) => a.department.localeCompare(b.department));
  return {
    month,
    timeZone,
    departments: lines,
    bestTeam: bestTeam(lines)?.department ?? null,
    bestTeamRule: BEST_TEAM_RULE,
  };
}

/** Routes under /api/v1/reports; months are counted in `timeZone` (COMPLAINT_TIMEZONE). */
export function reportRoutes(prisma: PrismaClient, timeZone: string): Router {
  const router = Router();
  router.get('/performance', requireRole('quality_manager', 'department_head', 'general_manager'), async (req, res) => {
    const { month } = performanceQuerySchema.parse(req.query);
    res.json(await performanceReport(prisma, month, timeZone));
  });
  return router;
}
