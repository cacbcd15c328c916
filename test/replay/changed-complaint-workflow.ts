// A deliberately incompatible edit of the complaint workflow (stage recorded before the
// acknowledgement), used to show that the replay test catches non-determinism.
import { condition, proxyActivities } from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities';
import type { ComplaintWorkflowInput } from '../../domain/complaint-contract';

const { notifyCustomer, recordStage } = proxyActivities<ComplaintActivities>({ startToCloseTimeout: '15 seconds' });

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<void> {
  await recordStage({ number: input.number, stage: 'triage' });
  await notifyCustomer({ number: input.number, event: 'acknowledgement' });
  await condition(() => false);
}
