import { Router } from 'express';
import { z } from 'zod';
import { ROLES } from '../domain/roles';
import type { PrismaClient } from '../infra/database';
import { createStaff, listStaff, rotateStaffToken, staffChanges, updateStaff } from '../infra/staff';
import { actorOf, requireRole, type TokenCache } from './auth';
import { ConflictError, NotFoundError } from './errors';

const staffId = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/);

/** Body of the create-staff request. */
export const staffSchema = z
  .object({ id: staffId, name: z.string().trim().min(1).max(200), email: z.email(), role: z.enum(ROLES) })
  .strict();

/** Body of the change-staff request: any of name, email, role, active. */
export const staffPatchSchema = staffSchema
  .omit({ id: true })
  .partial()
  .extend({ active: z.boolean().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'name one of name, email, role, active');

/** Routes under /api/v1/staff (admin only): create, list, change (role, disable), rotate the token. */
export function staffRoutes(prisma: PrismaClient, tokens: TokenCache): Router {
  const router = Router();
  router.use(requireRole('admin'));
  // whatever changes here (role, disabled, new token) applies to the next request at once
  router.use((req, res, next) => {
    if (req.method !== 'GET') res.on('finish', () => tokens.clear());
    next();
  });

  router.get('/', async (_req, res) => {
    res.json({ items: await listStaff(prisma) });
  });

  router.post('/', async (req, res) => {
    const staff = staffSchema.parse(req.body ?? {});
    const created = await createStaff(prisma, staff, actorOf(res).id);
    if (!created)
      throw new ConflictError(`staff member ${staff.id} exists; change it with PATCH /api/v1/staff/${staff.id}`);
    res.status(201).json({ ...created.staff, token: created.token });
  });

  router.patch('/:id', async (req, res) => {
    const id = staffId.parse(req.params.id);
    const patch = staffPatchSchema.parse(req.body ?? {});
    if (id === actorOf(res).id && (patch.active === false || (patch.role && patch.role !== 'admin')))
      throw new ConflictError('an administrator cannot disable or demote themselves');
    const updated = await updateStaff(prisma, id, patch, actorOf(res).id);
    if (!updated) throw new NotFoundError(`no staff member ${id}`);
    res.json(updated);
  });

  router.post('/:id/token', async (req, res) => {
    const id = staffId.parse(req.params.id);
    const token = await rotateStaffToken(prisma, id, actorOf(res).id);
    if (!token) throw new NotFoundError(`no staff member ${id}`);
    res.status(201).json({ id, token });
  });

  router.get('/:id/changes', async (req, res) => {
    res.json({ items: await staffChanges(prisma, staffId.parse(req.params.id)) });
  });

  return router;
}
