/** What a workflow's history says for the checker: the updates it took, and its workflow tasks that failed. */
import { eventMs, type HistoryEvent } from './context';

/** The update IDs the workflow took and completed successfully, by update name. */
export function updatesTaken(events: readonly HistoryEvent[]): Map<string, string[]> {
  const accepted = new Map<string, string>();
  const succeeded = new Set<string>();
  for (const event of events) {
    const request = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    if (request?.meta?.updateId && request.input?.name) accepted.set(request.meta.updateId, request.input.name);
    const completed = event.workflowExecutionUpdateCompletedEventAttributes;
    if (completed?.meta?.updateId && completed.outcome?.success) succeeded.add(completed.meta.updateId);
  }
  const byName = new Map<string, string[]>();
  for (const [id, name] of accepted) if (succeeded.has(id)) byName.set(name, [...(byName.get(name) ?? []), id]);
  return byName;
}

/**
 * Workflow tasks that failed: the last one if no task completed after it (the workflow is failing now), and,
 * with `sinceMs`, every one from then on.
 */
export function failedWorkflowTasks(events: readonly HistoryEvent[], sinceMs?: number): string[] {
  const failures: Array<{ at: number; cause: string }> = [];
  let failingNow: { at: number; cause: string } | undefined;
  for (const event of events) {
    const failed = event.workflowTaskFailedEventAttributes;
    if (failed) {
      const entry = { at: eventMs(event), cause: failed.failure?.message ?? String(failed.cause ?? 'unknown') };
      failures.push(entry);
      failingNow = entry;
    }
    if (event.workflowTaskCompletedEventAttributes) failingNow = undefined;
  }
  const recent = sinceMs === undefined ? [] : failures.filter((f) => f.at >= sinceMs);
  const found = failingNow && !recent.includes(failingNow) ? [...recent, failingNow] : recent;
  return found.map((f) => `${new Date(f.at).toISOString()}: ${f.cause.slice(0, 200)}`);
}
