import { Router } from 'express';
import { z } from 'zod';
import { isComplaintNumber } from '../domain/complaint-number';
import { registrationSchema } from '../domain/registration';
import { NotFoundError } from './errors';
import type { ComplaintService } from './complaint-service';

const idempotencyKeySchema = z.string().trim().min(8).max(200).optional();
const withdrawSchema = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

function complaintNumber(value: string | string[] | undefined): string {
  if (typeof value !== 'string' || !isComplaintNumber(value)) {
    throw new NotFoundError(`no complaint numbered ${String(value)}`);
  }
  return value;
}

/** Routes under /api/v1/complaints. */
export function complaintRoutes(service: ComplaintService): Router {
  const router = Router();

  router.post('/', async (req, res) => {
    const requestKey = idempotencyKeySchema.parse(req.header('idempotency-key'));
    const registration = registrationSchema.parse(req.body ?? {});
    const result = await service.register(registration, requestKey);
    const status = !result.created ? 200 : result.workflowStarted ? 201 : 202;
    res.status(status).location(`/api/v1/complaints/${result.complaint.number}`).json(result.complaint);
  });

  router.get('/:number', async (req, res) => {
    res.json(await service.get(complaintNumber(req.params.number)));
  });

  router.post('/:number/withdraw', async (req, res) => {
    const body = withdrawSchema.parse(req.body ?? {});
    const actor = 'customer-service';
    res.json(await service.withdraw(complaintNumber(req.params.number), { reason: body.reason, actor }));
  });

  return router;
}
