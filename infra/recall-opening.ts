/**
 * Starting a recall through the API (the quality manager): the row first (number from the month's own
 * sequence, once per Idempotency-Key), then the workflow. A workflow that could not start (Temporal down) is
 * started by the API's sweep later; the same key gets the same recall back.
 */
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import {
  RECALL_WORKFLOW_TYPE,
  recallDetails,
  recallSummary,
  recallWorkflowId,
  type RecallInput,
} from '../domain/recall-contract';
import { refuse } from '../domain/refusal';
import type { Actor } from '../domain/roles';
import { dueAt } from '../domain/working-time';
import { insertRecall, type StoredRecallOpening } from './recall-rows';
import { startPending, startStored, type OpeningDeps } from './start-once';

const item = z.string().trim().min(1).max(100);

/** Body of `POST /api/v1/recalls`. */
export const recallOpeningSchema = z
  .object({
    profileId: z.string().min(1).optional(),
    productModel: z.string().trim().min(1).max(200).optional(),
    lots: z.array(item).max(200).default([]),
    serials: z.array(item).max(10_000).default([]),
    risk: z.string().trim().min(1).max(5_000),
    remedy: z.string().trim().min(1).max(5_000),
    /** Consignees answer by then (default: the profile's answer window from now). */
    deadline: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((body) => body.lots.length + body.serials.length > 0, {
    path: ['lots'],
    message: 'name at least one lot or serial',
  });
export type RecallOpening = z.infer<typeof recallOpeningSchema>;

export type RecallOpeningDeps = OpeningDeps;

/** Opens one; `created` false when the caller's key was used before (the same recall). */
export async function openRecall(deps: RecallOpeningDeps, body: RecallOpening, actor: Actor, requestKey?: string) {
  const profileId = body.profileId ?? deps.profiles.defaultId;
  const pinned = deps.profiles.get(profileId);
  if (!pinned) throw refuse.unprocessable(`profileId: unknown profile "${profileId}"`);
  const section = pinned.profile.recall;
  if (!section) throw refuse.unprocessable(`profileId: procedure ${profileId} has no recall settings`);
  if (actor.role !== 'admin' && !section.decidedBy.includes(actor.role))
    throw refuse.forbidden(`a recall is started by ${section.decidedBy.join(', ')}, not by ${actor.role}`);
  const now = deps.now();
  const deadline = body.deadline
    ? new Date(body.deadline)
    : new Date(dueAt(now.getTime(), section.answerWithin, pinned.profile.calendar));
  if (deadline.getTime() <= now.getTime()) throw refuse.unprocessable('deadline: must be in the future');
  const opening: StoredRecallOpening = {
    source: 'quality_manager',
    openedAt: now.toISOString(),
    openedBy: actor,
    productModel: body.productModel,
    lots: body.lots,
    serials: body.serials,
    risk: body.risk,
    remedy: body.remedy,
    deadline: deadline.toISOString(),
    profileId,
    profileHash: pinned.hash,
  };
  const opened = await insertRecall(
    deps.prisma,
    { requestKey: `api:${requestKey ?? randomUUID()}`, timeZone: deps.timeZone, now },
    opening,
  );
  const started = opened.workflowStartedAt !== null || (await startRecall(deps, opened.number, opened.opening));
  return { number: opened.number, created: opened.created, started };
}

/** Starts the workflow of a stored opening; a workflow already started under its ID counts as started. */
export async function startRecall(deps: RecallOpeningDeps, number: string, opening: StoredRecallOpening) {
  const pinned = deps.profiles.get(opening.profileId);
  if (!pinned?.profile.recall || pinned.hash !== opening.profileHash) return false;
  const input: RecallInput = { ...opening, number, settings: pinned.profile.recall, calendar: pinned.profile.calendar };
  delete (input as Partial<StoredRecallOpening>).profileHash;
  return startStored(deps, {
    workflowType: RECALL_WORKFLOW_TYPE,
    workflowId: recallWorkflowId(number),
    input,
    summary: recallSummary(input),
    details: recallDetails(input),
    markStarted: () =>
      deps.prisma.recall.updateMany({
        where: { number, workflowStartedAt: null },
        data: { workflowStartedAt: deps.now() },
      }),
  });
}

/** Starts workflows of recalls stored while Temporal was unreachable (a complaint starts its own). */
export async function startPendingRecalls(deps: RecallOpeningDeps, olderThanMs = 5_000): Promise<number> {
  const pending = await deps.prisma.recall.findMany({
    where: {
      source: { not: 'complaint' },
      workflowStartedAt: null,
      openedAt: { lt: new Date(deps.now().getTime() - olderThanMs) },
    },
    take: 100,
  });
  return startPending(pending, (row) => startRecall(deps, row.number, row.opening as unknown as StoredRecallOpening));
}
