/** Contract of the retention workflow: keeps an archived complaint for its retention period, then anonymises it. */
import { complaintWorkflowId } from './complaint-contract';

/** Workflow ID of a complaint's retention timer: `complaint-<number>-retention`. */
export function retentionWorkflowId(complaintNumber: string): string {
  return `${complaintWorkflowId(complaintNumber)}-retention`;
}

/** What the retention workflow is started with. */
export interface RetentionInput {
  number: string;
  /** End of the retention period (closing date + the profile's retention years). */
  retainUntil: string;
}

/** When the complaint's personal data was anonymised. */
export interface RetentionResult {
  number: string;
  anonymisedAt: string;
}
