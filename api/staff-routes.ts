import { Router } from 'express';
import { z } from 'zod';
import { ROLES } from '../domain/roles';
import type { PrismaClient } from '../infra/database';
import { issueStaffToken } from '../infra/staff';
import { requireRole } from './auth';

/** Body of the create-staff request. */
export const staffSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/),
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    role: z.enum(ROLES),
  })
  .strict();

/** Routes under /api/v1/staff (admin only). */
export function staffRoutes(prisma: PrismaClient): Router {
  const router = Router();
  router.post('/', requireRole('admin'), async (req, res) => {
    const staff = staffSchema.parse(req.body ?? {});
    const token = await issueStaffToken(prisma, staff);
    res.status(201).json({ id: staff.id, role: staff.role, token });
  });
  return router;
}
