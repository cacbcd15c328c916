import type { Deadline } from '../domain/clocks';
import { monthOf } from '../domain/months';
import { classifyBreach, type PerformanceRule } from '../domain/performance';
import { loadComplaint, type ActivityDeps } from './deps';

/** The clocks of one complaint as the workflow saves them. */
export interface RecordClocksInput {
  number: string;
  department: string;
  owner: string;
  clocks: Deadline[];
  /**
   * The complaint's profile `performance` section: how its missed deadlines are graded. Absent for profiles
   * pinned before the section existed (and from workflows recorded before it): seed 002's legacy rule.
   */
  performance?: PerformanceRule;
}

/** The clock activities: SLA clocks stored, and each first breach counted against its department. */
export function createClockActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /**
     * Saves the complaint's clocks; a clock breached for the first time is counted against its department
     * and owner for the month of its due date in the company's time zone, graded by the profile's rule
     * given how many the department already had that month (`classifyBreach`).
     */
    async recordClocks(input: RecordClocksInput): Promise<{ newBreaches: number }> {
      await loadComplaint(prisma, input.number);
      let newBreaches = 0;
      for (const clock of input.clocks) {
        await prisma.$transaction(async (tx) => {
          const key = { complaintNumber: input.number, name: clock.name, startedAt: new Date(clock.startedAt) };
          const data = {
            dueAt: new Date(clock.dueAt),
            warnAt: new Date(clock.warnAt),
            durationAmount: clock.duration.amount,
            durationUnit: clock.duration.unit,
            pausedMs: BigInt(clock.pausedMs),
            pausedAt: clock.pausedAt ? new Date(clock.pausedAt) : null,
            warnedAt: clock.warnedAt ? new Date(clock.warnedAt) : null,
            breachedAt: clock.breachedAt ? new Date(clock.breachedAt) : null,
            metAt: clock.metAt ? new Date(clock.metAt) : null,
            breachMs: clock.breachMs !== undefined ? BigInt(clock.breachMs) : null,
            department: input.department,
            owner: input.owner,
          };
          await tx.slaClock.upsert({
            where: { complaintNumber_name_startedAt: key },
            create: { ...key, ...data },
            update: data,
          });
          if (!clock.breachedAt) return;
          const month = monthOf(new Date(clock.dueAt), deps.timeZone);
          // One grader per department and month at a time, so two breaches never both see "none before".
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${month}:${input.department}`}))`;
          const already = await tx.performanceEntry.findUnique({
            where: {
              complaintNumber_clock_clockStartedAt: {
                complaintNumber: input.number,
                clock: clock.name,
                clockStartedAt: key.startedAt,
              },
            },
          });
          if (already) return;
          const earlier = await tx.performanceEntry.count({ where: { month, department: input.department } });
          await tx.performanceEntry.create({
            data: {
              month,
              department: input.department,
              owner: input.owner,
              complaintNumber: input.number,
              clock: clock.name,
              clockStartedAt: key.startedAt,
              kind: classifyBreach(input.performance, earlier),
            },
          });
          newBreaches += 1;
        });
      }
      return { newBreaches };
    },
  };
}
