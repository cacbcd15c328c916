import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { recallStatusQuery, recallWorkflowId, type RecallInput, type RecallStatus } from '../../domain/recall-contract';
import { dueAt } from '../../domain/working-time';
import { recallWorkflow } from '../../workflows';
import { eventually } from './eventually';
import { recorder, type FakeOptions, type Recorded } from './fake-activities';
import { createRecordingWorker } from './workflow-scenario';

export type RecallHandle = WorkflowHandle<typeof recallWorkflow>;

let counter = 700;

/** A recall under a built-in profile's recall section, opened at `openedAtMs` (the test server's clock). */
export function recallInput(profileId: string, openedAtMs: number, overrides: Partial<RecallInput> = {}): RecallInput {
  const profile = BUILT_IN_PROFILES.find((p) => p.id === profileId)!;
  const settings = profile.recall!;
  return {
    number: `202611-${++counter}`,
    source: 'quality_manager',
    openedAt: new Date(openedAtMs).toISOString(),
    openedBy: { id: 'qm-1', role: 'quality_manager' },
    productModel: 'HX-300',
    lots: ['B77', 'B78'],
    serials: [],
    risk: 'the power board may overheat and catch fire',
    remedy: 'free repair or replacement',
    deadline: new Date(dueAt(openedAtMs, settings.answerWithin, profile.calendar)).toISOString(),
    profileId,
    settings,
    calendar: profile.calendar,
    ...overrides,
  };
}

/** Runs `body` against a fresh recall with recording fake activities; terminates it if still running. */
export async function recallScenario(
  env: TestWorkflowEnvironment,
  profileId: string,
  options: FakeOptions,
  body: (h: RecallHandle, recorded: Recorded, input: RecallInput) => Promise<void>,
  overrides: Partial<RecallInput> = {},
): Promise<Recorded> {
  const recorded = recorder();
  const taskQueue = `recall-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorded, options, taskQueue);
  await worker.runUntil(async () => {
    const input = recallInput(profileId, await env.currentTimeMs(), overrides);
    const h = await env.client.workflow.start(recallWorkflow, {
      taskQueue,
      workflowId: recallWorkflowId(input.number),
      args: [input],
    });
    try {
      await body(h, recorded, input);
    } finally {
      if ((await h.describe()).status.name === 'RUNNING') await h.terminate('scenario over');
    }
  });
  return recorded;
}

/** The recall's status once `predicate` holds (queried until it does, within the deadline). */
export function recallStatusWhen(
  h: RecallHandle,
  predicate: (s: RecallStatus) => boolean,
  timeoutMs = 30_000,
): Promise<RecallStatus> {
  return eventually(async () => {
    const status = await h.query(recallStatusQuery);
    return predicate(status) ? status : undefined;
  }, timeoutMs);
}
