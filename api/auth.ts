import type { RequestHandler, Response } from 'express';
import type { Actor, Role } from '../domain/roles';
import type { PrismaClient } from '../infra/database';
import { actorForToken } from '../infra/staff';
import { ForbiddenError, UnauthorizedError } from './errors';

/** Requires `Authorization: Bearer <token>` of an active staff member; 401 otherwise. */
export function authenticate(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    if (!match) throw new UnauthorizedError('send Authorization: Bearer <token>');
    const actor = await actorForToken(prisma, match[1]!);
    if (!actor) throw new UnauthorizedError('the bearer token is not valid');
    res.locals.actor = actor;
    next();
  };
}

/** The authenticated caller. */
export function actorOf(res: Response): Actor {
  return res.locals.actor as Actor;
}

/** Only these roles (and admin); 403 for any other. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const actor = actorOf(res);
    if (actor.role !== 'admin' && !roles.includes(actor.role)) {
      throw new ForbiddenError(`this needs one of the roles ${[...roles, 'admin'].join(', ')}, not ${actor.role}`);
    }
    next();
  };
}
