import { Router } from 'express';
import { z } from 'zod';
import type { PrismaClient } from '../infra/database';
import { requireRole } from './auth';

/** Query of the performance report: the month as YYYYMM. */
export const performanceQuerySchema = z
  .object({ month: z.string().regex(/^\d{4}(0[1-9]|1[0-2])$/, 'YYYYMM') })
  .strict();

/** One department's line of the monthly report (seed 002 ch. 7). */
export interface DepartmentPerformance {
  department: string;
  clocks: number;
  metOnTime: number;
  breaches: number;
  onTimeRate: number | null;
  warnings: number;
  penalties: number;
}

function monthRange(month: string): { from: Date; to: Date } {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(4)) - 1;
  // Months are counted in China Standard Time like complaint numbers (UTC+8, no DST).
  return { from: new Date(Date.UTC(year, m, 1) - 8 * 3600_000), to: new Date(Date.UTC(year, m + 1, 1) - 8 * 3600_000) };
}

/** Per department: clocks due in the month, met on time, breaches, on-time rate, warnings and penalties. */
export async function performanceReport(prisma: PrismaClient, month: string): Promise<DepartmentPerformance[]> {
  const { from, to } = monthRange(month);
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
      d = { department, clocks: 0, metOnTime: 0, breaches: 0, onTimeRate: null, warnings: 0, penalties: 0 };
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
    if (e.kind === 'warning') d.warnings += e._count._all;
    else d.penalties += e._count._all;
  }
  for (const d of departments.values())
    d.onTimeRate = d.clocks ? Math.round((d.metOnTime / d.clocks) * 1000) / 10 : null;
  return [...departments.values()].sort((a, b) => a.department.localeCompare(b.department));
}

/** Routes under /api/v1/reports. */
export function reportRoutes(prisma: PrismaClient): Router {
  const router = Router();
  router.get('/performance', requireRole('quality_manager', 'department_head', 'general_manager'), async (req, res) => {
    const { month } = performanceQuerySchema.parse(req.query);
    res.json({ month, departments: await performanceReport(prisma, month) });
  });
  return router;
}
