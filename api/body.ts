/**
 * Request bodies: JSON only (415 otherwise), at most 1 MB (413), in UTF-8 without a content encoding
 * (415), and without text that cannot be stored (400 with the field's path). Malformed JSON is the error
 * handler's 400.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { storableBody } from './request-text';

/** True when the request has a body (a length above 0, or chunked). */
export const hasBody = (req: express.Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** 415 for a body that is not JSON (the parser would otherwise leave it unread and every field "missing"). */
const jsonOnly: RequestHandler = (req, res, next) => {
  if (!hasBody(req) || req.is('application/json')) return next();
  res.status(415).json({ error: 'unsupported_media_type', message: 'send the body as application/json' });
};

/**
 * body-parser's own refusals with their status: 413 larger than `limit` (as people read it: "1 MB"), 415
 * charset or encoding (bad JSON: the error handler).
 */
export function parserErrors(limit: string): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const type = (error as { type?: string }).type;
    const status = (error as { status?: number }).status;
    const known: Record<string, [number, string, string]> = {
      'entity.too.large': [413, 'payload_too_large', `the body is larger than ${limit}`],
      'charset.unsupported': [415, 'unsupported_media_type', 'send the body in UTF-8'],
      'encoding.unsupported': [415, 'unsupported_media_type', 'send the body without a content encoding'],
    };
    const mapped = type ? known[type] : undefined;
    if (!mapped || status === undefined) return next(error);
    res.status(mapped[0]).json({ error: mapped[1], message: mapped[2] });
  };
}

/** The JSON body handling every route gets. */
export function jsonBody(): Array<RequestHandler | ErrorRequestHandler> {
  return [jsonOnly, express.json({ limit: '1mb', inflate: false }), parserErrors('1 MB'), storableBody];
}
