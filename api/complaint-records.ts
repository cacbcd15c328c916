/** A complaint's forms, audit trail, recalls and customer replies as the API returns them. */
import type { PrismaClient } from '../infra/database';
import { repliesOf } from './complaint-replies';

/** `pendingEffects`: the workflow's effects not carried out yet (the records may still grow). */
export async function complaintRecords(prisma: PrismaClient, number: string, pendingEffects: number) {
  const [forms, audit, recalls, replies] = await Promise.all([
    prisma.complaintForm.findMany({
      where: { complaintNumber: number },
      orderBy: [{ seq: 'asc' }, { kind: 'asc' }],
    }),
    prisma.auditEntry.findMany({ where: { complaintNumber: number }, orderBy: { seq: 'asc' } }),
    prisma.recall.findMany({ where: { complaintNumber: number }, orderBy: { openedAt: 'asc' } }),
    repliesOf(prisma, number),
  ]);
  return {
    complete: pendingEffects === 0,
    pendingEffects,
    forms: forms.map((f) => ({
      seq: f.seq,
      kind: f.kind,
      data: f.data,
      actor: { id: f.actorId, role: f.actorRole },
      at: f.createdAt.toISOString(),
    })),
    audit: audit.map((a) => ({
      seq: a.seq,
      action: a.action,
      actor: { id: a.actorId, role: a.actorRole },
      stageBefore: a.stageBefore,
      stageAfter: a.stageAfter,
      at: a.at.toISOString(),
    })),
    recalls: recalls.map((r) => ({
      number: r.number,
      state: r.state,
      statusLine: r.statusLine,
      openedAt: r.openedAt.toISOString(),
      link: `/api/v1/recalls/${r.number}`,
    })),
    replies,
  };
}
