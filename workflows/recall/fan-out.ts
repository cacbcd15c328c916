/**
 * Sending to thousands of consignees within Temporal's limits: consignees in batches of `BATCH` (one activity
 * each, heartbeating), at most `WINDOW` batches at once. A run stops launching batches when its history grows
 * past `HISTORY_BUDGET` and reports how far the consecutive finished batches reach, so the workflow can
 * continue as new from there.
 */
import { condition, workflowInfo } from '@temporalio/workflow';

export const BATCH = 100;
export const WINDOW = 4;
/** Far below the 10,240 events where Temporal starts warning: a run continues as new past this. */
export const HISTORY_BUDGET = 4_000;

/** True when this run should hand over to a new one. */
export function historyFull(): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > HISTORY_BUDGET;
}

/**
 * Runs `send(from, to)` over ordinals `after + 1 .. through`; returns the last ordinal up to which every batch
 * finished (less than `through` when the run must continue as new first). A batch that failed for good
 * (retries are the activity's) is reported to `failed` and counts as finished: the others still go out.
 */
export async function fanOut(
  after: number,
  through: number,
  send: (from: number, to: number) => Promise<void>,
  failed: (from: number, error: unknown) => void,
): Promise<number> {
  const finished = new Set<number>();
  let running = 0;
  let next = after + 1;
  while (next <= through && !historyFull()) {
    await condition(() => running < WINDOW);
    const from = next;
    const to = Math.min(through, from + BATCH - 1);
    next = to + 1;
    running += 1;
    const settle = () => {
      finished.add(from);
      running -= 1;
    };
    void send(from, to).then(settle, (error: unknown) => {
      failed(from, error);
      settle();
    });
  }
  await condition(() => running === 0);
  let done = after;
  while (finished.has(done + 1)) done = Math.min(through, done + BATCH);
  return done;
}
