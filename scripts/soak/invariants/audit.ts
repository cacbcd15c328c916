/**
 * action-audited-once: every staff step a workflow took is recorded once, and every step the API answered is one
 * it took. What a workflow took is its history's updates that completed successfully (a retry with the same
 * Idempotency-Key is the same update: Temporal takes an update ID once), which also counts the requests that
 * were taken although their client never heard the answer (not in the log). So, per complaint and action:
 * - each logged Idempotency-Key is an update the workflow took (`<action>:<staff id>:<key>`);
 * - staff audit rows (not the system's, not a customer's by link: link-answered-once counts those) = updates
 *   taken: fewer is a step missing from the audit, more is a step audited twice.
 * The same for 8D steps (`corrective_action_step`, updates `car.<action>`, IDs `car:<action>:<staff id>:<key>`).
 * A recall's ledger answers are no workflow's updates: each logged one is exactly one `recall_event` under its
 * key (`api:<staff id>:<recall>:<ordinal>:<action>:<key>`).
 */
import { ACTION_NAMES } from '../../../domain/complaint/action-names';
import { complaintWorkflowId } from '../../../domain/complaint-contract';
import { CAR_ACTION_NAMES, correctiveActionWorkflowId, isCarNumber } from '../../../domain/corrective-action-contract';
import { unanswered, type CheckContext, type InvariantOutcome, type Violation } from './context';
import { updatesTaken } from './history';

const INVARIANT = 'action-audited-once';
type Report = (subject: string, detail: string) => void;

/** What one kind of record is compared by. */
interface StepKind {
  /** "audited", "recorded as an 8D step". */
  recorded: string;
  /** The staff actions of the workflow (its updates). */
  actions: readonly string[];
  workflowId(subject: string): string;
  updateName(action: string): string;
  updateIdPrefix(action: string): string;
}

const COMPLAINT_STEPS: StepKind = {
  recorded: 'audited',
  actions: ACTION_NAMES,
  workflowId: complaintWorkflowId,
  updateName: (action) => action,
  updateIdPrefix: (action) => `${action}:`,
};

const CAR_STEPS: StepKind = {
  recorded: 'recorded as an 8D step',
  actions: CAR_ACTION_NAMES,
  workflowId: correctiveActionWorkflowId,
  updateName: (action) => `car.${action}`,
  updateIdPrefix: (action) => `car:${action}:`,
};

type Nested<T> = Map<string, Map<string, T>>;
const NONE_LOGGED: ReadonlyMap<string, Set<string>> = new Map<string, Set<string>>();
const NONE_RECORDED: ReadonlyMap<string, number> = new Map<string, number>();

function nest<T>(map: Nested<T>, subject: string, action: string, update: (known: T | undefined) => T) {
  const inner = map.get(subject) ?? new Map<string, T>();
  inner.set(action, update(inner.get(action)));
  map.set(subject, inner);
}

/** One workflow's staff records against the updates it took and the logged answers. */
async function compareWorkflow(
  ctx: CheckContext,
  kind: StepKind,
  subject: string,
  logged: ReadonlyMap<string, Set<string>>,
  recorded: ReadonlyMap<string, number>,
  report: Report,
): Promise<boolean> {
  const history = await ctx.history(kind.workflowId(subject));
  if (!history.ok) {
    if (!history.notFound) report(subject, `history unreadable: ${unanswered(history)}`);
    return !history.notFound;
  }
  const taken = updatesTaken(history.value);
  const names = new Set([...logged.keys(), ...recorded.keys()]);
  for (const name of kind.actions) if (taken.has(kind.updateName(name))) names.add(name);
  for (const action of names) {
    const ids = taken.get(kind.updateName(action)) ?? [];
    for (const key of logged.get(action) ?? [])
      if (!ids.some((id) => id.startsWith(kind.updateIdPrefix(action)) && id.endsWith(`:${key}`)))
        report(subject, `${action} was answered (Idempotency-Key ${key}) but the workflow took no such update`);
    const count = recorded.get(action) ?? 0;
    if (count < ids.length) report(subject, `${action} taken ${ids.length}×, ${kind.recorded} ${count}×: missing`);
    if (count > ids.length) report(subject, `${action} taken ${ids.length}×, ${kind.recorded} ${count}×: doubled`);
  }
  return true;
}

