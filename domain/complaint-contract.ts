/**
 * Contract of the complaint workflow: task queue, workflow type and ID, input/result types,
 * query/update definitions and search attributes. Nothing else spells these names.
 */
import { SearchAttributeType } from '@temporalio/common';
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { ACTION_NAMES, type ActionName } from './complaint/action-names';
import {
  CUSTOMER_ANSWER_NAMES,
  type AnswerRefusal,
  type CustomerAnswerName,
  type LinkAnswer,
  type QuestionDetails,
} from './complaint/customer-answer-names';
import type { AnswerPurpose, CustomerAsk } from './complaint/customer-asks';
import type { Deadline, LinkAnswerOutcome, StageChange } from './complaint/state';
import type { Profile } from './profile-schema';
import type { Actor, Role } from './roles';
import type { SeverityFacts } from './severity';
import type { Stage } from './stages';
import { fitSummary } from './ui-summary';

/** Default task queue of complaint workflows and their activities (overridable by config). */
export const COMPLAINT_TASK_QUEUE = 'complaints';
/** The complaint workflow's type: a complaint that opens another one (004 §5.3 b)) starts it by this name. */
export const COMPLAINT_WORKFLOW_TYPE = 'complaintWorkflow';

/** The request key of the complaint a closed one is taken up as (a retry gets the same one). */
export const linkedComplaintKey = (number: string) => `reopen:${number}`;

export { complaintWorkflowId } from './complaint-id';

/** Which version of a procedure a complaint runs under; the workflow loads it by its hash. */
export interface ProfileRef {
  id: string;
  version: number;
  hash: string;
  name: { 'zh-CN': string; en: string };
}

/** The procedure of an input, as a summary names it. */
const procedureOf = (input: Pick<ComplaintWorkflowInput, 'profile' | 'profileRef'>) =>
  (input.profileRef ?? input.profile)!;

/** What the workflow is started with: the registration essentials and the pinned profile. */
export interface ComplaintWorkflowInput {
  number: string;
  registeredAt: string;
  /** When the complaint reached the company, if before registration (clocks "from receipt" count from it). */
  receivedAt?: string;
  customerName: string;
  productModel: string;
  batchNumber?: string;
  /** The customer's service region (registration `customer.region`). */
  region?: string;
  channel: string;
  warranty: 'in' | 'out' | 'unknown';
  quantityAffected: number;
  /** Facts known at intake that severity rules look at. */
  facts: SeverityFacts;
  /**
   * The profile this complaint runs under, pinned for its whole life: complaints registered before profile
   * references carry it whole; newer ones carry `profileRef` and the workflow loads it (its input stays short
   * in the Web UI).
   */
  profile?: Profile;
  profileRef?: ProfileRef;
  profileHash: string;
  /** The member of staff who registered it (the audit names them); none: the system (older complaints too). */
  registeredBy?: Actor;
}

/** How a complaint workflow ended. */
export interface ComplaintWorkflowResult {
  number: string;
  finalStage: Stage;
  closedAt: string;
  reason: string;
  reopenedAs?: string;
}

/** The live state of a complaint, read by query. */
export interface ComplaintStatus {
  number: string;
  profile: { id: string; version: number; hash: string };
  /** When the complaint reached the company (the registration time unless staff gave it). */
  receivedAt?: string;
  stage: Stage;
  statusLine: string;
  severity: string;
  severityReasons: string[];
  type?: string;
  department?: string;
  ownerRoles: Role[];
  warranty: 'in' | 'out' | 'unknown';
  serviceMode?: 'remote' | 'on_site';
  objectionRounds: number;
  openActions: Array<{ action: ActionName; roles: Role[] }>;
  /** Who may take each action on this complaint now, whatever the stage (the exact rule the API checks). */
  actionRoles: Record<ActionName, Role[]>;
  /** Who takes each action in the procedure's own words, where its profile names them (a 403 quotes them). */
  actionTakers?: Partial<Record<ActionName, string>>;
  deadlines: Deadline[];
  clocksPaused?: { at: string; reason: 'waiting_on_customer' | 'force_majeure'; note: string };
  overdue: boolean;
  escalationLevel: number;
  history: StageChange[];
  closeReason?: string;
  reopenedAs?: string;
  /**
   * Effects of the steps taken (records, emails, clocks saved) not yet carried out: the workflow answers
   * first and carries them out right after, in order. 0 means every record and email of the answer is done.
   */
  pendingEffects?: number;
  /** An effect failed for good (a record or email no retry can make): what, so staff can act. */
  needsAttention?: string;
  /** Its corrective actions (8D / CAPA): each one's number and where it stands, as it last said. */
  correctiveActions?: Array<{ number: string; openedAt: string; phase: string; line: string }>;
  /** Recalls the complaint started (`number` once its row is written). */
  recalls?: Array<{ seq: number; decidedAt: string; trigger: 'severity' | 'decision'; number?: string }>;
  /** The questions put to the customer by email that their links may still answer. */
  openAsks?: CustomerAsk[];
}

