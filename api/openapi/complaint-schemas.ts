/** The complaints' schemas and operations in the OpenAPI document. */
import { z } from 'zod';
import { ROLES } from '../../domain/roles';
import { STAGES } from '../../domain/stages';
import { COMPLAINT_NUMBER, body, header } from './common';

export const nullableString = z.string().nullable();
export const profileRef = z.looseObject({ id: z.string(), version: z.number().int(), hash: z.string() });
export const roleList = z.array(z.enum(ROLES));
/** The workflow's live status (the `status` query). */
export const liveStatus = z.looseObject({
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
export const complaintSchema = z.looseObject({
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
export const actor = z.object({ id: z.string(), role: z.string() });
export const recordsSchema = z.looseObject({
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
export const staffView = z.looseObject({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  createdAt: z.string(),
});
export const count = z.number().int().nonnegative();
export const reportSchema = z.looseObject({
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
export const readiness = z.object({
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
export const profileView = z.looseObject({ id: z.string(), version: z.number().int(), hash: z.string() });
export const complaintCreated = (description: string) =>
  body(description, complaintSchema, { Location: { ...header("the complaint's URL"), required: true } });
