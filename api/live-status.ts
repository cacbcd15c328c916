/**
 * A workflow's live status read by query within a deadline: a worker or a Temporal server that is down must
 * not hold the request, which then answers with the stored record and says why there is no live state.
 */
import { isGrpcDeadlineError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { Logger } from '../infra/logger';
import { unavailableComponent } from './errors';
import { within } from './within';

/** How long a read waits for the workflow's live status before answering with the stored record alone. */
export const QUERY_DEADLINE_MS = 1_800;
/** How long an action waits for the workflow's answer before a 504 (the worker may be down). */
export const UPDATE_DEADLINE_MS = 20_000;

export const NO_ANSWER_IN_TIME = `the workflow did not answer within ${QUERY_DEADLINE_MS / 1000} s: is a worker running?`;

/** Why a status query failed, in words for the caller. */
export function whyNoLiveStatus(error: unknown): string {
  if (error instanceof WorkflowNotFoundError) return 'the complaint has no workflow (not started yet, or removed)';
  if (unavailableComponent(error) === 'temporal' && !isGrpcDeadlineError(error)) return 'Temporal is unreachable';
  return NO_ANSWER_IN_TIME;
}

/** The query's answer, or null and why (within QUERY_DEADLINE_MS, whatever happens). */
export function queryWithin<T>(
  temporal: Client,
  logger: Logger,
  workflowId: string,
  query: QueryDefinition<T, []>,
): Promise<{ live: T | null; reason?: string }> {
  // the timer also bounds the client's own retries, which outlast the gRPC deadline
  const asked = temporal
    .withDeadline(Date.now() + QUERY_DEADLINE_MS, () => temporal.workflow.getHandle(workflowId).query(query))
    .then((live) => ({ live }))
    .catch((error: unknown) => {
      logger.debug({ workflowId, err: error }, 'live status unavailable');
      return { live: null, reason: whyNoLiveStatus(error) };
    });
  return within(QUERY_DEADLINE_MS, asked, { live: null, reason: NO_ANSWER_IN_TIME });
}
