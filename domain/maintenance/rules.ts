/**
 * Preventive maintenance rules, pure (the workflow and the API share them): due dates by calendar months in the
 * company's zone, the order's timeline (customer notice, visit deadline, overdue ladder), who may do what and
 * when, the visit's form, the status line.
 */
import { dateFormat } from '../date-formats';
import { lazy, z } from '../lazy-zod';
import {
  CHECKLIST_ITEMS,
  type AssignEngineerRequest,
  type MaintenanceActionName,
  type MaintenanceEngineer,
  type MaintenanceOrderInput,
  type MaintenancePhase,
  type MaintenanceSettings,
  type MaintenanceStatus,
  type MaintenanceVisit,
  type RecordVisitRequest,
} from '../maintenance-contract';
import type { Role } from '../roles';
import { UNSTORABLE_MESSAGE, unstorableTextPath } from '../storable-text';
import { startOfLocalDay } from '../working-time';

const DAY_MS = 24 * 3_600_000;

/** `date` (YYYY-MM-DD) plus `months` calendar months; the 31st becomes the month's last day when it has none. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** `date` plus `days` days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date of an instant in `timeZone`: "2026-11-30". */
export function localDate(instantMs: number, timeZone: string): string {
  return dateFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instantMs);
}

/** The first visit is due `intervalMonths` after installation; each next one that long after the last visit. */
export function nextDueDate(from: string, intervalMonths: number): string {
  return addMonths(from, intervalMonths);
}

/** When the order's moments fall: the customer's notice, the visit deadline, each overdue level. */
export interface MaintenanceTimeline {
  noticeAt: number;
  deadline: number;
  levels: number[];
}

export function timelineOf(
  input: Pick<MaintenanceOrderInput, 'dueDate' | 'timeZone' | 'settings'>,
): MaintenanceTimeline {
  const { dueDate, timeZone, settings } = input;
  const noticeDay = startOfLocalDay(addDays(dueDate, -settings.noticeDaysBefore), timeZone).getTime();
  const deadline = startOfLocalDay(addDays(dueDate, settings.visitWithinDays + 1), timeZone).getTime();
  return {
    noticeAt: noticeDay + settings.noticeHour * 3_600_000,
    deadline,
    levels: settings.escalation.map((level) => deadline + level.afterDays * DAY_MS),
  };
}

/** What the order keeps between steps. */
export interface MaintenanceState {
  phase: MaintenancePhase;
  engineer?: MaintenanceEngineer;
  noticeSentAt?: string;
  escalationLevel: number;
  visit?: MaintenanceVisit;
  nextDueDate?: string;
}

/** What is due now: the customer's notice, an overdue level (1-based), or nothing until `wakeAt`. */
export function dueNow(
  state: MaintenanceState,
  timeline: MaintenanceTimeline,
  nowMs: number,
): { notice: boolean; level?: number; wakeAt?: number } {
  if (state.phase === 'visited') return { notice: false };
  const notice = !state.noticeSentAt && nowMs >= timeline.noticeAt;
  const next = timeline.levels[state.escalationLevel];
  const level = next !== undefined && nowMs >= next ? state.escalationLevel + 1 : undefined;
  const pending = [state.noticeSentAt || notice ? undefined : timeline.noticeAt, level ? undefined : next];
  const wakeAt = Math.min(...pending.filter((t): t is number => t !== undefined));
  return { notice, level, wakeAt: Number.isFinite(wakeAt) ? wakeAt : undefined };
}

/** A business refusal: the API answers 403 / 409 / 400 by its type. */
export interface MaintenanceRefusal {
  type: 'Forbidden' | 'StageConflict' | 'InvalidAction';
  message: string;
}

const mayTake = (roles: Role[], role: Role) => role === 'admin' || roles.includes(role);
const forbidden = (action: MaintenanceActionName, role: Role, roles: Role[]): MaintenanceRefusal => ({
  type: 'Forbidden',
  message: `role ${role} may not ${action} (allowed: ${[...roles, 'admin'].join(', ')})`,
});

const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/;
/** Trimmed text of 1 to `max` characters that PostgreSQL can store. */
export const storableText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => unstorableTextPath(v) === undefined, UNSTORABLE_MESSAGE);
const item = lazy(() => z.object({ done: z.boolean(), note: storableText(2_000).optional() }).strict());

