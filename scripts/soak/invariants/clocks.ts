/**
 * clocks-match: for each open complaint, its stored SLA clocks (`sla_clock`) are its workflow's live clocks:
 * every clock the status query shows running is stored under its name and start, not met, with the same due
 * instant, breached or not alike, paused or not alike; and every clock stored as running is one the workflow
 * runs. Its 8Ds keep their clocks with the complaint, named `<8D number> <clock>`: those are compared, met ones
 * included, with each 8D's own status. A complaint whose effects are still queued is skipped (its clocks are
 * saved with them; no-pending-effects reports it); a mismatch is read once more after a moment before it is
 * reported (a clock can fall due between the two reads).
 */
import { complaintWorkflowId, statusQuery } from '../../../domain/complaint-contract';
import type { Deadline } from '../../../domain/clocks';
import { carStatusQuery, correctiveActionWorkflowId } from '../../../domain/corrective-action-contract';
import { FINAL_STAGES, type Stage } from '../../../domain/stages';
import { unanswered, type CheckContext, type InvariantOutcome, type Violation } from './context';

const INVARIANT = 'clocks-match';
const RECHECK_AFTER_MS = 1_000;

interface StoredClock {
  name: string;
  startedAt: Date;
  dueAt: Date;
  metAt: Date | null;
  breachedAt: Date | null;
  pausedAt: Date | null;
}

const iso = (date: Date) => date.toISOString();
const sameInstant = (date: Date, text: string) => date.getTime() === Date.parse(text);

/** What differs between live clocks and stored ones; `withMet`: the live list holds met clocks too. */
function compare(label: string, live: Deadline[], stored: StoredClock[], withMet: boolean): string[] {
  const found: string[] = [];
  const key = (name: string, startedAt: string) => `${label}${name} started ${startedAt}`;
  for (const clock of live) {
    const row = stored.find((s) => s.name === clock.name && sameInstant(s.startedAt, clock.startedAt));
    const which = key(clock.name, clock.startedAt);
    if (!row) {
      found.push(`${which}: the workflow has it, not stored`);
      continue;
    }
    if (!row.metAt !== !clock.metAt) found.push(`${which}: met ${row.metAt ? 'stored' : 'live'} only`);
    if (!sameInstant(row.dueAt, clock.dueAt)) found.push(`${which}: due ${iso(row.dueAt)} stored, ${clock.dueAt} live`);
    if (!row.breachedAt !== !clock.breachedAt)
      found.push(`${which}: breached ${row.breachedAt ? 'stored' : 'live'} only`);
    if (!row.pausedAt !== !clock.pausedAt) found.push(`${which}: paused ${row.pausedAt ? 'stored' : 'live'} only`);
  }
  for (const row of stored) {
    if (!withMet && row.metAt) continue;
    if (!live.some((c) => c.name === row.name && sameInstant(row.startedAt, c.startedAt)))
      found.push(`${key(row.name, iso(row.startedAt))}: stored as running, the workflow does not run it`);
  }
  return found;
}

/** The complaint's clock mismatches, or why it was not compared (null: skipped). */
async function mismatches(ctx: CheckContext, number: string, fresh: boolean): Promise<string[] | null> {
  const live = fresh
    ? await ctx.ask(() => ctx.handle(complaintWorkflowId(number)).query(statusQuery))
    : await ctx.complaintStatus(number);
  if (!live.ok) return live.notFound ? null : [`status query: ${unanswered(live)}`];
  if (live.value.pendingEffects) return null;
  const rows: StoredClock[] = await ctx.prisma.slaClock.findMany({
    where: { complaintNumber: number },
    select: { name: true, startedAt: true, dueAt: true, metAt: true, breachedAt: true, pausedAt: true },
  });
  const cars = (live.value.correctiveActions ?? []).map((c) => c.number);
  const ofCar = (row: StoredClock) => cars.find((car) => row.name.startsWith(`${car} `));
  const found = compare(
    '',
    live.value.deadlines,
    rows.filter((r) => !ofCar(r)),
    false,
  );
  for (const car of cars) {
    const status = fresh
      ? await ctx.ask(() => ctx.handle(correctiveActionWorkflowId(car)).query(carStatusQuery))
      : await ctx.carStatus(car);
    if (!status.ok) {
      if (!status.notFound) found.push(`8D ${car}: status query: ${unanswered(status)}`);
      continue;
    }
    const stored = rows.filter((r) => ofCar(r) === car).map((r) => ({ ...r, name: r.name.slice(car.length + 1) }));
    found.push(...compare(`8D ${car} `, status.value.deadlines, stored, true));
  }
  return found;
}

export async function clocksMatch(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const open = (await ctx.complaints()).filter((c) => !FINAL_STAGES.includes(c.stage as Stage));
  let checked = 0;
  await ctx.each(open, async ({ number }) => {
    let found = await mismatches(ctx, number, false);
    if (found === null) return;
    checked += 1;
    if (!found.length) return;
    await new Promise((resolve) => setTimeout(resolve, RECHECK_AFTER_MS));
    found = (await mismatches(ctx, number, true)) ?? [];
    for (const detail of found) violations.push({ invariant: INVARIANT, subject: number, detail });
  });
  return { checked, violations };
}
