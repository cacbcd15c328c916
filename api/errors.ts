import { WorkflowUpdateFailedError, WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from '../infra/logger';

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

/** 404: the addressed thing does not exist. */
export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'not_found', message);
  }
}

/** 409: the action is not allowed in the current state. */
export class ConflictError extends HttpError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** 401: no valid bearer token. */
export class UnauthorizedError extends HttpError {
  constructor(message: string) {
    super(401, 'unauthorized', message);
  }
}

/** 403: the caller's role may not take this action. */
export class ForbiddenError extends HttpError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

/** 422: the body is well-formed but names something that does not exist (e.g. an unknown profile). */
export class UnprocessableError extends HttpError {
  constructor(message: string) {
    super(422, 'unprocessable', message);
  }
}

/** 503: a component the request needs is unavailable. */
export class UnavailableError extends HttpError {
  constructor(message: string) {
    super(503, 'unavailable', message);
  }
}

/** ApplicationFailure types raised by workflow update validators and what they mean over HTTP. */
const FAILURE_STATUS: Record<string, { status: number; code: string }> = {
  StageConflict: { status: 409, code: 'conflict' },
  InvalidAction: { status: 400, code: 'invalid_action' },
  Forbidden: { status: 403, code: 'forbidden' },
};

/** The one error handler: ZodError 400, not found 404, conflicts 409, everything unknown 500. */
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
    logger.error({ err: error }, 'unhandled error');
    res.status(500).json({ error: 'internal', message: 'internal error' });
  };
}
