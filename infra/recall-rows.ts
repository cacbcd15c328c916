/**
 * A recall's row, written before its workflow starts: its number from the month's own sequence
 * (`<YYYYMM>-<NNN>`) and the row in one statement, once per request key (`api:<Idempotency-Key>`,
 * `complaint:<number>:<seq>`): a retry or a repeated request gets the same recall back.
 */
import { monthKey } from '../domain/complaint-number';
import type { RecallInput } from '../domain/recall-contract';
import type { PrismaClient } from './database';

/** What the row keeps until its workflow started: the workflow's input but the profile's settings. */
export type StoredRecallOpening = Omit<RecallInput, 'number' | 'settings' | 'calendar' | 'progress'> & {
  profileHash: string;
};

export interface OpenedRecall {
  number: string;
  created: boolean;
  workflowStartedAt: Date | null;
  opening: StoredRecallOpening;
}

interface Row {
  number: string;
  workflow_started_at: Date | null;
  opening: StoredRecallOpening;
  created: boolean;
}

/** Numbers and stores a recall (nothing new when the key was used before). */
export async function insertRecall(
  prisma: PrismaClient,
  options: { requestKey: string; timeZone: string; now: Date },
  opening: StoredRecallOpening,
): Promise<OpenedRecall> {
  const { requestKey, now } = options;
  const month = monthKey(now, options.timeZone);
  const [row] = await prisma.$queryRaw<Row[]>`
    WITH seq AS (
      INSERT INTO recall_sequence (month, last_value) VALUES (${month}, 1)
      ON CONFLICT (month) DO UPDATE SET last_value = recall_sequence.last_value + 1
      RETURNING last_value
    ), inserted AS (
      INSERT INTO recall (number, workflow_id, request_key, complaint_number, source, state, product_model, lots,
        serials, risk, remedy, deadline, profile_id, opened_by, opening, status_line, opened_at, updated_at)
      SELECT n.number, 'recall-' || n.number, ${requestKey}, ${opening.complaintNumber ?? null}, ${opening.source},
        'tracing', ${opening.productModel ?? null}, ${opening.lots}::text[], ${opening.serials}::text[],
        ${opening.risk}, ${opening.remedy}, ${new Date(opening.deadline)}, ${opening.profileId},
        ${opening.openedBy.id}, ${JSON.stringify(opening)}::jsonb, 'Recall ' || n.number || ' — opening', ${now}, ${now}
      FROM (SELECT ${month} || '-' || lpad(last_value::text, 3, '0') AS number FROM seq) n
      ON CONFLICT (request_key) DO NOTHING
      RETURNING number, workflow_started_at, opening, true AS created
    )
    SELECT * FROM inserted
    UNION ALL
    SELECT number, workflow_started_at, opening, false FROM recall
    WHERE request_key = ${requestKey} AND NOT EXISTS (SELECT 1 FROM inserted)`;
  return {
    number: row!.number,
    created: row!.created,
    workflowStartedAt: row!.workflow_started_at,
    opening: row!.opening,
  };
}
