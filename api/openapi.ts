import { z } from 'zod';
import { actionSchema, ACTION_NAMES } from '../domain/complaint/actions';
import { MONTH_PATTERN } from '../domain/months';
import { BEST_TEAM_RULE } from '../domain/performance';
import { profileSchema } from '../domain/profile-schema';
import { registrationSchema } from '../domain/registration';
import { ROLES } from '../domain/roles';
import { STAGES } from '../domain/stages';
import { listQuerySchema, reopenSchema } from './complaint-routes';
import { carListQuerySchema, objectionSchema } from './corrective-action-api';
import { openingSchema } from '../infra/corrective-action-opening';
import { carActionSchema } from '../domain/corrective-action/actions';
import { CAR_ACTION_NAMES } from '../domain/corrective-action/action-names';
import { staffPatchSchema, staffSchema } from './staff-routes';
import { MAX_ISSUES, MAX_SHIPMENTS, SHIPMENT_COLUMNS, shipmentSchema } from './shipment-import';
import { shipmentListQuerySchema } from './shipment-routes';
import { ledgerQuerySchema } from './recall-api';
import { LEDGER_ACTION_NAMES, LEDGER_ACTIONS } from './recall-ledger';
import { recallOpeningSchema } from '../infra/recall-opening';
import { recallListQuerySchema } from './recall-store';
import { monthlyReportPaths } from './monthly-report-openapi';
import { maintenancePaths } from './maintenance-openapi';
import { caseListSchema, caseQuerySchema } from './case-library';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
/** A response with a JSON body of `schema` (what the API sends; objects may grow new fields). */
const body = (description: string, schema: z.ZodType, headers?: Record<string, object>) => ({
  description,
  content: json(schema, 'output'),
  ...(headers ? { headers } : {}),
});
const header = (description: string) => ({ description, schema: { type: 'string' } });
const retryAfter = { 'Retry-After': { ...header('seconds to wait before trying again'), required: true } };

const errorSchema = z.object({ error: z.string(), message: z.string() });
const errorBody = (description: string, headers?: Record<string, object>) => body(description, errorSchema, headers);
/** The error statuses every operation under /api/v1 may answer. */
const errors = {
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
const unprocessable = { 422: errorBody('the Idempotency-Key was used with another body, or the profile is unknown') };
/** Operations that wait for Temporal: it did not confirm in time. */
const timeout = {
  504: errorBody(
    'Temporal did not confirm in time; it may still happen: send it again with the same Idempotency-Key, or read first',
  ),
};
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', minLength: 8, maxLength: 200 },
};

