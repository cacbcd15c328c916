/** Contract of the emergency response child workflow (major or safety complaints). */
import { defineSignal } from '@temporalio/workflow';
import { complaintWorkflowId } from './complaint-id';
import type { Duration } from './duration';
import type { Profile } from './profile-schema';

/** Workflow ID of a complaint's emergency response: `complaint-<number>-emergency`. */
export function emergencyWorkflowId(complaintNumber: string): string {
  return `${complaintWorkflowId(complaintNumber)}-emergency`;
}

/** What the emergency response is started with. */
export interface EmergencyInput {
  number: string;
  severity: string;
  /** Template values of its emails: the severity as the profile names it (absent in older responses). */
  values?: Record<string, string | undefined>;
  notify: string[];
  temporaryPlan: Duration;
  /** Told when the temporary plan is late: the top of the profile's escalation ladder. */
  escalateTo: string[];
  calendar: Profile['calendar'];
}

/** How the emergency response ended. */
export interface EmergencyResult {
  startedAt: string;
  dueAt: string;
  temporaryPlanAt?: string;
  breached: boolean;
  /** Set when the complaint closed before a temporary plan was recorded. */
  closedWithoutPlan?: string;
}

/** Signal parent → emergency response: the temporary plan is recorded. */
export const temporaryPlanSignal = defineSignal<[string]>('temporaryPlanRecorded');

/** Signal parent → emergency response: the complaint closed; end the response. */
export const complaintClosedSignal = defineSignal<[string]>('complaintClosed');
