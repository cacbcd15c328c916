/**
 * monthly-totals: for every month that has complaints, the monthly report's total (`totals.complaints`, as
 * GET /api/v1/reports/monthly/{month} computes it: reports/monthly-figures.ts, which counts the rows by their
 * stored `month`) equals a direct count of the complaints registered in that month of the company's time zone,
 * counted here by PostgreSQL from `created_at` (the registration instant) alone.
 */
import { createMonthlyReportActivities } from '../../../reports/monthly-figures';
import type { CheckContext, InvariantOutcome, Violation } from './context';

const INVARIANT = 'monthly-totals';

export async function monthlyTotals(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const counted = await ctx.prisma.$queryRaw<Array<{ month: string; complaints: number }>>`
    SELECT to_char(created_at AT TIME ZONE ${ctx.timeZone}, 'YYYYMM') AS month, count(*)::int AS complaints
    FROM complaint GROUP BY 1`;
  const direct = new Map(counted.map((c) => [c.month, c.complaints]));
  const stored = await ctx.prisma.complaint.findMany({ select: { month: true }, distinct: ['month'] });
  const months = [...new Set([...direct.keys(), ...stored.map((s) => s.month)])].sort();
  const report = createMonthlyReportActivities({ prisma: ctx.prisma, timeZone: ctx.timeZone, now: ctx.now });
  for (const month of months) {
    const { totals } = await report.monthlyReportFigures(month);
    const count = direct.get(month) ?? 0;
    if (totals.complaints !== count)
      violations.push({
        invariant: INVARIANT,
        subject: month,
        detail: `the monthly report counts ${totals.complaints} complaint(s), the rows registered then are ${count}`,
      });
  }
  return { checked: months.length, violations };
}
