import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  carActionUpdates,
  carStatusQuery,
  correctiveActionWorkflowId,
  type CarActionName,
  type CorrectiveActionInput,
  type CorrectiveActionStatus,
} from '../../domain/corrective-action-contract';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import type { Role } from '../../domain/roles';
import { profileHash } from '../../infra/profile-registry';
import { correctiveActionWorkflow } from '../../workflows';
import { eventually } from './eventually';
import { recorder, type Recorded } from './fake-activities';
import { createRecordingWorker } from './workflow-scenario';
import { DISCIPLINE_DATA } from './discipline-data';

export { DISCIPLINE_DATA };

/** A corrective-action workflow handle. */
export type CarHandle = WorkflowHandle<typeof correctiveActionWorkflow>;

let counter = 500;

/** A corrective action of a (fictitious) complaint under a built-in profile. */
export function carInput(profileId: string, overrides: Partial<CorrectiveActionInput> = {}): CorrectiveActionInput {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === profileId)!;
  const complaintNumber = `202611-${++counter}`;
  return {
    number: `${complaintNumber}-1`,
    source: 'complaint',
    complaintNumber,
    openedAt: new Date().toISOString(),
    openedBy: { id: 'qm-1', role: 'quality_manager' },
    reason: 'cracked solder joints on the power board',
    product: { model: 'HX-300', batch: 'B1', quantityAffected: 12 },
    severity: profile.defaultSeverity,
    technical: true,
    rootCauseKnown: true,
    profile,
    profileHash: profileHash(profile),
    ...overrides,
  };
}

/** Runs `body` against a fresh corrective action with recording fake activities; terminates what is left. */
export async function carScenario(
  env: TestWorkflowEnvironment,
  input: CorrectiveActionInput,
  body: (h: CarHandle, recorded: Recorded) => Promise<void>,
): Promise<Recorded> {
  const recorded = recorder();
  const taskQueue = `car-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorded, {}, taskQueue);
  await worker.runUntil(async () => {
    const h = await env.client.workflow.start(correctiveActionWorkflow, {
      taskQueue,
      workflowId: correctiveActionWorkflowId(input.number),
      args: [input],
    });
    await carStatusWhen(h, (s) => s.pendingEffects === 0);
    try {
      await body(h, recorded);
    } finally {
      const description = await h.describe();
      for (const child of description.raw.pendingChildren ?? [])
        await env.client.workflow
          .getHandle(child.workflowId!)
          .terminate('scenario over')
          .catch(() => undefined);
      if (description.status.name === 'RUNNING') await h.terminate('scenario over');
    }
  });
  return recorded;
}

/** Takes a corrective-action step as `role` and waits until its records and emails are carried out. */
export async function carAct(
  h: CarHandle,
  action: CarActionName,
  role: Role,
  payload: unknown,
): Promise<CorrectiveActionStatus> {
  const status = await h.executeUpdate(carActionUpdates[action], {
    args: [{ actor: { id: `${role}-1`, role }, payload }],
  });
  return status.pendingEffects ? carStatusWhen(h, (s) => s.pendingEffects === 0) : status;
}

/** The status once `ready` holds, polled by query with a deadline. */
export function carStatusWhen(
  h: CarHandle,
  ready: (s: CorrectiveActionStatus) => boolean,
): Promise<CorrectiveActionStatus> {
  return eventually(async () => {
    const s = await h.query(carStatusQuery);
    return ready(s) ? s : undefined;
  }, 30_000);
}