/** The shape of a complaint number (YYYYMM-NNN; the sequence grows a digit past 999). */
const COMPLAINT_NUMBER = /^\d{6}-\d{3,}$/;
const nullableString = z.string().nullable();
const profileRef = z.looseObject({ id: z.string(), version: z.number().int(), hash: z.string() });
const roleList = z.array(z.enum(ROLES));
/** The workflow's live status (the `status` query). */
const liveStatus = z.looseObject({
  number: z.string(),
  profile: profileRef,
  stage: z.enum(STAGES),
  statusLine: z.string(),
  severity: z.string(),
  severityReasons: z.array(z.string()),
  ownerRoles: roleList,
  openActions: z.array(z.looseObject({ action: z.string(), roles: roleList })),
  deadlines: z.array(z.looseObject({ name: z.string(), dueAt: z.string() })),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  history: z.array(z.looseObject({})),
  recalls: z
    .array(
      z.looseObject({
        seq: z.number().int(),
        decidedAt: z.string(),
        trigger: z.enum(['severity', 'decision']),
        number: z.string().optional().describe("once the recall's row is written"),
      }),
    )
    .optional()
    .describe('recalls the complaint started (002: a severe safety issue with a known batch; `decideRecall`)'),
});
/** One complaint: the stored record and, where read, the live status (`null` when not read or not answered). */
const complaintSchema = z.looseObject({
  number: z.string().regex(COMPLAINT_NUMBER),
  workflowId: z.string(),
  stage: z.enum(STAGES),
  severity: nullableString,
  type: nullableString,
  department: nullableString,
  profile: profileRef,
  linkedFrom: nullableString,
  createdAt: z.string(),
  acknowledgedAt: nullableString,
  closedAt: nullableString,
  workflowStarted: z.boolean(),
  registration: z.looseObject({}),
  live: liveStatus.nullable(),
  liveUnavailable: z
    .string()
    .optional()
    .describe('why `live` is null on a read: Temporal or the worker did not answer'),
  related: z
    .array(
      z.looseObject({
        number: z.string(),
        stage: z.string(),
        reasons: z.array(z.enum(['same_serial', 'same_lot', 'same_model_and_cause'])),
        link: z.string(),
      }),
    )
    .optional()
    .describe('on a read of one complaint: earlier complaints of the same unit, lot, or model and cause'),
});
const actor = z.object({ id: z.string(), role: z.string() });
const recordsSchema = z.looseObject({
  complete: z.boolean(),
  pendingEffects: z.number().int().nonnegative(),
  forms: z.array(z.looseObject({ seq: z.number().int(), kind: z.string(), actor, at: z.string() })),
  audit: z.array(
    z.looseObject({
      seq: z.number().int(),
      action: z.string(),
      actor,
      stageBefore: nullableString,
      stageAfter: nullableString,
      at: z.string(),
    }),
  ),
  recalls: z
    .array(
      z.looseObject({
        number: z.string(),
        state: z.string(),
        statusLine: z.string(),
        openedAt: z.string(),
        link: z.string().describe("the recall's URL: `/api/v1/recalls/{number}`"),
      }),
    )
    .describe('the recalls this complaint started (its `recall` forms carry each decision)'),
  replies: z
    .array(
      z.looseObject({
        id: z.string(),
        messageId: z.string(),
        from: z.string(),
        subject: z.string(),
        text: z.string(),
        receivedAt: z.string(),
        attachments: z.array(
          z.looseObject({
            position: z.number().int().nonnegative(),
            filename: z.string(),
            contentType: z.string(),
            size: z.number().int().nonnegative(),
            link: z.string().describe('`/api/v1/complaints/{number}/replies/{id}/attachments/{position}`'),
          }),
        ),
      }),
    )
    .describe(
      "the customer's email replies to the complaint's address, oldest first (stored as received; they change nothing by themselves)",
    ),
});
const staffView = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  createdAt: z.string(),
});
const count = z.number().int().nonnegative();
const reportSchema = z.looseObject({
  month: z.string(),
  timeZone: z.string(),
  departments: z.array(
    z.looseObject({
      department: z.string(),
      ...Object.fromEntries(
        ['clocks', 'metOnTime', 'breaches', 'warnings', 'penalties', 'praise', 'escalations'].map((k) => [k, count]),
      ),
      onTimeRate: z.number().nullable(),
    }),
  ),
  bestTeam: nullableString,
  bestTeamRule: z.string(),
});
const readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ temporal: z.boolean(), database: z.boolean(), smtp: z.boolean() }).optional(),
  /** For staff: what needs doing though the service is ready (a working calendar near its last covered year). */
  warnings: z
    .array(
      z.object({
        kind: z.literal('calendar_coverage'),
        calendar: z.string(),
        lastCoveredYear: z.number().int(),
        daysLeft: z.number().int(),
        state: z.enum(['covered', 'ending', 'ended']),
        profiles: z.array(z.string()),
        message: z.string(),
      }),
    )
    .optional(),
});
const profileView = z.looseObject({ id: z.string(), version: z.number().int(), hash: z.string() });
const complaintCreated = (description: string) =>
  body(description, complaintSchema, { Location: { ...header("the complaint's URL"), required: true } });

const numberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: COMPLAINT_NUMBER.source },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

function queryParameters(schema: z.ZodObject) {
  return Object.keys(schema.shape).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
}

