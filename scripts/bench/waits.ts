/**
 * How the benchmark knows the stack got somewhere: complaints through registration (their stored records), in
 * triage (their workflows' own state, through visibility), a complaint's effects carried out (its status).
 */
import type { Client } from '@temporalio/client';
import { complaintWorkflowId, searchAttributes, statusQuery } from '../../domain/complaint-contract';
import type { PrismaClient } from '../../infra/database';
import { eventually as until } from '../../test/support/eventually';

/** Waits until every complaint has left `registered` in the stored records; when each did. */
export async function untilThroughRegistration(prisma: PrismaClient, numbers: string[], timeoutMs: number) {
  const at = new Map<string, number>();
  const waiting = new Set(numbers);
  await until(
    async () => {
      const rows = await prisma.complaint.findMany({
        where: { number: { in: [...waiting].slice(0, 5_000) }, stage: { not: 'registered' } },
        select: { number: true },
      });
      for (const r of rows) {
        at.set(r.number, performance.now());
        waiting.delete(r.number);
      }
      return waiting.size === 0 ? true : undefined;
    },
    timeoutMs,
    100,
  );
  return at;
}

/** Waits until the complaint has carried out every effect of its last step (its own status says so). */
export async function effectsCarriedOut(client: Client, number: string): Promise<void> {
  const handle = client.workflow.getHandle(complaintWorkflowId(number));
  await until(async () => ((await handle.query(statusQuery)).pendingEffects === 0 ? true : undefined), 60_000, 20);
}

/** When `count` running complaints of the queue are in triage by their workflow's own state (visibility). */
export async function untilInTriage(client: Client, taskQueue: string, count: number): Promise<number> {
  const query = `TaskQueue = "${taskQueue}" AND ${searchAttributes.stage.name} = "triage" AND ExecutionStatus = "Running"`;
  return until(
    async () => ((await client.workflow.count(query)).count >= count ? performance.now() : undefined),
    600_000,
    100,
  );
}
