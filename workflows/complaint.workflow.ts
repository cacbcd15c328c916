import {
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { ComplaintActivities } from '../activities';
import {
  searchAttributes,
  statusQuery,
  withdrawUpdate,
  type ComplaintStatus,
  type ComplaintWorkflowInput,
  type ComplaintWorkflowResult,
  type StageChange,
  type WithdrawInput,
} from '../domain/complaint-contract';
import { FINAL_STAGES, STAGE_LABELS, type Stage } from '../domain/stages';

const { notifyCustomer } = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
const { recordStage } = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** One complaint, from registration to closure. */
export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintWorkflowResult> {
  let stage: Stage = 'registered';
  let acknowledged = false;
  let withdrawal: { reason: string; actor: string } | undefined;
  const history: StageChange[] = [{ stage, at: input.registeredAt }];

  const status = (): ComplaintStatus => ({
    number: input.number,
    stage,
    statusLine: STAGE_LABELS[stage],
    acknowledged,
    openActions: FINAL_STAGES.includes(stage) ? [] : ['withdraw'],
    history: [...history],
  });

  setHandler(statusQuery, status);
  setHandler(
    withdrawUpdate,
    async (request) => {
      withdrawal = request;
      await condition(() => FINAL_STAGES.includes(stage));
      return status();
    },
    {
      validator: (request: WithdrawInput) => {
        if (FINAL_STAGES.includes(stage) || withdrawal) {
          throw ApplicationFailure.create({ type: 'StageConflict', message: `complaint is already ${stage}` });
        }
        if (!request.reason?.trim()) {
          throw ApplicationFailure.create({ type: 'InvalidAction', message: 'a reason is required' });
        }
      },
    },
  );

  const moveTo = async (next: Stage, note?: string) => {
    stage = next;
    history.push({ stage: next, at: new Date().toISOString(), note });
    upsertSearchAttributes([{ key: searchAttributes.stage, value: next }]);
    await recordStage({ number: input.number, stage: next });
  };

  const initial: SearchAttributeUpdatePair[] = [
    { key: searchAttributes.complaintNumber, value: input.number },
    { key: searchAttributes.customer, value: input.customerName },
    { key: searchAttributes.productModel, value: input.productModel },
    { key: searchAttributes.stage, value: stage },
  ];
  if (input.batchNumber) initial.push({ key: searchAttributes.batch, value: input.batchNumber });
  upsertSearchAttributes(initial);

  await notifyCustomer({ number: input.number, event: 'acknowledgement' });
  acknowledged = true;
  await moveTo('triage');

  await condition(() => withdrawal !== undefined);
  await notifyCustomer({ number: input.number, event: 'withdrawn' });
  await moveTo('closed', `withdrawn by ${withdrawal!.actor}: ${withdrawal!.reason}`);

  return {
    number: input.number,
    finalStage: stage,
    closedAt: new Date().toISOString(),
    reason: `withdrawn: ${withdrawal!.reason}`,
  };
}