const CAR_NUMBER = /^(\d{6}-\d{3,}-\d+|car-\d{6}-\d{3,})$/;
const carNumberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: CAR_NUMBER.source },
};
const carSchema = z.looseObject({
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
const carDetailSchema = carSchema.extend({
  steps: z.array(z.looseObject({ seq: z.number().int(), action: z.string(), at: z.string() })),
  live: z.looseObject({ phase: z.string() }).nullable(),
  liveUnavailable: z.string().optional(),
});

/** The corrective-action operations. */
function correctiveActionPaths() {
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

const shipmentView = z.looseObject({
  id: z.string(),
  customerName: z.string(),
  customerEmail: z.string(),
  customerLanguage: z.string(),
  shipTo: z.string(),
  productModel: z.string(),
  lot: nullableString,
  serial: nullableString,
  quantity: z.number().int(),
  shippedAt: z.string(),
  importedAt: z.string(),
});

/** The shipment operations (issue 11). */
function shipmentPaths() {
  const tags = ['shipments'];
  const shipments = z.array(shipmentSchema);
  return {
    '/api/v1/shipments': {
      post: {
        summary: 'Import shipment records (CSV or JSON, up to 20 MB): all lines or none (quality manager, sales)',
        description:
          `CSV (\`text/csv\`; UTF-8 unless \`charset\` names another): a header row naming the columns ` +
          `(${SHIPMENT_COLUMNS.join(', ')}; any order; \`customerLanguage\`, \`lot\` and \`serial\` optional, one of ` +
          'lot and serial per line), one shipment per row, quoted fields as in RFC 4180. JSON: an array of shipments ' +
          `or \`{ "shipments": [...] }\`. At most ${MAX_SHIPMENTS} shipments. Every line is checked first; a file ` +
          'with a bad line is refused whole (`400`, `issues` naming each line: the CSV line, the header being line 1, ' +
          'or the JSON item from 1). Idempotent by `id`: a shipment imported before with the same content is ' +
          '`unchanged`, with other content a line error.',
        tags,
        requestBody: {
          required: true,
          content: {
            'text/csv': { schema: { type: 'string', description: `header: ${SHIPMENT_COLUMNS.join(',')}` } },
            ...json(z.union([shipments, z.object({ shipments }).strict()])),
          },
        },
        responses: {
          200: body(
            '{ received, created, unchanged }: every shipment of the file is stored',
            z.object({ received: count, created: count, unchanged: count }),
          ),
          ...errors,
          400: body(
            `the file is refused and nothing of it stored: \`issues\` (at most ${MAX_ISSUES}) name each bad line ` +
              '(`line`: the CSV line or the JSON item; none for the body as a whole); malformed JSON',
            errorSchema.extend({
              issues: z
                .array(z.object({ line: z.number().int().optional(), path: z.string(), message: z.string() }))
                .optional(),
            }),
          ),
          413: errorBody('the body is larger than 20 MB'),
          415: errorBody(
            'the body is neither text/csv nor application/json, is not in a known charset, or has a content encoding',
          ),
        },
      },
      get: {
        summary: 'List shipment records by lot, serial, product model or customer email (quality manager, sales)',
        description: 'Latest shipped first; `total` counts every match.',
        tags,
        parameters: queryParameters(shipmentListQuerySchema),
        responses: {
          200: body('{ total, items }', z.object({ total: z.number().int(), items: z.array(shipmentView) })),
          ...errors,
        },
      },
    },
  };
}

/** The shape of a recall number (`<YYYYMM>-<NNN>`, the month's own sequence). */
const RECALL_NUMBER = /^\d{6}-\d{3,}$/;
const recallNumberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: RECALL_NUMBER.source },
};
const ordinalParam = {
  name: 'ordinal',
  in: 'path',
  required: true,
  description: "the consignee's ordinal in the recall (1..n, in the order traced)",
  schema: { type: 'integer', minimum: 1 },
};
const recallPhase = z.enum(['tracing', 'notifying', 'monitoring', 'closed']);
const recallCounts = z.looseObject({
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
const recallSchema = z.looseObject({
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
const recallLive = z.looseObject({
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
const recallDetailSchema = recallSchema.extend({
  events: z.array(z.looseObject({ action: z.string(), actor, data: z.unknown(), at: z.string() })),
  live: recallLive.nullable(),
  liveUnavailable: z.string().optional().describe('why `live` is null: Temporal or the worker did not answer'),
});
/** One consignee of a recall and where they stand in its ledger. */
const consigneeSchema = z.looseObject({
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
const recallCloseSchema = z.object({ reason: z.string().trim().min(1).max(5_000) }).strict();
const recallNotFound = { 404: errorBody('no recall of that number, or (ledger) no such consignee or action') };

const LEDGER_ACTION_SUMMARY: Record<(typeof LEDGER_ACTION_NAMES)[number], string> = {
  acknowledge: 'The consignee answered: the quantity still on hand and the channel of the answer',
  return: 'Units returned by the consignee (at most what is on hand and not yet dealt with)',
  correct: 'Units corrected (repaired, reworked) at the consignee (at most what is open)',
  destroy: 'Units destroyed (at most what is open)',
  credit: 'Credit issued to the consignee (added up)',
};

/** The recall operations (issue 11). */
function recallPaths() {
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
export function openApiDocument() {
  const actionPaths = Object.fromEntries(
    ACTION_NAMES.filter((a) => a !== 'reopen').map((action) => [
      `/api/v1/complaints/{number}/actions/${action}`,
      {
        post: {
          summary: `Action: ${action}`,
          tags: ['actions'],
          description:
            'With an `Idempotency-Key` the key is the Temporal update id: a retry after an ambiguous failure gets the first answer back.',
          parameters: [numberParam, idempotencyKey],
          requestBody: { required: true, content: json(actionSchema(action)) },
          responses: { 200: body('the complaint after the action', complaintSchema), ...errors, ...timeout },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Complaint Orchestrator API',
      version: '1.0.0',
      description:
        'Every customer complaint as one durable Temporal workflow. Authenticate with `Authorization: Bearer <token>`. ' +
        'A known path with a method it does not have answers 405 with `Allow`; an unknown path 404.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Role: { type: 'string', enum: [...ROLES] },
        Profile: z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      '/healthz': {
        get: {
          summary: 'Liveness',
          security: [],
          responses: { 200: body('alive', z.object({ status: z.literal('ok') })) },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness of Temporal, database and SMTP',
          security: [],
          description:
            'Anonymous callers see only `status`; staff (bearer token) also which component is down and `warnings` (a working calendar within 60 days of its last covered year).',
          responses: { 200: body('ready', readiness), 503: body('not ready', readiness) },
        },
      },
      '/api/v1/complaints': {
        post: {
          summary: 'Register a complaint',
          tags: ['complaints'],
          parameters: [idempotencyKey],
          requestBody: { required: true, content: json(registrationSchema) },
          responses: {
            201: complaintCreated('registered, workflow started'),
            200: complaintCreated('same Idempotency-Key, same body, same member of staff: the existing complaint'),
            202: complaintCreated('stored; workflow start pending (Temporal unreachable)'),
            ...errors,
            ...unprocessable,
            ...timeout,
          },
        },
        get: {
          summary: 'List and search complaints',
          description:
            '`overdue=true`: complaints with a running clock (not met, not paused) past its due time; `false`: none. ' +
            'Every filter applies before `limit`/`offset`, so `total` counts every match.',
          tags: ['complaints'],
          parameters: queryParameters(listQuerySchema),
          responses: {
            200: body('{ total, items }', z.object({ total: z.number().int(), items: z.array(complaintSchema) })),
            ...errors,
          },
        },
      },
      '/api/v1/complaints/{number}': {
        get: {
          summary: 'Complaint record and live status',
          tags: ['complaints'],
          parameters: [numberParam],
          responses: { 200: body('the complaint', complaintSchema), ...errors },
        },
      },
      '/api/v1/complaints/{number}/records': {
        get: {
          summary: 'Stored forms, audit trail and customer replies',
          tags: ['complaints'],
          parameters: [numberParam],
          responses: {
            200: body('{ complete, pendingEffects, forms, audit, recalls, replies }', recordsSchema),
            ...errors,
          },
        },
      },
      '/api/v1/complaints/{number}/replies/{id}/attachments/{position}': {
        get: {
          summary: "A file attached to a customer's email reply, as a download",
          description:
            'The bytes as received, with the `Content-Type` the sender gave (`application/octet-stream` when it is ' +
            'not a plain media type) and `Content-Disposition: attachment`.',
          tags: ['complaints'],
          parameters: [
            numberParam,
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'position', in: 'path', required: true, schema: { type: 'integer', minimum: 0, maximum: 10_000 } },
          ],
          responses: {
            200: { description: 'the file', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
            ...errors,
          },
        },
      },
      '/api/v1/complaints/{number}/reopen': {
        post: {
          summary: 'Reopen as a new linked complaint',
          tags: ['complaints'],
          parameters: [numberParam, idempotencyKey],
          requestBody: { required: true, content: json(reopenSchema) },
          responses: {
            201: body(
              'the closed complaint and the new one',
              z.object({ previous: complaintSchema, complaint: complaintSchema }),
              { Location: { ...header("the new complaint's URL"), required: true } },
            ),
            ...errors,
            ...unprocessable,
            ...timeout,
          },
        },
      },
      ...actionPaths,
      ...correctiveActionPaths(),
      ...shipmentPaths(),
      ...recallPaths(),
      ...monthlyReportPaths({ json, body, errors }),
      ...maintenancePaths({ json, body, errors }),
      '/api/v1/cases': {
        get: {
          summary: 'The case library: closed complaints by model, cause, remedy and text',
          tags: ['complaints'],
          parameters: queryParameters(caseQuerySchema),
          responses: {
            200: body('the matching closed complaints, the latest closed first', caseListSchema),
            ...errors,
          },
        },
      },
      '/api/v1/profiles': {
        get: {
          summary: 'Process profiles',
          tags: ['profiles'],
          responses: { 200: body('the profiles', z.array(profileView)), ...errors },
        },
      },
      '/api/v1/profiles/{id}': {
        get: {
          summary: 'One process profile',
          tags: ['profiles'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: body('the profile (`components.schemas.Profile`) and its hash', profileView), ...errors },
        },
      },
      '/api/v1/reports/performance': {
        get: {
          summary:
            'Department performance of a month (company time zone): on-time rate, breaches, warnings, penalties, best team',
          description: `Best team: ${BEST_TEAM_RULE}.`,
          tags: ['reports'],
          parameters: [
            {
              name: 'month',
              in: 'query',
              required: true,
              schema: { type: 'string', pattern: MONTH_PATTERN.source },
            },
          ],
          responses: { 200: body('{ month, timeZone, departments, bestTeam, bestTeamRule }', reportSchema), ...errors },
        },
      },
      '/api/v1/staff': {
        get: {
          summary: 'List staff members (admin); no tokens',
          tags: ['staff'],
          responses: { 200: body('{ items }', z.object({ items: z.array(staffView) })), ...errors },
        },
        post: {
          summary: 'Create a staff member (admin); returns the bearer token once; an existing id is a 409',
          tags: ['staff'],
          requestBody: { required: true, content: json(staffSchema) },
          responses: {
            201: body('{ id, name, email, role, active, createdAt, token }', staffView.extend({ token: z.string() })),
            ...errors,
          },
        },
      },
      '/api/v1/staff/{id}': {
        patch: {
          summary: 'Change name, email, role or active (admin; not to disable or demote oneself)',
          tags: ['staff'],
          parameters: [idParam],
          requestBody: { required: true, content: json(staffPatchSchema) },
          responses: { 200: body('the member', staffView), ...errors },
        },
      },
      '/api/v1/staff/{id}/token': {
        post: {
          summary: 'Rotate the bearer token (admin); the old one stops working at once',
          tags: ['staff'],
          parameters: [idParam],
          responses: { 201: body('{ id, token }', z.object({ id: z.string(), token: z.string() })), ...errors },
        },
      },
      '/api/v1/staff/{id}/changes': {
        get: {
          summary: 'Every change to a member: what, by whom, when (admin)',
          tags: ['staff'],
          parameters: [idParam],
          responses: {
            200: body(
              '{ items }',
              z.object({ items: z.array(z.looseObject({ change: z.string(), by: z.string(), at: z.string() })) }),
            ),
            ...errors,
          },
        },
      },
      '/api/v1/outbox': {
        get: {
          summary: 'Emails by status (default uncertain: a send that died mid-SMTP) (quality manager, admin)',
          tags: ['outbox'],
          parameters: [
            {
              name: 'status',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['pending', 'sending', 'sent', 'rejected', 'uncertain'] },
            },
          ],
          responses: {
            200: body('{ items }', z.object({ items: z.array(z.looseObject({ id: z.string(), status: z.string() })) })),
            ...errors,
          },
        },
      },
      '/api/v1/outbox/{id}/resend': {
        post: {
          summary: 'Resend an uncertain email with its own Message-ID, once checked it never arrived',
          tags: ['outbox'],
          parameters: [idParam],
          responses: {
            200: body(
              '{ id, outcome }',
              z.object({ id: z.string(), outcome: z.enum(['sent', 'already_sent', 'rejected', 'uncertain']) }),
            ),
            ...errors,
          },
        },
      },
    },
  };
}

/** A self-contained HTML page listing the API from its OpenAPI document (no external assets). */
export function docsPage(): string {
  const doc = openApiDocument();
  const rows = Object.entries(doc.paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods as Record<string, { summary: string }>).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${path}</code></td><td>${op.summary}</td></tr>`,
      ),
    )
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>${doc.info.title}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:70em}td{padding:3px 10px;border-bottom:1px solid #ddd}</style>
<h1>${doc.info.title}</h1><p>${doc.info.description}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI ${doc.openapi}; request schemas included).</p>
<table>${rows}</table>`;
}
