/** Emails whose delivery is uncertain (a send that died mid-SMTP): listed, and resent by hand once checked. */
import { Router } from 'express';
import { z } from 'zod';
import { resendUncertain } from '../mail/outbox';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';
import { requireRole } from './auth';
import { ConflictError } from './errors';

const listQuery = z.object({
  status: z.enum(['pending', 'sending', 'sent', 'rejected', 'uncertain']).default('uncertain'),
});

/** Routes under /api/v1/outbox (quality manager and admin). */
export function outboxRoutes(deps: {
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  /** REPLY_MAILBOX, so a resent email carries the Reply-To it was first sent with. */
  replyMailbox?: string;
}): Router {
  const router = Router();
  router.use(requireRole('quality_manager'));

  router.get('/', async (req, res) => {
    const { status } = listQuery.parse(req.query);
    const rows = await deps.prisma.outboxEmail.findMany({
      where: { status },
      orderBy: { createdAt: 'asc' },
      take: 500,
    });
    res.json({
      items: rows.map((r) => ({
        id: r.id,
        complaintNumber: r.complaintNumber,
        event: r.event,
        recipient: r.recipient,
        subject: r.subject,
        messageId: r.messageId,
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: r.createdAt.toISOString(),
      })),
    });
  });

  router.post('/:id/resend', async (req, res) => {
    const id = z.uuid().parse(req.params.id);
    const outcome = await resendUncertain({ ...deps, now: () => new Date() }, id);
    if (!outcome) throw new ConflictError(`email ${id} is not uncertain: only an uncertain email is resent by hand`);
    res.json({ id, outcome });
  });
  return router;
}
