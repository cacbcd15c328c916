import type { Actor } from '../domain/roles';
import type { Prisma } from '../generated/prisma/client';
import { permanentDatabaseFailure, type ActivityDeps } from './deps';

/** A corrective-action step as its workflow records it, with the list-view copy of where it stands after it. */
export interface RecordCarStepInput {
  number: string;
  complaintNumber?: string;
  workflowId: string;
  source: string;
  form: string;
  seq: number;
  action: string;
  actor: Actor;
  data: unknown;
  at: string;
  phase: string;
  current: string | null;
  round: number;
  owner: { role: string; department: string };
  closedAt: string | null;
  statusLine: string;
}

/** The corrective-action records: each step and the list-view row, in one transaction; a retry changes nothing. */
export function createCorrectiveActionActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    async recordCorrectiveActionStep(input: RecordCarStepInput): Promise<void> {
      const at = new Date(input.at);
      const row = {
        source: input.source,
        form: input.form,
        phase: input.phase,
        currentDiscipline: input.current,
        round: input.round,
        ownerRole: input.owner.role,
        ownerDepartment: input.owner.department,
        statusLine: input.statusLine,
        lastSeq: input.seq,
        updatedAt: at,
        closedAt: input.closedAt ? new Date(input.closedAt) : null,
      };
      try {
        await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
          await tx.correctiveAction.upsert({
            where: { number: input.number },
            create: {
              number: input.number,
              workflowId: input.workflowId,
              complaintNumber: input.complaintNumber ?? null,
              openedAt: at,
              ...row,
            },
            update: {},
          });
          // steps are recorded in order; a late retry of an older one must not roll the row back
          await tx.correctiveAction.updateMany({
            where: { number: input.number, lastSeq: { lt: input.seq } },
            data: row,
          });
          await tx.correctiveActionStep.createMany({
            data: [
              {
                carNumber: input.number,
                seq: input.seq,
                action: input.action,
                actorId: input.actor.id,
                actorRole: input.actor.role,
                data: input.data ?? {},
                at,
              },
            ],
            skipDuplicates: true,
          });
        });
      } catch (error) {
        throw permanentDatabaseFailure(error, input.complaintNumber ?? input.number);
      }
    },
  };
}
