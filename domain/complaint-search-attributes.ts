/** The complaint's search attributes, in a module of their own (no zod): the bench's raw workflow uses one too. */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

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
  /** Set once an effect failed for good (see the status line); staff find such complaints by it. */
  needsAttention: defineSearchAttributeKey('ComplaintNeedsAttention', SearchAttributeType.BOOL),
} as const;
