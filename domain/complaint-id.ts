/** The complaint's workflow ID, apart from the contract so child contracts can use it without import cycles. */

/** Prefix of complaint workflow IDs. */
const WORKFLOW_ID_PREFIX = 'complaint-';

/** Workflow ID of the complaint with the given number: `complaint-<number>`. */
export function complaintWorkflowId(complaintNumber: string): string {
  return `${WORKFLOW_ID_PREFIX}${complaintNumber}`;
}
