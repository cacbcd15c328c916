/**
 * stage-matches: a complaint's stage is one: the workflow's status query, its row (the list-view copy written
 * with each step) and its `ComplaintStage` search attribute agree; and the stage the last logged action was
 * answered with is one the workflow passed through. Stages do not only move forward (an objection goes back to
 * planning, an escalation and back), so "at or after" is decided by the workflow's own history of stages (the
 * status keeps its last 30; beyond that the audit's stages before and after), not by the order of STAGES.
 * A complaint whose effects are still queued (pendingEffects > 0) has a row that is allowed to lag: its row is
 * not compared (no-pending-effects reports it).
 */
import { COMPLAINT_WORKFLOW_TYPE, searchAttributes } from '../../../domain/complaint-contract';
import { FINAL_STAGES, STAGES, type Stage } from '../../../domain/stages';
import { unanswered, type CheckContext, type InvariantOutcome, type Violation } from './context';

const INVARIANT = 'stage-matches';
/** How many stage changes the status query returns (domain/complaint/status.ts). */
const HISTORY_SHOWN = 30;

/** The last logged action of each complaint (by the time it was answered). */
function lastLogged(ctx: CheckContext): Map<string, { action: string; stageAfter: string; at: number }> {
  const last = new Map<string, { action: string; stageAfter: string; at: number }>();
  for (const a of ctx.log.actions) {
    const at = Date.parse(a.at);
    const known = last.get(a.number);
    if (!known || at >= known.at) last.set(a.number, { action: a.action, stageAfter: a.stageAfter, at });
  }
  return last;
}

/** Stages the audit records a complaint in (before and after each step). */
async function auditedStages(ctx: CheckContext, number: string): Promise<Set<string>> {
  const rows = await ctx.prisma.auditEntry.findMany({
    where: { complaintNumber: number },
    select: { stageBefore: true, stageAfter: true },
  });
  return new Set(rows.flatMap((r) => [r.stageBefore, r.stageAfter]));
}

export async function stageMatches(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const violation = (subject: string, detail: string) => violations.push({ invariant: INVARIANT, subject, detail });
  const rows = new Map((await ctx.complaints()).map((r) => [r.number, r]));
  const listed = new Map<string, Stage | undefined>();
  // visibility lists the newest run first
  for (const info of await ctx.workflows(`WorkflowType = '${COMPLAINT_WORKFLOW_TYPE}'`))
    if (!listed.has(info.workflowId))
      listed.set(info.workflowId, info.typedSearchAttributes.get(searchAttributes.stage) as Stage | undefined);
  const logged = lastLogged(ctx);
  const subjects = new Set([
    ...ctx.log.registrations.map((r) => r.number),
    ...logged.keys(),
    ...[...rows.values()].filter((r) => !FINAL_STAGES.includes(r.stage as Stage)).map((r) => r.number),
  ]);
  let checked = 0;
  await ctx.each([...subjects], async (number) => {
    const row = rows.get(number);
    if (!row) return; // registration-once reports a logged complaint without its row
    const live = await ctx.complaintStatus(number);
    if (!live.ok) {
      if (!live.notFound) violation(number, `status query: ${unanswered(live)}`);
      return;
    }
    checked += 1;
    const { stage, history, pendingEffects } = live.value;
    if (!pendingEffects && row.stage !== stage) violation(number, `the row says ${row.stage}, the workflow ${stage}`);
    const attribute = listed.get(row.workflowId);
    if (attribute !== undefined && attribute !== stage)
      violation(number, `search attribute ComplaintStage is ${attribute}, the workflow says ${stage}`);
    const last = logged.get(number);
    if (!last) return;
    if (!STAGES.includes(last.stageAfter as Stage)) {
      violation(number, `${last.action} was answered with "${last.stageAfter}", which is no stage`);
      return;
    }
    const passed = new Set<string>(history.map((h) => h.stage));
    if (passed.has(last.stageAfter)) return;
    if (history.length >= HISTORY_SHOWN && (await auditedStages(ctx, number)).has(last.stageAfter)) return;
    violation(
      number,
      `${last.action} was answered with stage ${last.stageAfter}, which the workflow never reached (now ${stage})`,
    );
  });
  return { checked, violations };
}
