import { z } from 'zod';
import { actionSchema, ACTION_NAMES } from '../domain/complaint/actions';
import { MONTH_PATTERN } from '../domain/months';
import { BEST_TEAM_RULE } from '../domain/performance';
import { profileSchema } from '../domain/profile-schema';
import { registrationSchema } from '../domain/registration';
import { ROLES } from '../domain/roles';
import { listQuerySchema, reopenSchema } from './complaint-routes';
import { staffPatchSchema, staffSchema } from './staff-routes';

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});
const errorBody = { description: 'error', content: json(z.object({ error: z.string(), message: z.string() })) };
const errors = {
  400: {
    description: 'invalid body: `issues` lists every bad field path',
    content: json(
      z.object({
        error: z.string(),
        message: z.string(),
        issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      }),
    ),
  },
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  413: errorBody,
  415: errorBody,
  429: errorBody,
  503: errorBody,
};
const numberParam = {
  name: 'number',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^\\d{6}-\\d{3,}$' },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const ok = (description: string) => ({ 200: { description } });

function queryParameters(schema: z.ZodObject) {
  return Object.keys(schema.shape).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
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
          parameters: [numberParam],
          requestBody: { required: true, content: json(actionSchema(action)) },
          responses: { ...ok('the complaint after the action'), ...errors },
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
        'Every customer complaint as one durable Temporal workflow. Authenticate with `Authorization: Bearer <token>`.',
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
      '/healthz': { get: { summary: 'Liveness', security: [], responses: ok('alive') } },
      '/readyz': {
        get: {
          summary: 'Readiness of Temporal, database and SMTP',
          security: [],
          responses: { ...ok('ready'), 503: { description: 'not ready' } },
        },
      },
      '/api/v1/complaints': {
        post: {
          summary: 'Register a complaint',
          tags: ['complaints'],
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }],
          requestBody: { required: true, content: json(registrationSchema) },
          responses: {
            201: { description: 'registered, workflow started' },
            200: { description: 'same Idempotency-Key: the existing complaint' },
            202: { description: 'stored; workflow start pending' },
            ...errors,
          },
        },
        get: {
          summary: 'List and search complaints',
          description:
            '`overdue=true`: complaints with a running clock (not met, not paused) past its due time; `false`: none. ' +
            'Every filter applies before `limit`/`offset`, so `total` counts every match.',
          tags: ['complaints'],
          parameters: queryParameters(listQuerySchema),
          responses: { ...ok('{ total, items }'), ...errors },
        },
      },
      '/api/v1/complaints/{number}': {
        get: {
          summary: 'Complaint record and live status',
          tags: ['complaints'],
          parameters: [numberParam],
          responses: { ...ok('the complaint'), ...errors },
        },
      },
      '/api/v1/complaints/{number}/records': {
        get: {
          summary: 'Stored forms and audit trail',
          tags: ['complaints'],
          parameters: [numberParam],
          responses: { ...ok('{ forms, audit }'), ...errors },
        },
      },
      '/api/v1/complaints/{number}/reopen': {
        post: {
          summary: 'Reopen as a new linked complaint',
          tags: ['complaints'],
          parameters: [numberParam],
          requestBody: { required: true, content: json(reopenSchema) },
          responses: { 201: { description: 'the new complaint' }, ...errors },
        },
      },
      ...actionPaths,
      '/api/v1/profiles': { get: { summary: 'Process profiles', tags: ['profiles'], responses: ok('the profiles') } },
      '/api/v1/profiles/{id}': {
        get: {
          summary: 'One process profile',
          tags: ['profiles'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { ...ok('the profile'), ...errors },
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
          responses: { ...ok('{ month, timeZone, departments, bestTeam, bestTeamRule }'), ...errors },
        },
      },
      '/api/v1/staff': {
        get: {
          summary: 'List staff members (admin); no tokens',
          tags: ['staff'],
          responses: { ...ok('{ items }'), ...errors },
        },
        post: {
          summary: 'Create a staff member (admin); returns the bearer token once; an existing id is a 409',
          tags: ['staff'],
          requestBody: { required: true, content: json(staffSchema) },
          responses: { 201: { description: '{ id, name, email, role, active, createdAt, token }' }, ...errors },
        },
      },
      '/api/v1/staff/{id}': {
        patch: {
          summary: 'Change name, email, role or active (admin; not to disable or demote oneself)',
          tags: ['staff'],
          parameters: [idParam],
          requestBody: { required: true, content: json(staffPatchSchema) },
          responses: { ...ok('the member'), ...errors },
        },
      },
      '/api/v1/staff/{id}/token': {
        post: {
          summary: 'Rotate the bearer token (admin); the old one stops working at once',
          tags: ['staff'],
          parameters: [idParam],
          responses: { 201: { description: '{ id, token }' }, ...errors },
        },
      },
      '/api/v1/staff/{id}/changes': {
        get: {
          summary: 'Every change to a member: what, by whom, when (admin)',
          tags: ['staff'],
          parameters: [idParam],
          responses: { ...ok('{ items }'), ...errors },
        },
      },
      '/api/v1/outbox': {
        get: {
          summary: 'Emails by status (default uncertain: a send that died mid-SMTP) (quality manager, admin)',
          tags: ['outbox'],
          parameters: [{ name: 'status', in: 'query', required: false, schema: { type: 'string' } }],
          responses: { ...ok('{ items }'), ...errors },
        },
      },
      '/api/v1/outbox/{id}/resend': {
        post: {
          summary: 'Resend an uncertain email with its own Message-ID, once checked it never arrived',
          tags: ['outbox'],
          parameters: [idParam],
          responses: { ...ok('{ id, outcome }'), ...errors },
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
