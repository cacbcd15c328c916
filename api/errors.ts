import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../infra/logger';
import { Refusal, type RefusalKind } from '../domain/refusal';

/** An error that maps to one HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A class of HttpError with a fixed status and code: `new NotFoundError(message)`. */
function httpErrorClass(status: number, code: string) {
  return class extends HttpError {
    constructor(message: string) {
      super(status, code, message);
    }
  };
}

/** 404: the addressed thing does not exist. */
export class NotFoundError extends httpErrorClass(404, 'not_found') {}
/** 409: the action is not allowed in the current state. */
export class ConflictError extends httpErrorClass(409, 'conflict') {}
/** 401: no valid bearer token. */
export class UnauthorizedError extends httpErrorClass(401, 'unauthorized') {}
/** 403: the caller's role may not take this action. */
export class ForbiddenError extends httpErrorClass(403, 'forbidden') {}
/** 422: the body is well-formed but names something that does not exist (e.g. an unknown profile). */
export class UnprocessableError extends httpErrorClass(422, 'unprocessable') {}

/** A resource that exists but cannot be made now (its workflow does not answer). */
export class UnavailableError extends httpErrorClass(503, 'unavailable') {}

/** ApplicationFailure types raised by workflow update validators and what they mean over HTTP. */
const FAILURE_STATUS: Record<string, { status: number; code: string }> = {
  StageConflict: { status: 409, code: 'conflict' },
  InvalidAction: { status: 400, code: 'invalid_action' },
  Forbidden: { status: 403, code: 'forbidden' },
};

/** The rules' refusals (domain/refusal.ts) over HTTP. */
const REFUSAL_STATUS: Record<RefusalKind, { status: number; code: string }> = {
  forbidden: { status: 403, code: 'forbidden' },
  unprocessable: { status: 422, code: 'unprocessable' },
};

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;
const DATABASE_DOWN =
  /P1001|P1002|P1008|P1017|P2024|ECONNREFUSED|ECONNRESET|Connection terminated|Can't reach database/;

/** What is unavailable when `error` says a component could not be reached; undefined for other errors. */
export function unavailableComponent(error: unknown): 'temporal' | 'database' | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (isGrpcServiceError(e) && [GRPC_UNAVAILABLE, GRPC_DEADLINE_EXCEEDED].includes(e.code)) return 'temporal';
    if (e instanceof ServiceError && /unavailable|deadline|connect/i.test(e.message)) return 'temporal';
    const name = (e as Error).constructor?.name ?? '';
    const text = `${(e as { code?: string }).code ?? ''} ${(e as Error).message ?? ''}`;
    if (name === 'PrismaClientInitializationError' || DATABASE_DOWN.test(text)) return 'database';
  }
  return undefined;
}

const UNAVAILABLE_MESSAGE = {
  temporal:
    'the workflow service did not answer in time; an action sent may still be taken — read the complaint before sending it again',
  database: 'the database is unavailable; nothing was changed, try again shortly',
};

/** The one error handler: ZodError 400, not found 404, conflicts 409, outages 503, everything unknown 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    if (error instanceof ZodError) {
      res.status(400).json({
        error: 'validation_failed',
        message: 'the request is invalid',
        issues: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      });
      return;
    }
    if (error instanceof SyntaxError && 'body' in error) {
      res.status(400).json({ error: 'malformed_json', message: 'the body is not valid JSON' });
      return;
    }
    if (error instanceof Refusal) {
      const mapped = REFUSAL_STATUS[error.kind];
      res.status(mapped.status).json({ error: mapped.code, message: error.message });
      return;
    }
    if (error instanceof HttpError) {
      res.status(error.status).json({ error: error.code, message: error.message });
      return;
    }
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const mapped = FAILURE_STATUS[error.cause.type ?? ''] ?? { status: 409, code: 'conflict' };
      res.status(mapped.status).json({ error: mapped.code, message: error.cause.message });
      return;
    }
    if (error instanceof WorkflowNotFoundError) {
      res.status(404).json({ error: 'not_found', message: 'the complaint has no running workflow' });
      return;
    }
    // an update call that ran out of time or was cancelled: the action may or may not have been taken
    if (isGrpcDeadlineError(error) || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      res.status(504).json({
        error: 'timeout',
        message:
          'the workflow did not confirm in time; the action may still be taken — send it again with the same Idempotency-Key, or read the complaint first',
      });
      return;
    }
    const down = unavailableComponent(error);
    if (down) {
      logger.warn({ err: error, component: down }, 'component unavailable');
      res.status(503).set('Retry-After', '5').json({ error: 'unavailable', message: UNAVAILABLE_MESSAGE[down] });
      return;
    }
    logger.error({ err: error }, 'unhandled error');
    res.status(500).json({ error: 'internal', message: 'internal error' });
  };
}
