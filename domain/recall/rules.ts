/**
 * The rules of a recall, pure: when reminders, status reports and the deadline fall due, when a recall is
 * finished, how it reads in one line. The per-consignee ledger lives in PostgreSQL; the workflow keeps its
 * counts and the times of its own cadence.
 */
import { NO_COUNTS, recalledItems, type RecallCounts, type RecallInput, type RecallProgress } from '../recall-contract';
import { dueAt } from '../working-time';

/** A recall's progress when it starts. */
export function newRecallProgress(input: RecallInput): RecallProgress {
  const opened = Date.parse(input.openedAt);
  return {
    phase: 'tracing',
    counts: NO_COUNTS,
    noticesThrough: 0,
    remindersSent: 0,
    reportsSent: 0,
    nextReportAt: new Date(dueAt(opened, input.settings.statusReportEvery, input.calendar)).toISOString(),
    runs: 0,
  };
}

/** Once every notice is out: the first reminder is due one cadence later (none when the profile has none). */
export function noticesDone(progress: RecallProgress, input: RecallInput, nowMs: number): void {
  progress.phase = 'monitoring';
  progress.nextReminderAt =
    input.settings.maxReminders > 0
      ? new Date(dueAt(nowMs, input.settings.reminderEvery, input.calendar)).toISOString()
      : undefined;
}

/** What falls due at a time. */
export type RecallDue = 'reminder' | 'statusReport' | 'deadline';

const at = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));

/** The next instant something falls due (undefined: nothing until someone acts). */
export function nextRecallWake(progress: RecallProgress, input: RecallInput): number | undefined {
  if (progress.phase === 'closed') return undefined;
  const times = [at(progress.nextReportAt)];
  if (progress.phase === 'monitoring') {
    times.push(at(progress.nextReminderAt));
    if (!progress.escalatedAt) times.push(Date.parse(input.deadline));
  }
  const defined = times.filter((t): t is number => t !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}

/** What is due now, and the cadence moved on past it. */
export function takeDue(progress: RecallProgress, input: RecallInput, nowMs: number): RecallDue[] {
  const due: RecallDue[] = [];
  const { settings, calendar } = input;
  if (progress.phase === 'closed') return due;
  if (Date.parse(progress.nextReportAt) <= nowMs) {
    due.push('statusReport');
    progress.reportsSent += 1;
    progress.nextReportAt = new Date(dueAt(nowMs, settings.statusReportEvery, calendar)).toISOString();
  }
  if (progress.phase !== 'monitoring') return due;
  const reminder = at(progress.nextReminderAt);
  if (reminder !== undefined && reminder <= nowMs) {
    progress.remindersSent += 1;
    if (silent(progress.counts) > 0) due.push('reminder');
    progress.nextReminderAt =
      progress.remindersSent < settings.maxReminders
        ? new Date(dueAt(nowMs, settings.reminderEvery, calendar)).toISOString()
        : undefined;
  }
  if (!progress.escalatedAt && Date.parse(input.deadline) <= nowMs) {
    progress.escalatedAt = new Date(nowMs).toISOString();
    if (silent(progress.counts) > 0) due.push('deadline');
  }
  return due;
}

/** Consignees who have not acknowledged. */
export function silent(counts: RecallCounts): number {
  return counts.consignees - counts.acknowledged;
}

/** Finished by itself: every consignee found has settled (acknowledged, and every unit on hand dealt with). */
export function everyConsigneeSettled(progress: RecallProgress): boolean {
  const { counts } = progress;
  return progress.phase === 'monitoring' && counts.consignees > 0 && counts.settled === counts.consignees;
}

/** Closes the recall. */
export function closeRecall(progress: RecallProgress, nowMs: number, reason: string, by: string): void {
  progress.phase = 'closed';
  progress.closedAt = new Date(nowMs).toISOString();
  progress.closeReason = reason;
  progress.closedBy = by;
}

/** Acknowledged consignees in percent of all (0 while none is known). */
export function percentReached(counts: RecallCounts): number {
  return counts.consignees ? Math.floor((counts.acknowledged * 100) / counts.consignees) : 0;
}

const PHASE_WORDS: Record<RecallProgress['phase'], string> = {
  tracing: 'tracing consignees',
  notifying: 'sending notices',
  monitoring: 'waiting for answers',
  closed: 'closed',
};

/** "Recall 202611-002 — lot B77 — 412/500 acknowledged, 380 settled" (the Web UI's current details). */
export function recallStatusLine(progress: RecallProgress, input: RecallInput): string {
  const { counts } = progress;
  const head = `Recall ${input.number} — ${recalledItems(input.lots, input.serials)}`;
  if (progress.phase === 'tracing') return `${head} — ${PHASE_WORDS.tracing}`;
  if (progress.phase === 'notifying')
    return `${head} — notices sent ${progress.noticesThrough >= counts.consignees ? counts.consignees : counts.notified}/${counts.consignees}`;
  const line = `${head} — ${counts.acknowledged}/${counts.consignees} acknowledged, ${counts.settled} settled`;
  return progress.phase === 'closed' ? `${line} — closed: ${progress.closeReason}` : line;
}
