/**
 * The activities of the complaint workflow and its children, by area: mail (through the outbox), complaint
 * records, SLA clocks and department performance, retention. Activity names are the method names; recorded
 * workflow histories depend on them, so they never change.
 */
import { createClockActivities } from './clocks';
import { createCorrectiveActionReportActivities } from './corrective-action-report';
import { createCorrectiveActionActivities } from './corrective-actions';
import type { ActivityDeps } from './deps';
import { createLinkedComplaintActivities } from './linked-complaint';
import { createMailActivities } from './mail';
import { createProfileActivities } from './profiles';
import { createRecallActivities } from './recalls';
import { createRecordActivities } from './records';
import { createRetentionActivities } from './retention';
import { createStepActivities } from './step';

/** Builds every activity over the injected dependencies. */
export function createActivities(deps: ActivityDeps) {
  const single = {
    ...createMailActivities(deps),
    ...createRecordActivities(deps),
    ...createClockActivities(deps),
    ...createRetentionActivities(deps),
    ...createCorrectiveActionActivities(deps),
    ...createCorrectiveActionReportActivities(deps),
    ...createRecallActivities(deps),
    ...createLinkedComplaintActivities(deps),
    ...createProfileActivities(deps),
  };
  return { ...single, ...createStepActivities(single) };
}

/** Every activity the complaints' worker runs (the complaint workflow proxies these). */
export type ComplaintActivities = ReturnType<typeof createActivities>;

/** What each child workflow may call: its own slice, so a workflow names only the activities it runs. */
export type CorrectiveActionActivities = Pick<
  ComplaintActivities,
  | 'recordCorrectiveActionStep'
  | 'notifyStaff'
  | 'notifyStaffOf'
  | 'recordClocks'
  | 'sendCorrectiveActionReport'
  | 'sendInterimCorrectiveActionReport'
>;
export type RecallActivities = Pick<
  ComplaintActivities,
  'traceRecall' | 'recordRecall' | 'recallCounts' | 'markSilentConsignees' | 'sendRecallNotices' | 'notifyStaffOf'
>;
export type EmergencyActivities = Pick<ComplaintActivities, 'notifyStaff'>;
export type RetentionActivities = Pick<ComplaintActivities, 'anonymiseComplaint'>;
export type StaffNoticeActivities = Pick<ComplaintActivities, 'notifyStaffOf'>;

export { ActivityErrors, type ActivityDeps } from './deps';
export type { RecordActionInput } from './records';
export type { RecordClocksInput } from './clocks';
export type { DeliveryOutcome, OutboxSubject } from '../mail/outbox';
export type { StepPart, StepPartOutcome } from './step';