/** Query: the live state of the complaint. */
export const statusQuery = defineQuery<ComplaintStatus>('status');

/** What every action update carries: who acts, and the action's data (validated by the workflow). */
export interface ActionRequest {
  actor: Actor;
  payload: unknown;
}

/** One update per staff action; validators refuse what is not allowed now, before it enters history. */
export const actionUpdates = Object.fromEntries(
  ACTION_NAMES.map((name) => [name, defineUpdate<ComplaintStatus, [ActionRequest]>(name)]),
) as Record<ActionName, UpdateDefinition<ComplaintStatus, [ActionRequest], ActionName>>;

export type { AnswerPurpose, AnswerRefusal, CustomerAnswerName, LinkAnswer, LinkAnswerOutcome, QuestionDetails };
export { CUSTOMER_ANSWER_NAMES };

/**
 * One signal per answer the customer gives by link (customerConfirmed, customerObjected, quoteAnswered,
 * partsConsent, serviceConfirmed, surveyAnswered, invalidObjected). A signal cannot refuse: the page asks
 * `linkAnswerCheckQuery` first, and reads what became of it with `linkAnswerOutcomeQuery`.
 */
export const customerAnswerSignals = Object.fromEntries(
  CUSTOMER_ANSWER_NAMES.map((name) => [name, defineSignal<[LinkAnswer]>(name)]),
) as Record<CustomerAnswerName, SignalDefinition<[LinkAnswer], CustomerAnswerName>>;

/** Whether an answer by link would be taken now, and if not, why. */
export type LinkAnswerCheck = { ok: true } | { ok: false; refusal: AnswerRefusal };

/** Query: would this answer by link be taken now (the same check the signal meets)? */
export const linkAnswerCheckQuery: QueryDefinition<LinkAnswerCheck, [CustomerAnswerName, LinkAnswer]> = defineQuery<
  LinkAnswerCheck,
  [CustomerAnswerName, LinkAnswer]
>('linkAnswerCheck');

/** The question of a decision link, as the page shows it; or why the link can no longer answer it. */
export type LinkQuestion = { ok: true; question: QuestionDetails } | { ok: false; refusal: AnswerRefusal };

/** Query: the question a decision link answers (by purpose, link id and the asking email's key). */
export const linkQuestionQuery: QueryDefinition<LinkQuestion, [AnswerPurpose, Pick<LinkAnswer, 'linkId' | 'askKey'>]> =
  defineQuery<LinkQuestion, [AnswerPurpose, Pick<LinkAnswer, 'linkId' | 'askKey'>]>('linkQuestion');

/** Query: what became of the answer of a link (by its id); null until its signal has been handled. */
export const linkAnswerOutcomeQuery: QueryDefinition<LinkAnswerOutcome | null, [string]> = defineQuery<
  LinkAnswerOutcome | null,
  [string]
>('linkAnswerOutcome');

/** One-line summary shown in the Web UI's workflow list. */
export function workflowSummary(
  input: Pick<ComplaintWorkflowInput, 'number' | 'customerName' | 'productModel' | 'profile' | 'profileRef'>,
): string {
  const procedure = procedureOf(input);
  return fitSummary(
    `Complaint ${input.number} — ${input.customerName} — ${input.productModel} (${procedure.id} v${procedure.version})`,
  );
}

/** Markdown details shown under the summary in the Web UI: who, what, under which procedure. */
export function workflowDetails(
  input: Pick<
    ComplaintWorkflowInput,
    'number' | 'customerName' | 'productModel' | 'batchNumber' | 'channel' | 'profile' | 'profileRef' | 'receivedAt'
  >,
  description: string,
): string {
  const lines = [
    `**Complaint ${input.number}**`,
    '',
    `- Customer: ${input.customerName}`,
    `- Product: ${input.productModel}${input.batchNumber ? ` (batch ${input.batchNumber})` : ''}`,
    `- Channel: ${input.channel}`,
    ...(input.receivedAt ? [`- Received: ${input.receivedAt} (clocks from receipt count from it)`] : []),
    `- Procedure: ${procedureOf(input).name.en} (${procedureOf(input).id} v${procedureOf(input).version})`,
    '',
    `> ${description.replace(/\s+/g, ' ').slice(0, 500)}`,
  ];
  return lines.join('\n');
}

export { searchAttributes } from './complaint-search-attributes';

const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** A search attribute as a `Name=Type` pair, as `temporal server start-dev --search-attribute` takes it. */
export function searchAttributeCliArg(key: { name: string; type: SearchAttributeType }): string {
  return `${key.name}=${CLI_TYPE_NAMES[key.type]}`;
}