async function complaintActions(ctx: CheckContext, report: Report): Promise<number> {
  const logged: Nested<Set<string>> = new Map();
  for (const a of ctx.log.actions)
    nest(logged, a.number, a.action, (keys) => (keys ?? new Set()).add(a.idempotencyKey));
  const recorded: Nested<number> = new Map();
  const audited = await ctx.prisma.auditEntry.groupBy({
    by: ['complaintNumber', 'action'],
    where: { actorId: { not: 'system' }, actorRole: { not: 'customer' }, action: { in: [...ACTION_NAMES] } },
    _count: { _all: true },
  });
  for (const row of audited) nest(recorded, row.complaintNumber, row.action, () => row._count._all);
  const subjects = new Set([...(await ctx.complaints()).map((c) => c.number), ...logged.keys()]);
  const compared = await ctx.each([...subjects], (number) =>
    compareWorkflow(
      ctx,
      COMPLAINT_STEPS,
      number,
      logged.get(number) ?? new Map(),
      recorded.get(number) ?? new Map(),
      report,
    ),
  );
  return compared.filter(Boolean).length;
}

async function correctiveActionSteps(ctx: CheckContext, report: Report): Promise<number> {
  const logged: Nested<Set<string>> = new Map();
  for (const s of ctx.log.correctiveActionSteps)
    nest(logged, s.carNumber, s.action, (keys) => (keys ?? new Set()).add(s.idempotencyKey));
  const recorded: Nested<number> = new Map();
  const steps = await ctx.prisma.correctiveActionStep.groupBy({
    by: ['carNumber', 'action'],
    where: { actorId: { not: 'system' }, action: { in: [...CAR_ACTION_NAMES] } },
    _count: { _all: true },
  });
  for (const row of steps) nest(recorded, row.carNumber, row.action, () => row._count._all);
  const stored = await ctx.prisma.correctiveAction.findMany({ select: { number: true } });
  const subjects = [...new Set([...stored.map((c) => c.number), ...logged.keys()])];
  for (const car of subjects.filter((n) => !isCarNumber(n))) report(car, 'logged as an 8D but not an 8D number');
  const compared = await ctx.each(subjects.filter(isCarNumber), (car) =>
    compareWorkflow(ctx, CAR_STEPS, car, logged.get(car) ?? NONE_LOGGED, recorded.get(car) ?? NONE_RECORDED, report),
  );
  return compared.filter(Boolean).length;
}

async function ledgerAnswers(ctx: CheckContext, report: Report): Promise<number> {
  const answers = new Map(
    ctx.log.ledgerAnswers.map((a) => [`:${a.recallNumber}:${a.ordinal}:${a.action}:${a.idempotencyKey}`, a]),
  );
  if (!answers.size) return 0;
  const events = await ctx.prisma.recallEvent.findMany({
    where: {
      recallNumber: { in: [...new Set(ctx.log.ledgerAnswers.map((a) => a.recallNumber))] },
      eventKey: { startsWith: 'api:' },
    },
    select: { eventKey: true },
  });
  for (const [suffix, answer] of answers) {
    const count = events.filter((e) => e.eventKey.endsWith(suffix)).length;
    if (count !== 1)
      report(
        answer.recallNumber,
        `ledger ${answer.action} of consignee ${answer.ordinal} (Idempotency-Key ${answer.idempotencyKey}) ` +
          `is in the recall's events ${count}×`,
      );
  }
  return answers.size;
}

export async function actionAuditedOnce(ctx: CheckContext): Promise<InvariantOutcome> {
  const violations: Violation[] = [];
  const report: Report = (subject, detail) => violations.push({ invariant: INVARIANT, subject, detail });
  const checked =
    (await complaintActions(ctx, report)) +
    (await correctiveActionSteps(ctx, report)) +
    (await ledgerAnswers(ctx, report));
  return { checked, violations };
}
