/**
 * A complaint's corrective actions as staff read them: the complaint holds each one's phase (told on every
 * phase change); the step it is at is asked of the corrective action itself when the complaint is read.
 */
import type { Client } from '@temporalio/client';
import type { ComplaintStatus } from '../domain/complaint-contract';
import { carStatusQuery, correctiveActionWorkflowId } from '../domain/corrective-action-contract';
import type { Logger } from '../infra/logger';
import { queryWithin } from './live-status';

const SETTLED = new Set(['closed', 'cancelled']);

/** The live status with each running corrective action's line from its own status (as held when it does not answer). */
export async function withCorrectiveActionLines(
  temporal: Client,
  logger: Logger,
  live: ComplaintStatus | null,
): Promise<ComplaintStatus | null> {
  if (!live?.correctiveActions?.some((c) => !SETTLED.has(c.phase))) return live;
  const lines = await Promise.all(
    live.correctiveActions.map(async (car) => {
      if (SETTLED.has(car.phase)) return car;
      const status = (await queryWithin(temporal, logger, correctiveActionWorkflowId(car.number), carStatusQuery)).live;
      return status ? { ...car, phase: status.phase, line: status.statusLine } : car;
    }),
  );
  return { ...live, correctiveActions: lines };
}
