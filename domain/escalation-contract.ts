/** Contract of the escalation ladder child workflow: started on a breach (or by staff), one level after another. */
import { defineSignal } from '@temporalio/workflow';
import { complaintWorkflowId } from './complaint-id';
import type { Profile } from './profile-schema';

/** Workflow ID of a ladder: `complaint-<number>-escalation-<clock>-<seq>`. */
export function escalationWorkflowId(complaintNumber: string, clock: string, seq: number): string {
  return `${complaintWorkflowId(complaintNumber)}-escalation-${clock}-${seq}`;
}

/** What a ladder is started with. */
export interface EscalationInput {
  number: string;
  parentWorkflowId: string;
  clock: string;
  seq: number;
  reason: string;
  /** Template values of its emails: the reason in each language, the missed due time (absent in older ladders). */
  values?: Record<string, string | undefined>;
  levels: Profile['clocks']['escalation'];
  /** The outbox subject of its emails when it escalates a child process (a corrective action); default the complaint. */
  about?: { kind: string; id: string };
  /** The process has no complaint behind it (a standalone corrective action): `number` is its own. */
  standalone?: boolean;
  calendar: Profile['calendar'];
}

/** How a ladder ended: the highest level notified and why it stopped. */
export interface EscalationResult {
  clock: string;
  levelReached: number;
  stoppedBecause: string;
  stoppedAt: string;
}

/** Signal parent → ladder: the complaint acted; stop escalating. */
export const stopEscalationSignal = defineSignal<[string]>('stopEscalation');

/** Signal ladder → parent: a level was notified. */
export const escalationLevelSignal = defineSignal<[{ clock: string; level: number }]>('escalationLevelReached');
