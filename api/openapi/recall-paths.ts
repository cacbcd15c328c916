/** Recalls and their ledger in the OpenAPI document. */
import { z } from 'zod';
import { ledgerQuerySchema } from '../recall-routes';
import { LEDGER_ACTION_NAMES, LEDGER_ACTIONS } from '../recall-ledger';
import { recallOpeningSchema } from '../../infra/recall-opening';
import { recallListQuerySchema } from '../recall-store';
import { json, body, header, errorBody, errors, timeout, idempotencyKey, queryParameters } from './common';
import { nullableString, actor, count } from './complaint-schemas';

export const RECALL_NUMBER = /^\d{6}-\d{3,}$/;
export const recallNumberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: RECALL_NUMBER.source },
};
export const ordinalParam = {
  name: 'ordinal',
  in: 'path',
  required: true,
  description: "the consignee's ordinal in the recall (1..n, in the order traced)",
  schema: { type: 'integer', minimum: 1 },
};
export const recallPhase = z.enum(['tracing', 'notifying', 'monitoring', 'closed']);
export const recallCounts = z.looseObject({
  consignees: count,
  notified: count.describe('notices sent (or uncertain)'),
  uncertain: count.describe('notices whose sending died mid-way: probably delivered, for staff to check (outbox)'),
  acknowledged: count,
  settled: count,
  unitsShipped: count,
  unitsOnHand: count,
  unitsReturned: count,
  unitsCorrected: count,
  unitsDestroyed: count,
});
/** A recall as stored, with its ledger's counts. */
export const recallSchema = z.looseObject({
  number: z.string().regex(RECALL_NUMBER),
  workflowId: z.string().describe('`recall-<number>`'),
  complaintNumber: nullableString.describe('the complaint that started it'),
  source: z.enum(['complaint', 'quality_manager']),
  state: recallPhase,
  productModel: nullableString,
  lots: z.array(z.string()),
  serials: z.array(z.string()),
  risk: z.string(),
  remedy: z.string(),
  deadline: z.string().describe('consignees answer by then; the silent ones are escalated'),
  profileId: z.string(),
  openedBy: z.string(),
  statusLine: z.string(),
  counts: recallCounts,
  percentReached: z.number().int().describe('acknowledged consignees in percent of all'),
  openedAt: z.string(),
  updatedAt: z.string(),
  closedAt: nullableString,
  closeReason: nullableString,
});
/** The recall workflow's live status (the `recallStatus` query). */
export const recallLive = z.looseObject({
  number: z.string(),
  workflowId: z.string(),
  phase: recallPhase,
  counts: recallCounts,
  noticesThrough: count.describe('notices are out to consignees 1..noticesThrough'),
  remindersSent: count,
  nextReminderAt: z.string().optional(),
  reportsSent: count,
  nextReportAt: z.string(),
  escalatedAt: z.string().optional(),
  closedAt: z.string().optional(),
  closeReason: z.string().optional(),
  closedBy: z.string().optional(),
  runs: count.describe('runs before this one (continue-as-new)'),
  source: z.enum(['complaint', 'quality_manager']),
  complaintNumber: z.string().optional(),
  lots: z.array(z.string()),
  serials: z.array(z.string()),
  deadline: z.string(),
  percentReached: z.number().int(),
  statusLine: z.string(),
  pendingEffects: count,
});
export const recallDetailSchema = recallSchema.extend({
  events: z.array(z.looseObject({ action: z.string(), actor, data: z.unknown(), at: z.string() })),
  live: recallLive.nullable(),
  liveUnavailable: z.string().optional().describe('why `live` is null: Temporal or the worker did not answer'),
});
/** One consignee of a recall and where they stand in its ledger. */
export const consigneeSchema = z.looseObject({
  ordinal: z.number().int().min(1),
  name: z.string(),
  email: z.string(),
  language: z.string(),
  shipTo: z.string(),
  lots: z.array(z.string()),
  serials: z.array(z.string()),
  quantityShipped: count,
  firstShippedAt: z.string(),
  lastShippedAt: z.string(),
  notice: z.looseObject({
    status: nullableString.describe('`sent`, `uncertain` (the send died mid-way), `rejected`; null: not yet sent'),
    at: nullableString,
    channel: nullableString,
  }),
  acknowledgedAt: nullableString,
  quantityOnHand: count.nullable().describe('units the consignee still held when acknowledging'),
  quantityReturned: count,
  quantityCorrected: count,
  quantityDestroyed: count,
  quantityOpen: count.nullable().describe('units on hand not yet returned, corrected or destroyed'),
  creditIssued: nullableString.describe('a decimal amount'),
  settledAt: nullableString.describe('acknowledged and every unit on hand dealt with'),
  reminders: count,
  lastRemindedAt: nullableString,
  escalatedAt: nullableString.describe('still silent at the deadline'),
});
export const recallCloseSchema = z.object({ reason: z.string().trim().min(1).max(5_000) }).strict();
export const recallNotFound = { 404: errorBody('no recall of that number, or (ledger) no such consignee or action') };

export const LEDGER_ACTION_SUMMARY: Record<(typeof LEDGER_ACTION_NAMES)[number], string> = {
  acknowledge: 'The consignee answered: the quantity still on hand and the channel of the answer',
  return: 'Units returned by the consignee (at most what is on hand and not yet dealt with)',
  correct: 'Units corrected (repaired, reworked) at the consignee (at most what is open)',
  destroy: 'Units destroyed (at most what is open)',
  credit: 'Credit issued to the consignee (added up)',
};

