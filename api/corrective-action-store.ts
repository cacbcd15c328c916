/**
 * Corrective-action rows as the API reads them (api/corrective-action-routes.ts): the stored list-view copy,
 * overdue from the clocks, the same fields from the live status while the row is not written yet, and the list
 * with its filters.
 */
import { z } from 'zod';
import { DISCIPLINES } from '../domain/corrective-action/action-names';
import type { CorrectiveActionStatus } from '../domain/corrective-action-contract';
import type { PrismaClient } from '../infra/database';
import { SqlFilter } from './sql-filter';

/** Query of the corrective-action list. */
export const carListQuerySchema = z
  .object({
    phase: z.enum(['open', 'awaiting_approval', 'verification', 'closed', 'cancelled']).optional(),
    discipline: z.enum(DISCIPLINES).optional(),
    owner: z.string().max(100).optional(),
    department: z.string().max(100).optional(),
    source: z.enum(['complaint', 'monthly_top3', 'audit']).optional(),
    complaint: z.string().max(100).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
type CarListQuery = z.infer<typeof carListQuerySchema>;

/** The list-view fields of a corrective action: its stored row and whether one of its clocks is missed. */
export interface CarRow {
  number: string;
  workflowId: string;
  complaintNumber: string | null;
  source: string;
  form: string;
  phase: string;
  currentDiscipline: string | null;
  round: number;
  ownerRole: string;
  ownerDepartment: string;
  statusLine: string;
  openedAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  overdue: boolean;
}

/** A corrective action as the API shows it. */
export function carView(row: CarRow) {
  return {
    number: row.number,
    workflowId: row.workflowId,
    complaintNumber: row.complaintNumber,
    source: row.source,
    form: row.form,
    phase: row.phase,
    discipline: row.currentDiscipline,
    round: row.round,
    owner: { role: row.ownerRole, department: row.ownerDepartment },
    statusLine: row.statusLine,
    overdue: row.overdue,
    openedAt: row.openedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

/** True while one of the corrective action's clocks (kept with its complaint's, named `<number> <clock>`) is missed. */
const OVERDUE_SQL = `exists (select 1 from sla_clock c where c.complaint_number = ca.complaint_number
  and c.name like ca.number || ' %' and c.breached_at is not null and c.met_at is null)`;

/** A page of the corrective-action list, filtered as the query asks, the newest first. */
export async function findCars(prisma: PrismaClient, q: CarListQuery): Promise<{ total: number; items: CarRow[] }> {
  const filter = new SqlFilter();
  if (q.phase) filter.add('ca.phase = ?', q.phase);
  if (q.discipline) filter.add('ca.current_discipline = ?', q.discipline);
  if (q.owner) filter.add('ca.owner_role = ?', q.owner);
  if (q.department) filter.add('ca.owner_department = ?', q.department);
  if (q.source) filter.add('ca.source = ?', q.source);
  if (q.complaint) filter.add('ca.complaint_number = ?', q.complaint);
  if (q.overdue !== undefined) filter.addRaw(q.overdue ? OVERDUE_SQL : `not ${OVERDUE_SQL}`);
  const [counted] = await prisma.$queryRawUnsafe<Array<{ total: number }>>(
    `select count(*)::int as total from corrective_action ca ${filter.where}`,
    ...filter.values,
  );
  const items = await prisma.$queryRawUnsafe<CarRow[]>(
    `select ca.number, ca.workflow_id as "workflowId", ca.complaint_number as "complaintNumber", ca.source, ca.form,
       ca.phase, ca.current_discipline as "currentDiscipline", ca.round, ca.owner_role as "ownerRole",
       ca.owner_department as "ownerDepartment", ca.status_line as "statusLine", ca.opened_at as "openedAt",
       ca.updated_at as "updatedAt", ca.closed_at as "closedAt", ${OVERDUE_SQL} as overdue
     from corrective_action ca ${filter.where} order by ca.opened_at desc, ca.number
     limit ${q.limit} offset ${q.offset}`,
    ...filter.values,
  );
  return { total: counted?.total ?? 0, items };
}

export async function isOverdue(prisma: PrismaClient, number: string): Promise<boolean> {
  const [row] = await prisma.$queryRawUnsafe<Array<{ overdue: boolean }>>(
    `select ${OVERDUE_SQL} as overdue from corrective_action ca where ca.number = $1`,
    number,
  );
  return row?.overdue ?? false;
}

/** The list-view fields from the live status. */
export function carRowFromLive(live: CorrectiveActionStatus): CarRow {
  const at = live.history[0]?.at ?? new Date().toISOString();
  return {
    number: live.number,
    workflowId: live.workflowId,
    complaintNumber: live.complaintNumber ?? null,
    source: live.source,
    form: live.form,
    phase: live.phase,
    currentDiscipline: live.current ?? null,
    round: live.round,
    ownerRole: live.owner.role,
    ownerDepartment: live.owner.department,
    statusLine: live.statusLine,
    openedAt: new Date(at),
    updatedAt: new Date(live.history.at(-1)?.at ?? at),
    closedAt: live.closedAt ? new Date(live.closedAt) : null,
    overdue: live.overdue,
  };
}
