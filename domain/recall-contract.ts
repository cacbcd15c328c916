/**
 * Contract of the recall workflow: numbers and IDs, input and result, the status query, the close update, the
 * signal that the ledger changed, search attributes. Nothing else spells these names.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Profile } from './profile-schema';
import type { RecallSection } from './recall/profile-section';
import type { Actor } from './roles';
import { fitDetails, fitSummary } from './ui-summary';

const RECALL_NUMBER = /^\d{6}-\d{3,}$/;

/** True for a recall number `<YYYYMM>-<NNN>` (the month's own sequence). */
export function isRecallNumber(number: string): boolean {
  return RECALL_NUMBER.test(number);
}

/** Workflow ID of a recall: `recall-<YYYYMM>-<NNN>`. */
export function recallWorkflowId(number: string): string {
  if (!isRecallNumber(number)) throw new TypeError(`not a recall number: ${number}`);
  return `recall-${number}`;
}

/** What a recall's emails are about in the outbox (their key: `recall:<number>:<event>:<recipient>`). */
export function recallSubject(number: string): { kind: 'recall'; id: string } {
  return { kind: 'recall', id: number };
}

/** The idempotency key of the recall a complaint starts (its `seq`-th). */
export function complaintRecallKey(complaintNumber: string, seq: number): string {
  return `complaint:${complaintNumber}:${seq}`;
}

/** Where a recall comes from. */
export type RecallSource = 'complaint' | 'quality_manager';

/** Where a recall stands. */
export type RecallPhase = 'tracing' | 'notifying' | 'monitoring' | 'closed';

/** The ledger's counts (from PostgreSQL, where the per-consignee ledger lives). */
export interface RecallCounts {
  consignees: number;
  notified: number;
  /** Notices whose sending died mid-way: probably delivered, for staff to check (outbox `uncertain`). */
  uncertain: number;
  acknowledged: number;
  settled: number;
  unitsShipped: number;
  unitsOnHand: number;
  unitsReturned: number;
  unitsCorrected: number;
  unitsDestroyed: number;
}

export const NO_COUNTS: RecallCounts = {
  consignees: 0,
  notified: 0,
  uncertain: 0,
  acknowledged: 0,
  settled: 0,
  unitsShipped: 0,
  unitsOnHand: 0,
  unitsReturned: 0,
  unitsCorrected: 0,
  unitsDestroyed: 0,
};

/** What the workflow keeps across continue-as-new. */
export interface RecallProgress {
  phase: RecallPhase;
  counts: RecallCounts;
  /** Notices are sent to consignees 1..noticesThrough. */
  noticesThrough: number;
  remindersSent: number;
  nextReminderAt?: string;
  /** A reminder round under way: consignees 1..through have had it. */
  reminding?: { round: number; through: number };
  reportsSent: number;
  nextReportAt: string;
  escalatedAt?: string;
  closedAt?: string;
  closeReason?: string;
  closedBy?: string;
  /** Runs of this recall before the current one (continue-as-new). */
  runs: number;
  /** Times the consignees were traced again (shipment records imported after the recall started). */
  retraces?: number;
}

/** The recall's workflow type: started by this name outside a workflow (infra/recall-opening.ts). */
export const RECALL_WORKFLOW_TYPE = 'recallWorkflow';

/** What a recall is started with. */
export interface RecallInput {
  number: string;
  source: RecallSource;
  /** The complaint that started it (its records link the recall). */
  complaintNumber?: string;
  openedAt: string;
  openedBy: Actor;
  productModel?: string;
  lots: string[];
  serials: string[];
  /** The hazard in plain words, as the notice says it. */
  risk: string;
  /** What consignees are offered: repair, replacement, refund. */
  remedy: string;
  /** Consignees answer by this instant; the silent ones are escalated then. */
  deadline: string;
  profileId: string;
  settings: RecallSection;
  calendar: Profile['calendar'];
  /** Set by continue-as-new: where the previous run left off. */
  progress?: RecallProgress;
}