/** The recall operations (issue 11). */
export function recallPaths() {
  const tags = ['recalls'];
  const located = (description: string) =>
    body(description, recallSchema, { Location: { ...header("the recall's URL"), required: true } });
  const ledger = Object.fromEntries(
    LEDGER_ACTION_NAMES.map((action) => [
      `/api/v1/recalls/{number}/consignees/{ordinal}/${action}`,
      {
        post: {
          summary: `Recall ledger: ${action} — ${LEDGER_ACTION_SUMMARY[action]} (quality manager, sales, customer service)`,
          description:
            "One transaction on the consignee's locked row with its audit event; with an `Idempotency-Key` the same " +
            'key again (from the same member of staff, for the same consignee and action) answers the consignee as it ' +
            'is, without a second change. A consignee is settled once ' +
            'acknowledged and every unit on hand is returned, corrected or destroyed; the recall closes by itself ' +
            'when every consignee is settled. `409`: the recall is closed, the consignee has already acknowledged, ' +
            'has not acknowledged yet (return, correct, destroy, credit), or the quantity exceeds the units open.',
          tags,
          parameters: [recallNumberParam, ordinalParam, idempotencyKey],
          requestBody: { required: true, content: json(LEDGER_ACTIONS[action]) },
          responses: { 200: body('the consignee after the action', consigneeSchema), ...errors, ...recallNotFound },
        },
      },
    ]),
  );
  return {
    '/api/v1/recalls': {
      post: {
        summary: 'Start a recall of lots and/or serials: <YYYYMM>-<NNN>, workflow recall-<number> (quality manager)',
        description:
          'Name at least one of `lots` and `serials` (`400` otherwise). ' +
          "Started by the roles of the profile's `recall.decidedBy` (the quality manager in every built-in profile). " +
          "`deadline` defaults to the profile's `recall.answerWithin` from now; `profileId` to the default profile. " +
          'Consignees are traced from the shipment records (and complaints about those lots or serials), each gets ' +
          'one notice. With an `Idempotency-Key` the same member of staff gets the same recall back (`200`).',
        tags,
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(recallOpeningSchema) },
        responses: {
          201: located('stored, workflow started'),
          200: located('same Idempotency-Key, same member of staff: the recall opened before'),
          202: located('stored; workflow start pending (Temporal unreachable): the API starts it later'),
          ...errors,
          422: errorBody('the profile is unknown or has no recall settings, or the deadline is not in the future'),
        },
      },
      get: {
        summary: 'List recalls by state, lot, serial or complaint, newest first, each with its counts',
        description: '`total` counts every match; `limit` 1–200 (default 50), `offset`.',
        tags,
        parameters: queryParameters(recallListQuerySchema),
        responses: {
          200: body('{ total, items }', z.object({ total: z.number().int(), items: z.array(recallSchema) })),
          ...errors,
        },
      },
    },
    '/api/v1/recalls/{number}': {
      get: {
        summary: "A recall: stored row, ledger counts, its own events and the workflow's live status",
        tags,
        parameters: [recallNumberParam],
        responses: { 200: body('the recall', recallDetailSchema), ...errors, ...recallNotFound },
      },
    },
    '/api/v1/recalls/{number}/consignees': {
      get: {
        summary: "A recall's ledger: its consignees by status (all, silent, unsettled, settled, uncertain, escalated)",
        description:
          "`silent`: not acknowledged; `unsettled`: not settled; `uncertain`: the notice's send died mid-way; " +
          '`escalated`: silent at the deadline and still silent. By ordinal; `limit` 1–500 (default 100), `offset`.',
        tags,
        parameters: [recallNumberParam, ...queryParameters(ledgerQuerySchema)],
        responses: {
          200: body('{ total, items }', z.object({ total: z.number().int(), items: z.array(consigneeSchema) })),
          ...errors,
          ...recallNotFound,
        },
      },
    },
    ...ledger,
    '/api/v1/recalls/{number}/close': {
      post: {
        summary: 'Close a recall by hand with a reason (the roles of `recall.decidedBy`: the quality manager)',
        description:
          "The workflow's `recall.close` update (with an `Idempotency-Key`, its update id). `409` while the notices " +
          'are still being sent, once it is closed, or when its workflow has ended or not started.',
        tags,
        parameters: [recallNumberParam, idempotencyKey],
        requestBody: { required: true, content: json(recallCloseSchema) },
        responses: {
          200: body('the recall (`live`: its status after closing)', recallSchema.extend({ live: recallLive })),
          ...errors,
          ...recallNotFound,
          ...timeout,
        },
      },
    },
    '/api/v1/recalls/{number}/retrace': {
      post: {
        summary: 'Trace the consignees again: those found since (shipments imported later) get their notice',
        description:
          "The workflow's `recall.retrace` update (the roles of `recall.decidedBy`; with an `Idempotency-Key`, its " +
          'update id). Only consignees not yet known are added, numbered after the known ones. `409` while the ' +
          'consignees are still being traced or notified, once it is closed, or when its workflow has ended.',
        tags,
        parameters: [recallNumberParam, idempotencyKey],
        responses: {
          202: body(
            'the recall (`live`: its status; the new notices follow)',
            recallSchema.extend({ live: recallLive }),
          ),
          ...errors,
          ...recallNotFound,
          ...timeout,
        },
      },
    },
  };
}

/** The OpenAPI 3.1 description of the API, generated from the same zod schemas that validate requests. */
