import type { Deadline } from '../domain/clocks';
import { monthOf } from '../domain/months';
import { classifyBreach, type PerformanceRule } from '../domain/performance';
import { Prisma } from '../generated/prisma/client';
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
  performance?: Pick<PerformanceRule, 'breaches'>;
}

type Tx = Prisma.TransactionClient;

const at = (iso: string | undefined) => (iso ? new Date(iso) : null);

/**
 * Writes the given clocks of a complaint in one statement, then grades each first breach: counted against
 * its department and owner for the month of its due date in the company's time zone, by the profile's rule
 * given how many the department already had that month (`classifyBreach`). Returns the new breaches.
 */
export async function saveClocks(tx: Tx, input: RecordClocksInput, timeZone: string): Promise<number> {
  if (!input.clocks.length) return 0;
  const rows = input.clocks.map(
    (c) => Prisma.sql`(gen_random_uuid(), ${input.number}, ${c.name}, ${new Date(c.startedAt)}, ${new Date(c.dueAt)},
      ${new Date(c.warnAt)}, ${c.duration.amount}, ${c.duration.unit}, ${BigInt(c.pausedMs)}, ${at(c.pausedAt)},
      ${at(c.warnedAt)}, ${at(c.breachedAt)}, ${at(c.metAt)}, ${c.breachMs === undefined ? null : BigInt(c.breachMs)},
      ${input.department}, ${input.owner})`,
  );
  await tx.$executeRaw`
    INSERT INTO sla_clock (id, complaint_number, name, started_at, due_at, warn_at, duration_amount, duration_unit,
      paused_ms, paused_at, warned_at, breached_at, met_at, breach_ms, department, owner)
    VALUES ${Prisma.join(rows)}
    ON CONFLICT (complaint_number, name, started_at) DO UPDATE SET due_at = EXCLUDED.due_at,
      warn_at = EXCLUDED.warn_at, duration_amount = EXCLUDED.duration_amount, duration_unit = EXCLUDED.duration_unit,
      paused_ms = EXCLUDED.paused_ms, paused_at = EXCLUDED.paused_at, warned_at = EXCLUDED.warned_at,
      breached_at = EXCLUDED.breached_at, met_at = EXCLUDED.met_at, breach_ms = EXCLUDED.breach_ms,
      department = EXCLUDED.department, owner = EXCLUDED.owner`;
  let newBreaches = 0;
  for (const clock of input.clocks) {
    if (clock.breachedAt && (await gradeBreach(tx, input, clock, timeZone))) newBreaches += 1;
  }
  return newBreaches;
}

/** Counts a breached clock against its department once; false when it already was. */
async function gradeBreach(tx: Tx, input: RecordClocksInput, clock: Deadline, timeZone: string): Promise<boolean> {
  const month = monthOf(new Date(clock.dueAt), timeZone);
  const clockStartedAt = new Date(clock.startedAt);
  // One grader per department and month at a time, so two breaches never both see "none before".
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${month}:${input.department}`}))`;
  const already = await tx.performanceEntry.findUnique({
    where: {
      complaintNumber_clock_clockStartedAt: { complaintNumber: input.number, clock: clock.name, clockStartedAt },
    },
  });
  if (already) return false;
  const earlier = await tx.performanceEntry.count({
    where: { month, department: input.department, kind: { in: ['warning', 'penalty'] } },
  });
  await tx.performanceEntry.create({
    data: {
      month,
      department: input.department,
      owner: input.owner,
      complaintNumber: input.number,
      clock: clock.name,
      clockStartedAt,
      kind: classifyBreach(input.performance, earlier),
    },
  });
  return true;
}

/** The clock activities: SLA clocks stored, and each first breach counted against its department. */
export function createClockActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /** Saves clocks of the complaint (those that changed) and grades first breaches, in one transaction. */
    async recordClocks(input: RecordClocksInput): Promise<{ newBreaches: number }> {
      await loadComplaint(prisma, input.number);
      const newBreaches = await prisma.$transaction((tx) => saveClocks(tx, input, deps.timeZone));
      return { newBreaches };
    },
  };
}