/** The live state, read by query. */
export interface RecallStatus extends RecallProgress {
  number: string;
  workflowId: string;
  source: RecallSource;
  complaintNumber?: string;
  lots: string[];
  serials: string[];
  deadline: string;
  /** Acknowledged consignees in percent of all (100 = every consignee reached and answered). */
  percentReached: number;
  statusLine: string;
  /** Effects queued or being carried out. */
  pendingEffects: number;
}

/** How a recall ended. */
export interface RecallResult {
  number: string;
  closedAt: string;
  reason: string;
  counts: RecallCounts;
  runs: number;
}

/** What closing by hand carries. */
export interface CloseRecallRequest {
  actor: Actor;
  reason: string;
}

export const recallStatusQuery = defineQuery<RecallStatus>('recallStatus');

/** Update: the quality manager closes the recall with a reason (every reasonable effort made). */
export const closeRecallUpdate = defineUpdate<RecallStatus, [CloseRecallRequest]>('recall.close');

/** What tracing again carries. */
export interface RetraceRecallRequest {
  actor: Actor;
}

/**
 * Update: the quality manager traces the consignees again (shipment records imported since); the new ones get
 * their notice, the others nothing.
 */
export const retraceRecallUpdate = defineUpdate<RecallStatus, [RetraceRecallRequest]>('recall.retrace');

/** Signal API → recall: a consignee's ledger changed (the counts are read again; the ledger is in PostgreSQL). */
export const recallLedgerChangedSignal = defineSignal<[]>('recallLedgerChanged');

/**
 * Search attributes of recalls: state and lots in one keyword list (`state:monitoring`, `lot:B77`, query
 * `RecallTags = 'lot:B77'`: the dev server's SQL visibility allows few Keyword attributes), the percentage of
 * consignees reached; the complaint's number reuses the complaint's attribute.
 */
export const recallSearchAttributes = {
  tags: defineSearchAttributeKey('RecallTags', SearchAttributeType.KEYWORD_LIST),
  percentReached: defineSearchAttributeKey('RecallPercentReached', SearchAttributeType.INT),
} as const;

/** The tags a recall is found by. */
export function recallTags(phase: RecallPhase, lots: string[], serials: string[]): string[] {
  return [`state:${phase}`, ...lots.map((lot) => `lot:${lot}`), ...serials.slice(0, 50).map((s) => `serial:${s}`)];
}

/** What is recalled, in a few words: "lot B77", "lots B77, B78", "serial S1 +2". */
export function recalledItems(lots: string[], serials: string[]): string {
  const list = (one: string, many: string, items: string[]) =>
    items.length === 1
      ? `${one} ${items[0]}`
      : `${many} ${items.slice(0, 3).join(', ')}${items.length > 3 ? ` +${items.length - 3}` : ''}`;
  return [lots.length ? list('lot', 'lots', lots) : '', serials.length ? list('serial', 'serials', serials) : '']
    .filter(Boolean)
    .join('; ');
}

/** Web UI list summary: "Recall 202611-002 — P-200 — lot B77 — complaint 202611-007". */
export function recallSummary(
  input: Pick<RecallInput, 'number' | 'productModel' | 'lots' | 'serials' | 'complaintNumber'>,
): string {
  return fitSummary(
    [
      `Recall ${input.number}`,
      input.productModel,
      recalledItems(input.lots, input.serials),
      input.complaintNumber && `complaint ${input.complaintNumber}`,
    ]
      .filter(Boolean)
      .join(' — '),
  );
}

/** Web UI static details: where the recall came from, the hazard, the remedy and what is recalled. */
export function recallDetails(input: RecallInput): string {
  const from = input.complaintNumber
    ? `Complaint ${input.complaintNumber}`
    : `Opened by ${input.openedBy.id} (${input.openedBy.role.replace(/_/g, ' ')})`;
  const items = [...input.lots.map((l) => `lot ${l}`), ...input.serials.slice(0, 20)];
  const more = input.serials.length > 20 ? ` and ${input.serials.length - 20} more serials` : '';
  return fitDetails(
    `**${recallSummary(input)}**\n\n- ${from}${input.productModel ? `: ${input.productModel}` : ''}\n` +
      `- Risk: ${input.risk}\n- Remedy: ${input.remedy}\n- Recalled: ${items.join(', ')}${more}`,
  );
}