/** The visit's form (workflow side: no zod string formats). */
export const visitSchema = lazy(() =>
  z
    .object({
      visitedAt: z.string().regex(ISO_INSTANT, 'an ISO date-time with Z or an offset'),
      engineer: storableText(200).optional(),
      checklist: z.object(Object.fromEntries(CHECKLIST_ITEMS.map((name) => [name, item()]))).strict(),
      signedBy: storableText(200),
      note: storableText(5_000).optional(),
    })
    .strict()
    .superRefine((visit, ctx) => {
      for (const name of CHECKLIST_ITEMS) {
        const entry = (visit.checklist as Record<string, { done: boolean; note?: string }>)[name]!;
        if (!entry.done && !entry.note)
          ctx.addIssue({ code: 'custom', path: ['checklist', name, 'note'], message: 'say why it was not done' });
      }
    }),
);

/** The engineer named by staff. */
export const engineerSchema = lazy(() =>
  z
    .object({ name: storableText(200), region: storableText(100), qualification: storableText(200).default('general') })
    .strict(),
);

function invalid(error: { issues: Array<{ path: PropertyKey[]; message: string }> }): MaintenanceRefusal {
  return {
    type: 'InvalidAction',
    message: error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`).join('; '),
  };
}

/** Why staff may not name the engineer now (undefined: they may). */
export function checkAssign(
  state: MaintenanceState,
  settings: MaintenanceSettings,
  request: AssignEngineerRequest,
): MaintenanceRefusal | undefined {
  if (!mayTake(settings.assignRoles, request.actor.role))
    return forbidden('assignEngineer', request.actor.role, settings.assignRoles);
  if (state.phase === 'visited') return { type: 'StageConflict', message: 'the visit is recorded already' };
  const parsed = engineerSchema().safeParse(request.engineer);
  return parsed.success ? undefined : invalid(parsed.error);
}

/** Why the visit may not be recorded now (undefined: it may). */
export function checkVisit(
  state: MaintenanceState,
  input: Pick<MaintenanceOrderInput, 'settings'>,
  request: RecordVisitRequest,
  nowMs: number,
): MaintenanceRefusal | undefined {
  const { settings } = input;
  if (!mayTake(settings.visitRoles, request.actor.role))
    return forbidden('recordVisit', request.actor.role, settings.visitRoles);
  if (state.phase === 'visited') return { type: 'StageConflict', message: 'the visit is recorded already' };
  if (state.phase === 'awaiting_engineer')
    return { type: 'StageConflict', message: 'no engineer is assigned yet: assignEngineer first' };
  const parsed = visitSchema().safeParse(request.visit);
  if (!parsed.success) return invalid(parsed.error);
  if (Date.parse(parsed.data.visitedAt) > nowMs + 5 * 60_000)
    return { type: 'InvalidAction', message: 'visitedAt: the visit cannot be in the future' };
  return undefined;
}

/** The open actions and their roles. */
export function openActions(state: MaintenanceState, settings: MaintenanceSettings): MaintenanceStatus['openActions'] {
  if (state.phase === 'visited') return [];
  const assign = { action: 'assignEngineer' as const, roles: settings.assignRoles };
  return state.phase === 'awaiting_engineer'
    ? [assign]
    : [assign, { action: 'recordVisit', roles: settings.visitRoles }];
}

/** "Maintenance SN-1 due 2026-12-08 — engineer Engineer East — visit by 2026-12-15 (OVERDUE, level 1)". */
export function maintenanceStatusLine(state: MaintenanceState, input: MaintenanceOrderInput, nowMs: number): string {
  const head = `Maintenance ${input.serial} due ${input.dueDate}`;
  if (state.visit)
    return `${head} — visited ${localDate(Date.parse(state.visit.visitedAt), input.timeZone)} by ${state.visit.engineer} — next due ${state.nextDueDate}`;
  const lastDay = addDays(input.dueDate, input.settings.visitWithinDays);
  const who = state.engineer ? `engineer ${state.engineer.name}` : 'awaiting an engineer';
  const overdue = nowMs >= timelineOf(input).deadline ? ` (OVERDUE, level ${state.escalationLevel})` : '';
  return `${head} — ${who} — visit by ${lastDay}${overdue}`;
}
