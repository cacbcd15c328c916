/** What every part of the OpenAPI document uses: bodies, errors, headers, shared parameters. */
import { z } from 'zod';

export const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
/** A response with a JSON body of `schema` (what the API sends; objects may grow new fields). */
export const body = (description: string, schema: z.ZodType, headers?: Record<string, object>) => ({
  description,
  content: json(schema, 'output'),
  ...(headers ? { headers } : {}),
});
export const header = (description: string) => ({ description, schema: { type: 'string' } });
export const retryAfter = { 'Retry-After': { ...header('seconds to wait before trying again'), required: true } };

export const errorSchema = z.object({ error: z.string(), message: z.string() });
export const errorBody = (description: string, headers?: Record<string, object>) =>
  body(description, errorSchema, headers);
/** The error statuses every operation under /api/v1 may answer. */
export const errors = {
  400: body(
    'invalid body, query, path parameter or header: `issues` lists every bad field path; malformed JSON',
    errorSchema.extend({ issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() }),
  ),
  401: errorBody('no valid bearer token'),
  403: errorBody("the caller's role may not do this"),
  404: errorBody('no such complaint, staff member, profile or email'),
  409: errorBody('not allowed in the current state'),
  413: errorBody('the body is larger than 1 MB'),
  415: errorBody('the body is not JSON in UTF-8, or has a content encoding'),
  429: errorBody('too many failed authentications from this client', retryAfter),
  503: errorBody('Temporal or the database is unreachable', retryAfter),
};
/** Registration: the same Idempotency-Key with another body, or a profile that is not loaded. */
export const unprocessable = {
  422: errorBody('the Idempotency-Key was used with another body, or the profile is unknown'),
};
/** Operations that wait for Temporal: it did not confirm in time. */
export const timeout = {
  504: errorBody(
    'Temporal did not confirm in time; it may still happen: send it again with the same Idempotency-Key, or read first',
  ),
};
export const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 8, maxLength: 200 },
};

/** The shape of a complaint number (YYYYMM-NNN; the sequence grows a digit past 999). */
export const COMPLAINT_NUMBER = /^\d{6}-\d{3,}$/;
export const numberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: COMPLAINT_NUMBER.source },
};
export const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

export function queryParameters(schema: z.ZodObject) {
  return Object.keys(schema.shape).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
}
