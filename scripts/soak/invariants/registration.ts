/**
 * registration-once: every registration the API answered is one complaint row under the number it answered
 * (its Idempotency-Key, stored as `<staff id>:<key>` in `request_key`, names that row), and every complaint row
 * has exactly one run of its workflow `complaint-<number>`, and every complaint workflow has its row.
 */
import { COMPLAINT_WORKFLOW_TYPE, complaintWorkflowId } from '../../../domain/complaint-contract';
import { subjectOfWorkflow, type CheckContext, type InvariantOutcome, type Violation } from './context';

const INVARIANT = 'registration-once';

/** The logged registrations against the rows: number, key and one number per key. */
async function loggedAgainstRows(ctx: CheckContext, violation: (subject: string, detail: string) => void) {
  const rows = await ctx.complaints();
  const byNumber = new Map(rows.map((r) => [r.number, r]));
  const byKey = new Map(rows.filter((r) => r.requestKey).map((r) => [r.requestKey!, r]));
  const numbersOfKey = new Map<string, Set<string>>();
  for (const logged of ctx.log.registrations) {
    const key = `${logged.staffId}:${logged.idempotencyKey}`;
    numbersOfKey.set(key, (numbersOfKey.get(key) ?? new Set()).add(logged.number));
  }
  for (const [key, numbers] of numbersOfKey) {
    const [number] = [...numbers];
    if (numbers.size > 1) violation(number!, `Idempotency-Key ${key} was answered with ${[...numbers].join(', ')}`);
    for (const n of numbers) {
      if (!byNumber.has(n)) violation(n, `registration answered (key ${key}) but no complaint row is numbered ${n}`);
      const row = byKey.get(key);
      if (!row) violation(n, `no complaint row holds the request key ${key}`);
      else if (row.number !== n) violation(n, `request key ${key} is complaint ${row.number}, the API answered ${n}`);
    }
  }
  return [...numbersOfKey.values()].flatMap((numbers) => [...numbers]);
}

/** One run per complaint row, none without a row. */
async function rowsAgainstWorkflows(ctx: CheckContext, violation: (subject: string, detail: string) => void) {
  const rows = await ctx.complaints();
  const runs = new Map<string, number>();
  for (const info of await ctx.workflows(`WorkflowType = '${COMPLAINT_WORKFLOW_TYPE}'`))
    runs.set(info.workflowId, (runs.get(info.workflowId) ?? 0) + 1);
  await ctx.each(rows, async (row) => {
    if (row.workflowId !== complaintWorkflowId(row.number))
      violation(row.number, `its workflow ID is ${row.workflowId}, not ${complaintWorkflowId(row.number)}`);
    const count = runs.get(row.workflowId) ?? 0;
    if (count > 1) violation(row.number, `${count} runs of workflow ${row.workflowId}`);
    if (count > 0) return;
    // visibility may lag: Temporal itself decides whether the workflow exists
    const described = await ctx.describe(row.workflowId);
    if (!described.ok)
      violation(
        row.number,
        described.notFound
          ? `complaint row without a workflow (${row.workflowId})`
          : `workflow ${row.workflowId} neither listed nor described: ${described.reason}`,
      );
  });
  const numbers = new Set(rows.map((r) => r.workflowId));
  for (const workflowId of runs.keys())
    if (!numbers.has(workflowId))
      violation(subjectOfWorkflow(workflowId), `workflow ${workflowId} has no complaint row`);
  return rows.map((r) => r.number);
}

export async function registrationOnce(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const violation = (subject: string, detail: string) => violations.push({ invariant: INVARIANT, subject, detail });
  const logged = await loggedAgainstRows(ctx, violation);
  const stored = await rowsAgainstWorkflows(ctx, violation);
  return { checked: new Set([...logged, ...stored]).size, violations };
}
