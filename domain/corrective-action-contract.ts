/**
 * Contract of the corrective-action (8D / CAPA) workflow: IDs, input and result, the status query, one update
 * per action, the signals it exchanges with its complaint, search attributes. Nothing else spells these names.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { complaintWorkflowId } from './complaint-id';
import type { Deadline } from './clocks';
import { CAR_ACTION_NAMES, type CarActionName } from './corrective-action/action-names';
import type { Discipline } from './corrective-action/profile-section';
import type { Profile } from './profile-schema';
import type { Actor, Role } from './roles';
import { fitDetails, fitSummary } from './ui-summary';

export { CAR_ACTION_NAMES, type CarActionName };

/** Number of a complaint's corrective action: `<complaint number>-<seq>` (8D 202611-007-1). */
export function complaintCarNumber(complaintNumber: string, seq: number): string {
  return `${complaintNumber}-${seq}`;
}

const COMPLAINT_CAR = /^(\d{6}-\d{3,})-(\d+)$/;
const STANDALONE_CAR = /^car-\d{6}-\d{3,}$/;

/** True for a corrective-action number: `<complaint>-<seq>` or `car-<YYYYMM>-<NNN>`. */
export function isCarNumber(number: string): boolean {
  return COMPLAINT_CAR.test(number) || STANDALONE_CAR.test(number);
}

/**
 * Workflow ID of a corrective action: `complaint-<n>-car-<seq>` for a complaint's, the number itself
 * (`car-<YYYYMM>-<NNN>`) for one requested by the monthly analysis or an audit.
 */
export function correctiveActionWorkflowId(number: string): string {
  const match = COMPLAINT_CAR.exec(number);
  if (match) return `${complaintWorkflowId(match[1]!)}-car-${match[2]}`;
  if (STANDALONE_CAR.test(number)) return number;
  throw new TypeError(`not a corrective-action number: ${number}`);
}

/** Workflow ID of an escalation ladder of a corrective action's clock: `<its workflow ID>-escalation-<clock>-<seq>`. */
export function carEscalationWorkflowId(number: string, clock: string, seq: number): string {
  return `${correctiveActionWorkflowId(number)}-escalation-${clock}-${seq}`;
}

/** Where a corrective action comes from. */
export type CarSource = 'complaint' | 'monthly_top3' | 'audit';

/** The corrective action's workflow type: started by this name outside a workflow (infra/corrective-action-opening.ts). */
export const CORRECTIVE_ACTION_WORKFLOW_TYPE = 'correctiveActionWorkflow';

/** What a corrective action is started with. */
export interface CorrectiveActionInput {
  number: string;
  source: CarSource;
  /** The complaint it belongs to (source `complaint`); its workflow hears of the progress. */
  complaintNumber?: string;
  openedAt: string;
  openedBy: Actor;
  reason: string;
  product: { model: string; batch?: string; quantityAffected: number };
  severity: string;
  /** A technical cause goes to engineering with R&D; a non-technical one to the quality leads (004 §5.2 c/d). */
  technical: boolean;
  /** False when the complaint's investigation found no root cause yet (004 §5.6 b: preliminary report first). */
  rootCauseKnown: boolean;
  /** What the complaint already knows (the diagnosis' findings, the plan's internal improvement actions). */
  known?: { findings?: string; cause?: string; suggestedActions?: string[] };
  customer?: { name: string };
  /** The profile it runs under (its `correctiveAction` section), pinned. */
  profile: Profile;
  profileHash: string;
}

/** A discipline as filled in. */
export interface DisciplineRecord {
  discipline: Discipline;
  round: number;
  data: unknown;
  submittedAt: string;
  by: string;
  approvedAt?: string;
  approvedBy?: string;
  /** Set when a step back or a new round reopened it (the data stays as history). */
  supersededAt?: string;
}

/** One effectiveness verdict (after D6). */
export interface Verdict {
  round: number;
  effective: boolean;
  evidence: string;
  at: string;
  by: string;
}

/** Where a corrective action stands. */
export type CarPhase = 'open' | 'awaiting_approval' | 'verification' | 'closed' | 'cancelled';

