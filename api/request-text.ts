/**
 * One rule for every string a request brings that may reach PostgreSQL (domain/storable-text.ts): the body, the
 * query and the URL path are refused with a 400 naming where the text is, before any handler sees them. Header
 * values need no check here: Node's HTTP parser already refuses control characters in them.
 */
import type { RequestHandler, Response } from 'express';
import { UNSTORABLE_MESSAGE, unstorableTextPath } from '../domain/storable-text';

function refuse(res: Response, path: string, message = UNSTORABLE_MESSAGE): void {
  res.status(400).json({ error: 'validation_failed', message: 'the request is invalid', issues: [{ path, message }] });
}

/** A segment's parameter name where a template matches the path (`number`), else `path`. */
function segmentName(templates: string[][], segments: string[], index: number): string {
  const template = templates.find(
    (t) =>
      t.length === segments.length && t.every((part, i) => part.startsWith('{') || i === index || part === segments[i]),
  );
  const part = template?.[index];
  return part?.startsWith('{') ? part.slice(1, -1) : 'path';
}

const MALFORMED_MESSAGE = 'is not valid percent-encoded UTF-8';

/** Where the URL path holds a malformed escape or text that cannot be stored, and what is wrong there. */
function unstorablePathSegment(templates: string[][], urlPath: string): { path: string; message: string } | undefined {
  const segments = urlPath.split('/');
  for (const [index, segment] of segments.entries()) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { path: segmentName(templates, segments, index), message: MALFORMED_MESSAGE };
    }
    if (unstorableTextPath(decoded) !== undefined)
      return { path: segmentName(templates, segments, index), message: UNSTORABLE_MESSAGE };
  }
  return undefined;
}

/** Refuses a body with text that cannot be stored (400 with the field's path; '' for the body itself). */
export const storableBody: RequestHandler = (req, res, next) => {
  const path = unstorableTextPath(req.body);
  if (path === undefined) return next();
  refuse(res, path === '(body)' ? '' : path);
};

/**
 * Refuses a query parameter (`customer`) or a path segment (`number`, named after the API's path templates,
 * `/api/v1/complaints/{number}`: the names the other checks of query and path use) with text that cannot be stored or a malformed escape.
 */
export function storableQueryAndPath(pathTemplates: string[]): RequestHandler {
  const templates = pathTemplates.map((template) => template.split('/'));
  return (req, res, next) => {
    const query = unstorableTextPath(req.query);
    if (query !== undefined) return refuse(res, query);
    const path = unstorablePathSegment(templates, req.originalUrl.split('?')[0]!);
    if (path === undefined) return next();
    refuse(res, path.path, path.message);
  };
}
