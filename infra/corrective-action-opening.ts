/**
 * Opening a standalone corrective action (the monthly top-3 analysis, an audit): its number from the month's
 * own sequence (`car-<YYYYMM>-<NNN>`) and its row in one statement, then its workflow. As for complaints, the
 * row comes first: a workflow that could not start (Temporal down) is started by the API's sweep later, and
 * the same Idempotency-Key gets the same corrective action back.
 */
import { z } from 'zod';
import { monthKey } from '../domain/complaint-number';
import {
  CORRECTIVE_ACTION_WORKFLOW_TYPE,
  carDetails,
  carSummary,
  type CorrectiveActionInput,
} from '../domain/corrective-action-contract';
import { refuse } from '../domain/refusal';
import type { Actor } from '../domain/roles';
import { startPending, startStored, type OpeningDeps } from './start-once';

/** Body of `POST /api/v1/corrective-actions`. */
export const openingSchema = z
  .object({
    profileId: z.string().min(1).optional(),
    source: z.enum(['monthly_top3', 'audit']),
    reason: z.string().trim().min(1).max(5_000),
    product: z
      .object({
        model: z.string().trim().min(1).max(200),
        batch: z.string().trim().min(1).max(200).optional(),
        quantityAffected: z.number().int().min(0).max(100_000_000).default(0),
      })
      .strict(),
    severity: z.string().min(1).max(100).optional(),
    technical: z.boolean(),
    rootCauseKnown: z.boolean().default(true),
    suggestedActions: z.array(z.string().trim().min(1).max(5_000)).max(20).optional(),
  })
  .strict();
export type Opening = z.infer<typeof openingSchema>;

/** What the row keeps until the workflow started: the workflow's input but the profile (named by id and hash). */
type StoredOpening = Omit<CorrectiveActionInput, 'profile'> & { profileId: string };

export type { OpeningDeps } from './start-once';

interface OpenedRow {
  number: string;
  workflow_started_at: Date | null;
  opening: StoredOpening | null;
  created: boolean;
}

/** Opens one; `created` false when the caller's key was used before (the same corrective action). */
export async function openStandalone(deps: OpeningDeps, body: Opening, actor: Actor, requestKey?: string) {
  const profileId = body.profileId ?? deps.profiles.defaultId;
  const pinned = deps.profiles.get(profileId);
  if (!pinned) throw refuse.unprocessable(`profileId: unknown profile "${profileId}"`);
  const section = pinned.profile.correctiveAction;
  if (!section) throw refuse.unprocessable(`profileId: procedure ${profileId} has no corrective-action form`);
  if (actor.role !== 'admin' && !section.openedBy.includes(actor.role))
    throw refuse.forbidden(`a corrective action is opened by ${section.openedBy.join(', ')}, not by ${actor.role}`);
  const severity = body.severity ?? pinned.profile.defaultSeverity;
  if (!pinned.profile.severities.some((s) => s.id === severity))
    throw refuse.unprocessable(`severity: one of ${pinned.profile.severities.map((s) => s.id).join(', ')}`);
  const now = deps.now();
  const month = monthKey(now, deps.timeZone);
  const owner = body.technical ? section.owners.technical : section.owners.nonTechnical;
  const opening: Omit<StoredOpening, 'number'> = {
    source: body.source,
    openedAt: now.toISOString(),
    openedBy: actor,
    reason: body.reason,
    product: body.product,
    severity,
    technical: body.technical,
    rootCauseKnown: body.rootCauseKnown,
    known: body.suggestedActions && { suggestedActions: body.suggestedActions },
    profileHash: pinned.hash,
    profileId,
  };
  const [row] = await deps.prisma.$queryRaw<OpenedRow[]>`
    WITH seq AS (
      INSERT INTO car_sequence (month, last_value) VALUES (${month}, 1)
      ON CONFLICT (month) DO UPDATE SET last_value = car_sequence.last_value + 1
      RETURNING last_value
    ), inserted AS (
      INSERT INTO corrective_action (number, workflow_id, complaint_number, source, form, phase, current_discipline,
        round, owner_role, owner_department, status_line, last_seq, request_key, opening, opened_at, updated_at)
      SELECT n.number, n.number, NULL, ${body.source}, ${section.form}, 'open', ${section.disciplines[0]!.id}, 1,
        ${owner.role}, ${owner.department}, n.number || ' — opening', 0, ${requestKey ?? null},
        jsonb_set(${JSON.stringify(opening)}::jsonb, '{number}', to_jsonb(n.number)), ${now}, ${now}
      FROM (SELECT 'car-' || ${month} || '-' || lpad(last_value::text, 3, '0') AS number FROM seq) n
      ON CONFLICT (request_key) DO NOTHING
      RETURNING number, workflow_started_at, opening, true AS created
    )
    SELECT * FROM inserted
    UNION ALL
    SELECT number, workflow_started_at, opening, false FROM corrective_action
    WHERE request_key = ${requestKey ?? null} AND NOT EXISTS (SELECT 1 FROM inserted)`;
  const started = row!.workflow_started_at !== null || (await startStandalone(deps, row!.number, row!.opening!));
  return { number: row!.number, created: row!.created, started };
}

/** Starts the workflow of a stored opening; a workflow already started under its ID counts as started. */
export async function startStandalone(deps: OpeningDeps, number: string, opening: StoredOpening): Promise<boolean> {
  const pinned = deps.profiles.get(opening.profileId);
  if (!pinned || pinned.hash !== opening.profileHash) return false;
  const input: CorrectiveActionInput = { ...opening, number, profile: pinned.profile };
  delete (input as Partial<StoredOpening>).profileId;
  return startStored(deps, {
    workflowType: CORRECTIVE_ACTION_WORKFLOW_TYPE,
    workflowId: number,
    input,
    summary: carSummary(input),
    details: carDetails(input),
    markStarted: () =>
      deps.prisma.correctiveAction.updateMany({
        where: { number, workflowStartedAt: null },
        data: { workflowStartedAt: deps.now() },
      }),
  });
}

/** Starts workflows of standalone corrective actions stored while Temporal was unreachable. */
export async function startPendingStandalone(deps: OpeningDeps, olderThanMs = 5_000): Promise<number> {
  const pending = await deps.prisma.correctiveAction.findMany({
    where: {
      complaintNumber: null,
      workflowStartedAt: null,
      openedAt: { lt: new Date(deps.now().getTime() - olderThanMs) },
    },
    take: 100,
  });
  return startPending(pending, (row) => startStandalone(deps, row.number, row.opening as unknown as StoredOpening));
}
