/**
 * A complaint's corrective actions as staff read them: the complaint holds each one's phase (told on every
 * phase change); the step it is at is asked of the corrective action itself when the complaint is read.
 */
import type { Client } from '@temporalio/client';
import type { ComplaintStatus } from '../domain/complaint-contract';
import { carStatusQuery, correctiveActionWorkflowId } from '../domain/corrective-action-contract';
import { within } from './within';

type CarLine = NonNullable<ComplaintStatus['correctiveActions']>[number];
const SETTLED = new Set(['closed', 'cancelled']);

/** The live status with each running corrective action's line from its own status (as held when it does not answer). */
export async function withCorrectiveActionLines(
  temporal: Client,
  live: ComplaintStatus | null,
  deadlineMs: number,
): Promise<ComplaintStatus | null> {
  if (!live?.correctiveActions?.some((c) => !SETTLED.has(c.phase))) return live;
  const lines = await Promise.all(live.correctiveActions.map((c) => currentLine(temporal, c, deadlineMs)));
  return { ...live, correctiveActions: lines };
}

async function currentLine(temporal: Client, car: CarLine, deadlineMs: number): Promise<CarLine> {
  if (SETTLED.has(car.phase)) return car;
  const asked = temporal.workflow
    .getHandle(correctiveActionWorkflowId(car.number))
    .query(carStatusQuery)
    .then((status) => ({ ...car, phase: status.phase, line: status.statusLine }))
    .catch(() => car);
  return within(deadlineMs, asked, car);
}
