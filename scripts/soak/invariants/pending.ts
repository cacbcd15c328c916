/**
 * no-pending-effects: once the run has settled nothing is left half done. Every open complaint, running 8D and
 * running recall says `pendingEffects` 0 in its status (and a complaint no `needsAttention`); no outbox row is
 * still `pending` or `sending`; and no running workflow (of any type: complaints, ladders, 8Ds, recalls,
 * maintenance orders) has an activity past `activityAttemptBound` attempts or a workflow task that is failing
 * (its pending task past attempt 1; with `faultsEndedAt`, also any WorkflowTaskFailed in its history since).
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { COMPLAINT_WORKFLOW_TYPE } from '../../../domain/complaint-contract';
import { CORRECTIVE_ACTION_WORKFLOW_TYPE } from '../../../domain/corrective-action-contract';
import { RECALL_WORKFLOW_TYPE } from '../../../domain/recall-contract';
import { FINAL_STAGES, type Stage } from '../../../domain/stages';
import { subjectOfWorkflow, unanswered, type Answer, type CheckContext, type InvariantOutcome } from './context';
import type { Violation } from './context';
import { failedWorkflowTasks } from './history';

const INVARIANT = 'no-pending-effects';
const RUNNING = `ExecutionStatus = 'Running'`;
type Report = (subject: string, detail: string) => void;

function statusOf(ctx: CheckContext, info: Pick<WorkflowExecutionInfo, 'type' | 'workflowId'>) {
  const subject = subjectOfWorkflow(info.workflowId);
  if (info.type === COMPLAINT_WORKFLOW_TYPE) return ctx.complaintStatus(subject);
  if (info.type === CORRECTIVE_ACTION_WORKFLOW_TYPE) return ctx.carStatus(subject);
  if (info.type === RECALL_WORKFLOW_TYPE) return ctx.recallStatus(subject);
  return undefined;
}

/**
 * Effects queued and not carried out: in-flight outbox rows, and the statuses of open complaints and running
 * 8Ds and recalls. Returns the subjects looked at.
 */
export async function queuedEffects(ctx: CheckContext, report: Report): Promise<string[]> {
  const inFlight = await ctx.prisma.outboxEmail.findMany({
    where: { status: { in: ['pending', 'sending'] } },
    select: { id: true, status: true, idempotencyKey: true, attempts: true, lastError: true },
  });
  for (const row of inFlight)
    report(
      row.id,
      `email still ${row.status} after ${row.attempts} attempt(s): ${row.idempotencyKey}` +
        (row.lastError ? ` (last error: ${row.lastError.slice(0, 200)})` : ''),
    );
  const running = await ctx.workflows(RUNNING);
  const runningIds = new Set(running.map((r) => r.workflowId));
  const open = (await ctx.complaints()).filter(
    (c) => !FINAL_STAGES.includes(c.stage as Stage) && !runningIds.has(c.workflowId),
  );
  const asked = [...running, ...open.map((c) => ({ type: COMPLAINT_WORKFLOW_TYPE, workflowId: c.workflowId }))];
  await ctx.each(asked, async (info) => {
    const status: Promise<Answer<{ pendingEffects?: number; needsAttention?: string }>> | undefined = statusOf(
      ctx,
      info,
    );
    if (!status) return;
    const subject = subjectOfWorkflow(info.workflowId);
    const answer = await status;
    if (!answer.ok) {
      if (!answer.notFound) report(subject, `status query: ${unanswered(answer)}`);
      return;
    }
    if (answer.value.pendingEffects) report(subject, `${answer.value.pendingEffects} effect(s) still queued`);
    if (answer.value.needsAttention) report(subject, `needs attention: ${answer.value.needsAttention}`);
  });
  return [...inFlight.map((r) => r.id), ...asked.map((i) => subjectOfWorkflow(i.workflowId))];
}

/** Running workflows with an activity retried past the bound or a workflow task failing. */
async function stuckWorkflows(ctx: CheckContext, report: Report): Promise<string[]> {
  const running = await ctx.workflows(RUNNING);
  await ctx.each(running, async (info) => {
    const subject = subjectOfWorkflow(info.workflowId);
    const described = await ctx.describe(info.workflowId);
    if (!described.ok) {
      if (!described.notFound) report(subject, `${info.workflowId}: describe: ${unanswered(described)}`);
      return;
    }
    for (const activity of described.value.raw.pendingActivities ?? [])
      if ((activity.attempt ?? 0) > ctx.attemptBound)
        report(
          subject,
          `${info.workflowId}: activity ${activity.activityType?.name ?? '?'} at attempt ${activity.attempt}` +
            (activity.lastFailure?.message ? ` (${activity.lastFailure.message.slice(0, 200)})` : ''),
        );
    const task = described.value.raw.pendingWorkflowTask;
    if ((task?.attempt ?? 0) > 1) report(subject, `${info.workflowId}: workflow task at attempt ${task!.attempt}`);
    if (!ctx.faultsEndedAt) return;
    const history = await ctx.history(info.workflowId);
    if (!history.ok) report(subject, `${info.workflowId}: history unreadable: ${unanswered(history)}`);
    else
      for (const failure of failedWorkflowTasks(history.value, ctx.faultsEndedAt.getTime()))
        report(subject, `${info.workflowId}: workflow task failed ${failure}`);
  });
  return running.map((r) => subjectOfWorkflow(r.workflowId));
}

export async function noPendingEffects(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const report: Report = (subject, detail) => violations.push({ invariant: INVARIANT, subject, detail });
  const queued = await queuedEffects(ctx, report);
  const stuck = await stuckWorkflows(ctx, report);
  return { checked: new Set([...queued, ...stuck]).size, violations };
}
