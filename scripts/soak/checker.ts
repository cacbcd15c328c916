/**
 * The soak's independent invariant checker (issue 28): run once the load and the faults have stopped, it reads
 * the stack itself — PostgreSQL, Temporal (visibility, descriptions, histories, status queries) and what the
 * mail catcher received — against what the clients were answered (scripts/soak/load-log.ts), and reports each
 * invariant that does not hold, with what it is about. It first waits (up to `settleMs`) for queued effects and
 * in-flight emails to finish. Every question to Temporal has a deadline and a bounded number run at once: a
 * workflow that does not answer is a violation, never a hang. What each invariant reads and decides is in its
 * module under ./invariants.
 */
import { actionAuditedOnce } from './invariants/audit';
import { clocksMatch } from './invariants/clocks';
import {
  CheckContext,
  INVARIANTS,
  type CheckOptions,
  type InvariantName,
  type InvariantOutcome,
  type Violation,
} from './invariants/context';
import { emailOnce } from './invariants/email';
import { linkAnsweredOnce } from './invariants/links';
import { replyStoredOnce } from './invariants/replies';
import { monthlyTotals } from './invariants/monthly';
import { maintenanceOnce } from './invariants/maintenance';
import { backfillOnce } from './invariants/backfill';
import { noPendingEffects, queuedEffects } from './invariants/pending';
import { recallLedger } from './invariants/recall-ledger';
import { registrationOnce } from './invariants/registration';
import { stageMatches } from './invariants/stages';

export { INVARIANTS, type CheckOptions, type InvariantName, type Violation };

/** What the check found: subjects checked per invariant, the violations, and what it saw but allows. */
export interface CheckReport {
  checked: Record<InvariantName, number>;
  violations: Violation[];
  notes: string[];
  /** How long the check took, settling included. */
  tookMs: number;
}

const CHECKS: Record<InvariantName, (ctx: CheckContext) => Promise<InvariantOutcome>> = {
  'registration-once': registrationOnce,
  'stage-matches': stageMatches,
  'action-audited-once': actionAuditedOnce,
  'email-once': emailOnce,
  'link-answered-once': linkAnsweredOnce,
  'reply-stored-once': replyStoredOnce,
  'maintenance-once': maintenanceOnce,
  'backfill-once': backfillOnce,
  'no-pending-effects': noPendingEffects,
  'recall-ledger': recallLedger,
  'clocks-match': clocksMatch,
  'monthly-totals': monthlyTotals,
};

const SETTLE_POLL_MS = 500;

/** Waits until no effect is queued and no email in flight, or `settleMs` passed; what was still busy then. */
async function settle(options: CheckOptions, settleMs: number): Promise<string | undefined> {
  const deadline = Date.now() + settleMs;
  for (;;) {
    const busy: string[] = [];
    await queuedEffects(new CheckContext(options), (subject, detail) => busy.push(`${subject}: ${detail}`));
    if (!busy.length) return undefined;
    if (Date.now() >= deadline)
      return `not settled after ${settleMs} ms: ${busy.slice(0, 5).join('; ')}${busy.length > 5 ? ' …' : ''}`;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}

/** Checks every invariant against the stack as it is once settled; never throws for what it finds. */
export async function checkInvariants(options: CheckOptions): Promise<CheckReport> {
  const started = Date.now();
  const notes: string[] = [];
  const unsettled = await settle(options, options.settleMs ?? 30_000).catch(
    (error: unknown) => `settling failed: ${(error as Error).message}`,
  );
  if (unsettled) notes.push(unsettled);
  const ctx = new CheckContext(options);
  const checked = {} as Record<InvariantName, number>;
  const violations: Violation[] = [];
  // one invariant at a time: each bounds its own questions to Temporal, so they stay bounded overall
  for (const invariant of INVARIANTS) {
    try {
      const outcome = await CHECKS[invariant](ctx);
      checked[invariant] = outcome.checked;
      violations.push(...outcome.violations);
      notes.push(...(outcome.notes ?? []).map((note) => `${invariant}: ${note}`));
    } catch (error) {
      checked[invariant] = 0;
      violations.push({ invariant, subject: '(checker)', detail: `could not check: ${(error as Error).message}` });
    }
  }
  return { checked, violations, notes, tookMs: Date.now() - started };
}

/** The report as text: one line per invariant, then each violation, then the notes. */
export function formatReport(report: CheckReport): string {
  const byInvariant = (name: InvariantName) => report.violations.filter((v) => v.invariant === name);
  const lines = INVARIANTS.map((name) => {
    const found = byInvariant(name).length;
    return `${found ? 'FAIL' : 'ok  '} ${name.padEnd(20)} ${report.checked[name] ?? 0} checked, ${found} violation(s)`;
  });
  const details = report.violations.map((v) => `  [${v.invariant}] ${v.subject}: ${v.detail}`);
  const verdict = report.violations.length ? `${report.violations.length} violation(s)` : 'every invariant holds';
  return [
    `invariants: ${verdict} (${(report.tookMs / 1000).toFixed(1)} s)`,
    ...lines,
    ...(details.length ? ['violations:', ...details] : []),
    ...(report.notes.length ? ['notes:', ...report.notes.map((n) => `  ${n}`)] : []),
  ].join('\n');
}
