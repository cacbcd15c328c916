import { z } from 'zod';
import { actionSchema, ACTION_NAMES } from '../domain/complaint/actions';
import { MONTH_PATTERN } from '../domain/months';
import { BEST_TEAM_RULE } from '../domain/performance';
import { profileSchema } from '../domain/profile-schema';
import { registrationSchema } from '../domain/registration';
import { ROLES } from '../domain/roles';
import { listQuerySchema, reopenSchema } from './complaint-routes';
import { staffPatchSchema, staffSchema } from './staff-routes';
import { monthlyReportPaths } from './openapi/monthly-report-paths';
import { maintenancePaths } from './openapi/maintenance-paths';
import { caseListSchema, caseQuerySchema } from './case-library-routes';
import {
  json,
  body,
  header,
  errors,
  unprocessable,
  timeout,
  idempotencyKey,
  numberParam,
  idParam,
  queryParameters,
} from './openapi/common';
import {
  complaintSchema,
  recordsSchema,
  staffView,
  reportSchema,
  readiness,
  profileView,
  complaintCreated,
} from './openapi/complaint-schemas';
import { correctiveActionPaths } from './openapi/corrective-action-paths';
import { shipmentPaths } from './openapi/shipment-paths';
import { recallPaths } from './openapi/recall-paths';

/** Liveness and readiness (anonymous). */
function healthPaths() {
  return {
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
  };
}

/** Registering, listing, reading and reopening complaints. */
function complaintPaths() {
  return {
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
  };
}

/** One operation per staff action on a complaint. */
function actionPaths() {
  return Object.fromEntries(
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
}

/** The case library, the procedures (profiles) and the performance report. */
function referencePaths() {
  return {
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
  };
}

/** Staff and their tokens, the email outbox. */
function staffPaths() {
  return {
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
  };
}

export function openApiDocument() {
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
      ...healthPaths(),
      ...complaintPaths(),
      ...actionPaths(),
      ...correctiveActionPaths(),
      ...shipmentPaths(),
      ...recallPaths(),
      ...monthlyReportPaths(),
      ...maintenancePaths(),
      ...referencePaths(),
      ...staffPaths(),
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
