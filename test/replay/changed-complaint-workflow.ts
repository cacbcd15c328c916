// A deliberately incompatible edit of the complaint workflow (stage recorded before the
// acknowledgement), used to show that the replay test catches non-determinism.
import { condition, proxyActivities } from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities';
import type { ComplaintWorkflowInput } from '../../domain/complaint-contract';

const { notifyCustomer, recordAction } = proxyActivities<ComplaintActivities>({ startToCloseTimeout: '15 seconds' });

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<void> {
  await recordAction({
    number: input.number,
    seq: 1,
    action: 'register',
    actor: { id: 'system', role: 'admin' },
    stageBefore: 'registered',
    stageAfter: 'triage',
    at: new Date().toISOString(),
    forms: [],
    snapshot: { stage: 'triage', severity: 'general', ownerRoles: [] },
  });
  await notifyCustomer({ number: input.number, event: 'acknowledgement', key: 'acknowledgement' });
  await condition(() => false);
}
