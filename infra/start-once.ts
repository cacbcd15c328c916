/**
 * Starting the workflow of a row stored first (a standalone corrective action, a recall): within a deadline,
 * a workflow already started under its ID counting as started, then the row marked started. False when
 * Temporal did not take it (the API's sweep tries again later).
 */
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { PrismaClient } from './database';
import type { ProfileRegistry } from './profile-registry';

/** What opening a process outside a workflow needs (a standalone corrective action, a recall). */
export interface OpeningDeps {
  prisma: PrismaClient;
  temporal: Client;
  profiles: ProfileRegistry;
  taskQueue: string;
  timeZone: string;
  now: () => Date;
}

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

/** A stored opening's workflow as it is started: by its type's name, never twice under its ID. */
export interface StoredStart {
  workflowType: string;
  workflowId: string;
  input: unknown;
  summary: string;
  details: string;
  /** Marks the row started (only a row not marked yet). */
  markStarted: () => Promise<unknown>;
}

/** Starts a stored opening's workflow (see `startOnce`). */
export function startStored(deps: OpeningDeps, start: StoredStart): Promise<boolean> {
  return startOnce(
    deps.temporal,
    () =>
      deps.temporal.workflow.start(start.workflowType, {
        taskQueue: deps.taskQueue,
        workflowId: start.workflowId,
        args: [start.input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        staticSummary: start.summary,
        staticDetails: start.details,
      }),
    start.markStarted,
  );
}

/** How many of the stored openings whose workflow did not start (Temporal was unreachable) start now. */
export async function startPending<R>(rows: R[], start: (row: R) => Promise<boolean>): Promise<number> {
  let started = 0;
  for (const row of rows) if (await start(row)) started += 1;
  return started;
}
