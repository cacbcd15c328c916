/**
 * Starting the workflow of a row stored first (a standalone corrective action, a recall): within a deadline,
 * a workflow already started under its ID counting as started, then the row marked started. False when
 * Temporal did not take it (the API's sweep tries again later).
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';

/** How long a start waits before the caller answers 202 (started later by the sweep). */
export const START_DEADLINE_MS = 5_000;

export async function startOnce(
  temporal: Client,
  start: () => Promise<unknown>,
  markStarted: () => Promise<unknown>,
): Promise<boolean> {
  try {
    await temporal.withDeadline(Date.now() + START_DEADLINE_MS, start);
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) return false;
  }
  await markStarted();
  return true;
}
