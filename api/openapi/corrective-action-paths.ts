/** Corrective actions (8D / CAPA) in the OpenAPI document. */
import { z } from 'zod';
import { objectionSchema } from '../corrective-action-routes';
import { carListQuerySchema } from '../corrective-action-store';
import { openingSchema } from '../../infra/corrective-action-opening';
import { carActionSchema } from '../../domain/corrective-action/actions';
import { CAR_ACTION_NAMES } from '../../domain/corrective-action/action-names';
import { json, body, header, errors, unprocessable, timeout, idempotencyKey, queryParameters } from './common';
import { nullableString, complaintCreated } from './complaint-schemas';

export const CAR_NUMBER = /^(\d{6}-\d{3,}-\d+|car-\d{6}-\d{3,})$/;
export const carNumberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: CAR_NUMBER.source },
};
export const carSchema = z.looseObject({
  number: z.string(),
  workflowId: z.string(),
  complaintNumber: nullableString,
  source: z.string(),
  form: z.enum(['8d', 'capa']),
  phase: z.string(),
  discipline: nullableString,
  round: z.number().int(),
  owner: z.looseObject({ role: z.string(), department: z.string() }),
  statusLine: z.string(),
  overdue: z.boolean(),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: nullableString,
});
export const carDetailSchema = carSchema.extend({
  steps: z.array(z.looseObject({ seq: z.number().int(), action: z.string(), at: z.string() })),
  live: z.looseObject({ phase: z.string() }).nullable(),
  liveUnavailable: z.string().optional(),
});

/** The corrective-action operations. */
export function correctiveActionPaths() {
  const tags = ['corrective actions'];
  const actions = Object.fromEntries(
    CAR_ACTION_NAMES.map((action) => [
      `/api/v1/corrective-actions/{number}/actions/${action}`,
      {
        post: {
          summary: `Corrective action: ${action}`,
          tags,
          parameters: [carNumberParam, idempotencyKey],
          requestBody: { required: true, content: json(carActionSchema(action)) },
          responses: {
            200: body(
              'the corrective action after the step (`live`: its status)',
              carSchema.extend({ live: z.looseObject({}) }),
            ),
            ...errors,
            ...timeout,
          },
        },
      },
    ]),
  );
  return {
    '/api/v1/corrective-actions': {
      post: {
        summary: 'Open a standalone corrective action (monthly top-3 analysis or audit): car-<YYYYMM>-<NNN>',
        description: "Opened by the roles of the profile's `correctiveAction.openedBy` (the quality manager).",
        tags,
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(openingSchema) },
        responses: {
          201: body('opened, workflow started', carSchema, { Location: { ...header('its URL'), required: true } }),
          200: body('same Idempotency-Key, same member of staff: the one opened before', carSchema, {
            Location: { ...header('its URL'), required: true },
          }),
          202: body('stored; workflow start pending (Temporal unreachable)', carSchema, {
            Location: { ...header('its URL'), required: true },
          }),
          ...errors,
          ...unprocessable,
        },
      },
      get: {
        summary: 'List and search corrective actions (8D / CAPA)',
        description: '`overdue=true`: a discipline, preliminary-report or verification clock is past due and not met.',
        tags,
        parameters: queryParameters(carListQuerySchema),
        responses: {
          200: body('{ total, items }', z.object({ total: z.number().int(), items: z.array(carSchema) })),
          ...errors,
        },
      },
    },
    '/api/v1/corrective-actions/{number}': {
      get: {
        summary: 'A corrective action: stored record, steps and live status (disciplines, clocks, open actions)',
        tags,
        parameters: [carNumberParam],
        responses: { 200: body('the corrective action', carDetailSchema), ...errors },
      },
    },
    '/api/v1/corrective-actions/{number}/customer-objection': {
      post: {
        summary: 'The customer is not satisfied with the result (004 §5.3 b): a new complaint linked to the closed one',
        tags,
        parameters: [carNumberParam, idempotencyKey],
        requestBody: { required: true, content: json(objectionSchema) },
        responses: {
          201: complaintCreated('the new complaint'),
          200: complaintCreated('the same objection again: the complaint made the first time'),
          ...errors,
          ...unprocessable,
          ...timeout,
        },
      },
    },
    '/api/v1/corrective-actions/{number}/report': {
      get: {
        summary: 'The 8D report (QR25-04) as PDF (default) or HTML, by `Accept`',
        tags,
        parameters: [carNumberParam],
        responses: {
          200: {
            description:
              'the report of the latest round once D8 is done (`X-Report-Status: final`); before, an interim report of the disciplines done so far, made from the live status (`X-Report-Status: interim`)',
            content: {
              'application/pdf': { schema: { type: 'string', format: 'binary' } },
              'text/html': { schema: { type: 'string' } },
            },
          },
          ...errors,
        },
      },
    },
    ...actions,
  };
}
