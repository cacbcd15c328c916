/**
 * Contract of the complaint workflow: task queue, workflow type and ID, input/result types,
 * query/update definitions and search attributes. Nothing else spells these names.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Stage } from './stages';

/** Default task queue of complaint workflows and their activities (overridable by config). */
export const COMPLAINT_TASK_QUEUE = 'complaints';

/** Prefix of complaint workflow IDs. */
const WORKFLOW_ID_PREFIX = 'complaint-';

/** Workflow ID of the complaint with the given number: `complaint-<number>`. */
export function complaintWorkflowId(complaintNumber: string): string {
  return `${WORKFLOW_ID_PREFIX}${complaintNumber}`;
}

/** What the workflow is started with; the full registration form lives in the database. */
export interface ComplaintWorkflowInput {
  number: string;
  registeredAt: string;
  customerName: string;
  productModel: string;
  batchNumber?: string;
}

/** How a complaint workflow ended. */
export interface ComplaintWorkflowResult {
  number: string;
  finalStage: Stage;
  closedAt: string;
  reason: string;
}

/** One entry of the short history the status query returns. */
export interface StageChange {
  stage: Stage;
  at: string;
  note?: string;
}

/** The live state of a complaint, read by query. */
export interface ComplaintStatus {
  number: string;
  stage: Stage;
  statusLine: string;
  acknowledged: boolean;
  openActions: string[];
  history: StageChange[];
}

/** Query: the live state of the complaint. */
export const statusQuery = defineQuery<ComplaintStatus>('status');

/** Input of the withdraw update. */
export interface WithdrawInput {
  reason: string;
  actor: string;
}

/** Update: the customer withdraws the complaint; refused once it is closed. */
export const withdrawUpdate = defineUpdate<ComplaintStatus, [WithdrawInput]>('withdraw');

/** Custom search attributes managers filter by in the Temporal Web UI. */
export const searchAttributes = {
  complaintNumber: defineSearchAttributeKey('ComplaintNumber', SearchAttributeType.KEYWORD),
  customer: defineSearchAttributeKey('ComplaintCustomer', SearchAttributeType.KEYWORD),
  productModel: defineSearchAttributeKey('ComplaintProductModel', SearchAttributeType.KEYWORD),
  batch: defineSearchAttributeKey('ComplaintBatch', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('ComplaintStage', SearchAttributeType.KEYWORD),
  severity: defineSearchAttributeKey('ComplaintSeverity', SearchAttributeType.KEYWORD),
  type: defineSearchAttributeKey('ComplaintType', SearchAttributeType.KEYWORD),
  department: defineSearchAttributeKey('ComplaintDepartment', SearchAttributeType.KEYWORD),
  profile: defineSearchAttributeKey('ComplaintProfile', SearchAttributeType.KEYWORD),
  overdue: defineSearchAttributeKey('ComplaintOverdue', SearchAttributeType.BOOL),
  nextDeadline: defineSearchAttributeKey('ComplaintNextDeadline', SearchAttributeType.DATETIME),
  escalationLevel: defineSearchAttributeKey('ComplaintEscalationLevel', SearchAttributeType.INT),
} as const;

const CLI_TYPE_NAMES: Record<SearchAttributeType, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

/** The search attributes as `Name=Type` pairs, as `temporal server start-dev --search-attribute` takes them. */
export function searchAttributeCliArgs(): string[] {
  return Object.values(searchAttributes).map((key) => `${key.name}=${CLI_TYPE_NAMES[key.type]}`);
}