/** The live state of a corrective action, read by query. */
export interface CorrectiveActionStatus {
  number: string;
  workflowId: string;
  source: CarSource;
  complaintNumber?: string;
  form: '8d' | 'capa';
  profile: { id: string; version: number; hash: string };
  phase: CarPhase;
  round: number;
  /** The discipline to fill in now (none while awaiting approval, verification, or when closed). */
  current?: Discipline;
  awaitingApproval?: { disciplines: Discipline[]; approver: Role; since: string };
  verificationDue?: string;
  owner: { role: Role; department: string; assist: string[] };
  severity: string;
  statusLine: string;
  disciplines: DisciplineRecord[];
  verdicts: Verdict[];
  preliminaryReport?: { at: string; by: string; data: unknown };
  deadlines: Deadline[];
  overdue: boolean;
  escalationLevel: number;
  openActions: Array<{ action: CarActionName; roles: Role[] }>;
  history: Array<{ at: string; action: string; actor: string; note?: string }>;
  closedAt?: string;
  closeReason?: string;
  reportSentAt?: string;
  pendingEffects?: number;
}

/** How a corrective action ended. */
export interface CorrectiveActionResult {
  number: string;
  phase: 'closed' | 'cancelled';
  rounds: number;
  closedAt: string;
  reason: string;
}

/** What a corrective action tells its complaint on every change (shown with the complaint, quoted to the customer). */
export interface CarProgress {
  number: string;
  phase: CarPhase;
  current?: Discipline;
  round: number;
  line: string;
}

/** Query: the live state. */
export const carStatusQuery = defineQuery<CorrectiveActionStatus>('correctiveActionStatus');

/** What every corrective-action update carries. */
export interface CarActionRequest {
  actor: Actor;
  payload: unknown;
}

/** One update per action; validators refuse what is not allowed now, before it enters history. */
export const carActionUpdates = Object.fromEntries(
  CAR_ACTION_NAMES.map((name) => [name, defineUpdate<CorrectiveActionStatus, [CarActionRequest]>(`car.${name}`)]),
) as Record<CarActionName, UpdateDefinition<CorrectiveActionStatus, [CarActionRequest], string>>;

/** Signal corrective action → complaint: its progress. */
export const carProgressSignal = defineSignal<[CarProgress]>('correctiveActionProgress');

/**
 * Search attributes of corrective actions. The dev server's SQL visibility allows 10 custom Keyword attributes
 * (the complaint uses 9), so phase, discipline, owner and source go in one keyword list as `phase:open`,
 * `discipline:D4`, `owner:quality_manager`, `source:complaint` (query `CarTags = 'discipline:D4'`); the
 * complaint's number and the owner's department reuse the complaint's attributes.
 */
export const carSearchAttributes = {
  tags: defineSearchAttributeKey('CarTags', SearchAttributeType.KEYWORD_LIST),
  overdue: defineSearchAttributeKey('CarOverdue', SearchAttributeType.BOOL),
} as const;

/** The tags a corrective action is found by. */
export function carTags(tags: { phase: string; discipline?: string; owner: string; source: CarSource }): string[] {
  return [
    `phase:${tags.phase}`,
    ...(tags.discipline ? [`discipline:${tags.discipline}`] : []),
    `owner:${tags.owner}`,
    `source:${tags.source}`,
  ];
}

/** Web UI list summary: "8D 202611-007-1 — P-200 — complaint 202611-007". */
export function carSummary(
  input: Pick<CorrectiveActionInput, 'number' | 'product' | 'profile' | 'complaintNumber' | 'source'>,
): string {
  const form = input.profile.correctiveAction?.form === 'capa' ? 'CAPA' : '8D';
  const from = input.complaintNumber ? `complaint ${input.complaintNumber}` : input.source.replace('_', ' ');
  return fitSummary(`${form} ${input.number} — ${input.product.model} — ${from}`);
}

/** Web UI static details: what the corrective action is about, where it came from, who opened it and why. */
export function carDetails(input: CorrectiveActionInput): string {
  const from = input.complaintNumber
    ? `Complaint ${input.complaintNumber}${input.customer ? `: ${input.customer.name}` : ''}`
    : `Opened on its own (${input.source.replace('_', ' ')})`;
  const product = [input.product.model, input.product.batch && `batch ${input.product.batch}`].filter(Boolean);
  return fitDetails(
    `**${carSummary(input)}**\n\n- ${from}\n- Product: ${product.join(', ')}\n` +
      `- Opened by ${input.openedBy.id} (${input.openedBy.role.replace(/_/g, ' ')}): ${input.reason}`,
  );
}
