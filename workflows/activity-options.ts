import type { ActivityOptions } from '@temporalio/workflow';
import { fitSummary } from '../domain/ui-summary';

/** Transient failures retry with backoff; business failures are non-retryable ApplicationFailures. */
const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;

/** Activities that talk SMTP: a send must finish well within this, or the attempt is presumed dead. */
export const mailActivityOptions: ActivityOptions = { startToCloseTimeout: '15 seconds', retry };

/** Activities that only touch the database. */
export const databaseActivityOptions: ActivityOptions = { startToCloseTimeout: '10 seconds', retry };

/** Activity options with the summary the Web UI shows on the timeline, cut to fit Temporal's limit. */
export function withSummary(options: ActivityOptions, summary: string): ActivityOptions {
  return { ...options, summary: fitSummary(summary) };
}
