import type { RequestHandler, Response } from 'express';
import type { Actor, Role } from '../domain/roles';
import type { PrismaClient } from '../infra/database';
import { actorForToken } from '../infra/staff';
import { ForbiddenError, UnauthorizedError } from './errors';

/**
 * Actors by bearer token, each kept for `ttlMs` after it was read, so a burst of requests does not read the
 * staff table once per request. Only valid tokens are kept (a new token works at once). A change made through
 * this process clears the cache; one made elsewhere (another API process, `npm run staff:admin`) applies
 * within `ttlMs`.
 */
export function createTokenCache(prisma: PrismaClient, ttlMs: number) {
  const known = new Map<string, { actor: Actor; until: number }>();
  return {
    async actor(token: string): Promise<Actor | undefined> {
      const hit = known.get(token);
      if (hit && hit.until > Date.now()) return hit.actor;
      const actor = await actorForToken(prisma, token);
      if (known.size >= 10_000) known.clear();
      if (actor && ttlMs > 0) known.set(token, { actor, until: Date.now() + ttlMs });
      else known.delete(token);
      return actor;
    },
    clear(): void {
      known.clear();
    },
  };
}

/** The cache of actors by token. */
export type TokenCache = ReturnType<typeof createTokenCache>;

/** Requires `Authorization: Bearer <token>` of an active staff member; 401 otherwise. */
export function authenticate(tokens: TokenCache): RequestHandler {
  return async (req, res, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
    if (!match) throw new UnauthorizedError('send Authorization: Bearer <token>');
    const actor = await tokens.actor(match[1]!);
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
