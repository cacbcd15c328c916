import { monthOf } from '../domain/months';
import type { Party } from '../domain/roles';
import type { Prisma } from '../generated/prisma/client';
import { saveClocks, type RecordClocksInput } from './clocks';
import { loadComplaint, permanentDatabaseFailure, type ActivityDeps } from './deps';

/** An action as the workflow records it: audit entry, forms and the list-view snapshot, in one transaction. */
export interface RecordActionInput {
  number: string;
  seq: number;
  action: string;
  actor: Party;
  stageBefore: string;
  stageAfter: string;
  at: string;
  forms: Array<{ kind: string; data: unknown }>;
  snapshot: { stage: string; severity: string; type?: string; department?: string; ownerRoles: string[] };
}

/** Forms that count for or against a department (002 §7), as their performance entry kind. */
const PERFORMANCE_FORMS: Record<string, 'praise' | 'escalation'> = { praise: 'praise', escalation_blame: 'escalation' };

/** The praise and escalations of an action, one performance entry each (once: keyed by the action's instant). */
async function creditDepartments(tx: Prisma.TransactionClient, input: RecordActionInput, timeZone: string) {
  const at = new Date(input.at);
  const data = input.forms.flatMap((f) => {
    const kind = PERFORMANCE_FORMS[f.kind];
    if (!kind) return [];
    const { department, owner } = f.data as { department: string; owner: string };
    return [
      {
        month: monthOf(at, timeZone),
        department,
        owner,
        complaintNumber: input.number,
        clock: kind,
        clockStartedAt: at,
        kind,
      },
    ];
  });
  if (data.length) await tx.performanceEntry.createMany({ data, skipDuplicates: true });
}

/** Writes an action's audit entry, forms and list-view snapshot; false when it was written before. */
async function writeAction(tx: Prisma.TransactionClient, input: RecordActionInput, timeZone: string): Promise<boolean> {
  const audit = await tx.auditEntry.createMany({
    data: [
      {
        complaintNumber: input.number,
        seq: input.seq,
        action: input.action,
        actorId: input.actor.id,
        actorRole: input.actor.role,
        stageBefore: input.stageBefore,
        stageAfter: input.stageAfter,
        at: new Date(input.at),
      },
    ],
    skipDuplicates: true,
  });
  if (audit.count === 0) return false;
  if (input.forms.length) {
    await tx.complaintForm.createMany({
      data: input.forms.map((f) => ({
        complaintNumber: input.number,
        seq: input.seq,
        kind: f.kind,
        data: f.data as Prisma.InputJsonValue,
        actorId: input.actor.id,
        actorRole: input.actor.role,
        createdAt: new Date(input.at),
      })),
      skipDuplicates: true,
    });
  }
  await creditDepartments(tx, input, timeZone);
  const diagnosis = input.forms.find((f) => f.kind === 'diagnosis')?.data as { cause?: string } | undefined;
  await tx.complaint.update({
    where: { number: input.number },
    data: {
      ...(diagnosis?.cause ? { cause: diagnosis.cause } : {}),
      stage: input.snapshot.stage,
      severity: input.snapshot.severity,
      complaintType: input.snapshot.type ?? null,
      department: input.snapshot.department ?? null,
      ownerRoles: input.snapshot.ownerRoles,
      closedAt: input.snapshot.stage === 'closed' ? new Date(input.at) : undefined,
    },
  });
  return true;
}

/** The complaint-record activities: audit trail, forms, list-view snapshot, and the batch count. */
export function createRecordActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /** Writes the audit entry, the forms and the list-view snapshot of one action; a retry changes nothing. */
    async recordAction(input: RecordActionInput): Promise<void> {
      await loadComplaint(prisma, input.number);
      await prisma.$transaction((tx) => writeAction(tx, input, deps.timeZone));
    },

    /**
     * One step recorded in one transaction: the action (audit entry, forms, snapshot) and the clocks it
     * changed, with first breaches graded. A retry after the commit finds the audit entry and changes nothing.
     */
    async recordStep(input: { action: RecordActionInput; clocks?: RecordClocksInput }): Promise<void> {
      try {
        await prisma.$transaction(async (tx) => {
          const written = await writeAction(tx, input.action, deps.timeZone);
          if (written && input.clocks) await saveClocks(tx, input.clocks, deps.timeZone);
        });
      } catch (error) {
        throw permanentDatabaseFailure(error, input.action.number);
      }
    },

    /**
     * Units of a batch reported defective within the window ending at `until` (this complaint included): of
     * the same product model when given (another product line may use the same batch numbers).
     */
    async countBatchUnits(input: {
      batchNumber: string;
      productModel?: string;
      windowDays: number;
      until: string;
    }): Promise<number> {
      const until = new Date(input.until);
      const from = new Date(until.getTime() - input.windowDays * 86_400_000);
      const result = await prisma.complaint.aggregate({
        _sum: { quantityAffected: true },
        where: {
          batchNumber: input.batchNumber,
          ...(input.productModel ? { productModel: input.productModel } : {}),
          createdAt: { gte: from, lte: until },
        },
      });
      return result._sum.quantityAffected ?? 0;
    },
  };
}
