import { Router } from 'express';
import { z } from 'zod';
import { ACTION_NAMES } from '../domain/complaint/actions';
import { isComplaintNumber } from '../domain/complaint-number';
import { registrationSchema } from '../domain/registration';
import { actorOf, requireRole } from './auth';
import type { ComplaintService } from './complaint-service';
import { NotFoundError } from './errors';

/** The Idempotency-Key header: 8 to 200 characters; a 400 names the header. */
export const idempotencyKeySchema = z
  .string()
  .trim()
  .refine((key) => key.length >= 8 && key.length <= 200, {
    error: 'the Idempotency-Key header must be 8 to 200 characters',
    path: ['Idempotency-Key'],
  })
  .optional();
/** Query of the complaint list. */
export const listQuerySchema = z
  .object({
    number: z.string().optional(),
    customer: z.string().optional(),
    severity: z.string().optional(),
    stage: z.string().optional(),
    department: z.string().optional(),
    profile: z.string().optional(),
    batch: z.string().optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    from: z.iso
      .datetime({ offset: true })
      .transform((v) => new Date(v))
      .optional(),
    to: z.iso
      .datetime({ offset: true })
      .transform((v) => new Date(v))
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
/** Body of the reopen request. */
export const reopenSchema = z.object({ reason: z.string().trim().min(1).max(5000) }).strict();
const actionParam = z.enum(ACTION_NAMES);
/** Path parameters of a reply's file. */
export const replyFileParams = z.object({
  id: z.uuid(),
  position: z.coerce.number().int().min(0).max(10_000),
});
/** A media type as a reply's file may claim it (`type/subtype`, no parameters); anything else is served as bytes. */
const SAFE_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

function complaintNumber(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || !isComplaintNumber(value))
    throw new NotFoundError(`no complaint numbered ${String(value)}`);
  return value;
}

/** Routes under /api/v1/complaints (authenticated). */
export function complaintRoutes(service: ComplaintService): Router {
  const router = Router();

  router.post('/', requireRole('customer_service', 'sales', 'technical_support'), async (req, res) => {
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const registration = registrationSchema.parse(req.body ?? {});
    // A key is the caller's own: another member of staff using the same key makes a complaint of their own.
    const result = await service.register(registration, key && `${actorOf(res).id}:${key}`, undefined, actorOf(res));
    const status = !result.created ? 200 : result.complaint.workflowStarted ? 201 : 202;
    res.status(status).location(`/api/v1/complaints/${result.complaint.number}`).json(result.complaint);
  });

  router.get('/', async (req, res) => {
    res.json(await service.list(listQuerySchema.parse(req.query)));
  });

  router.get('/:number', async (req, res) => {
    res.json(await service.get(complaintNumber(req.params.number)));
  });

  router.get('/:number/records', async (req, res) => {
    res.json(await service.records(complaintNumber(req.params.number)));
  });

  router.get('/:number/replies/:id/attachments/:position', async (req, res) => {
    const { id, position } = replyFileParams.parse({ id: req.params.id, position: req.params.position });
    const file = await service.replyAttachment(complaintNumber(req.params.number), id, position);
    // the sender chose name and type: always a download, never shown by the browser as a page of ours
    res.attachment(file.filename);
    res.type(SAFE_TYPE.test(file.contentType) ? file.contentType : 'application/octet-stream');
    res.set('Content-Security-Policy', "sandbox; default-src 'none'").send(file.content);
  });

  router.post('/:number/actions/:action', async (req, res) => {
    const number = complaintNumber(req.params.number);
    const parsed = actionParam.safeParse(req.params.action);
    if (!parsed.success) throw new NotFoundError(`no action ${req.params.action}; actions: ${ACTION_NAMES.join(', ')}`);
    const action = parsed.data;
    if (action === 'reopen')
      throw new NotFoundError('reopen has its own endpoint: POST /api/v1/complaints/{number}/reopen');
    const key = idempotencyKeySchema.parse(req.header('idempotency-key'));
    res.json(await service.act(number, action, actorOf(res), req.body, key));
  });

  router.post('/:number/reopen', async (req, res) => {
    const body = reopenSchema.parse(req.body ?? {});
    const result = await service.reopen(
      complaintNumber(req.params.number),
      actorOf(res),
      body.reason,
      idempotencyKeySchema.parse(req.header('idempotency-key')),
    );
    res.status(201).location(`/api/v1/complaints/${result.complaint.number}`).json(result);
  });

  return router;
}
