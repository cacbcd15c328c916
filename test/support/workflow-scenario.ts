import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter, type ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ActionName } from '../../domain/complaint/actions';
import {
  actionUpdates,
  complaintWorkflowId,
  statusQuery,
  type ComplaintStatus,
  type ComplaintWorkflowInput,
  type ComplaintWorkflowResult,
} from '../../domain/complaint-contract';
import { retentionWorkflowId } from '../../domain/retention-contract';
import { complaintCarNumber, correctiveActionWorkflowId } from '../../domain/corrective-action-contract';
import type { Role } from '../../domain/roles';
import { complaintWorkflow } from '../../workflows';
import { eventually } from './eventually';
import { workflowBundle } from './workflow-bundle';
import { fakeActivities, recorder, type FakeOptions, type Recorded } from './fake-activities';
import { REGISTERED_NOW, SAMPLE_DIAGNOSIS, SAMPLE_PLAN } from './workflow-input';

/** A complaint workflow handle. */
export type Handle = WorkflowHandle<typeof complaintWorkflow>;

let counter = 100;

/** A worker on a fresh task queue with recording fake activities. */
export async function createRecordingWorker(
  env: TestWorkflowEnvironment,
  recorded: Recorded,
  options: FakeOptions = {},
  taskQueue = `wf-${randomUUID()}`,
) {
  return Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: fakeActivities(recorded, options),
  });
}

/**
 * Ends a scenario: terminates the complaint's children, the complaint and its retention clock. (The
 * time-skipping test server does not apply parent-close policies, and a child left waiting would stop
 * time skipping.)
 */
export async function finish(env: TestWorkflowEnvironment, h: Handle): Promise<void> {
  const description = await h.describe();
  for (const child of description.raw.pendingChildren ?? []) {
    await env.client.workflow
      .getHandle(child.workflowId!)
      .terminate('scenario over')
      .catch(() => undefined);
  }
  if (description.status.name === 'RUNNING') await h.terminate('scenario over');
  // An archived complaint leaves its retention clock running for years; a waiting workflow on the test
  // server holds up time skipping for the scenarios after it.
  const number = h.workflowId.replace(/^complaint-/, '');
  // so are corrective actions, which outlive their complaint
  const outliving = [
    retentionWorkflowId(number),
    ...[1, 2, 3].map((seq) => correctiveActionWorkflowId(complaintCarNumber(number, seq))),
  ];
  for (const id of outliving)
    await env.client.workflow
      .getHandle(id)
      .terminate('scenario over')
      .catch(() => undefined);
}

/** Runs `body` against a fresh complaint workflow with recording fake activities. */
export async function scenario(
  env: TestWorkflowEnvironment,
  input: (number: string) => ComplaintWorkflowInput,
  body: (h: Handle, recorded: Recorded) => Promise<void>,
  options: FakeOptions = {},
): Promise<Recorded> {
  const recorded = recorder();
  const taskQueue = `wf-${randomUUID()}`;
  const number = `202611-${++counter}`;
  const worker = await createRecordingWorker(env, recorded, options, taskQueue);
  await worker.runUntil(async () => {
    const args = input(number);
    // Registration happens "now" on the test server's clock, which runs ahead of the wall clock.
    if (args.registeredAt === REGISTERED_NOW) args.registeredAt = new Date(await env.currentTimeMs()).toISOString();
    const handle = await env.client.workflow.start(complaintWorkflow, {
      taskQueue,
      workflowId: complaintWorkflowId(number),
      args: [args],
    });
    try {
      await registered(recorded);
      await body(handle, recorded);
    } finally {
      // also when the body failed: a workflow left waiting would stall time skipping for the tests after it
      await finish(env, handle);
    }
  });
  return recorded;
}

/** Takes an action as a staff member with `role`: the answer, the update returns before its effects run. */
export function answer(h: Handle, action: ActionName, role: Role, payload: unknown) {
  return h.executeUpdate(actionUpdates[action], { args: [{ actor: { id: `${role}-1`, role }, payload }] });
}

/** Takes an action and waits (by query, with a deadline) until its records and emails are carried out. */
export async function act(h: Handle, action: ActionName, role: Role, payload: unknown): Promise<ComplaintStatus> {
  const status = await answer(h, action, role, payload);
  if (status.pendingEffects) await statusWhen(h, (s) => !s.pendingEffects);
  return status;
}

/** The refusal of an update that must fail. */
export async function refusal(promise: Promise<unknown>): Promise<{ type?: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof WorkflowUpdateFailedError)) throw new Error(`expected a refused update, got ${String(error)}`);
  const cause = error.cause as ApplicationFailure;
  return { type: cause.type ?? undefined, message: cause.message };
}

/** Waits until registration has been carried out: the acknowledgement sent and the step recorded. */
export function registered(recorded: Recorded): Promise<true> {
  return eventually(async () => (recorded.actions.some((a) => a.action === 'register') ? true : undefined), 30_000);
}

/** The status once `ready` holds, polled by query with a deadline (never a fixed sleep). */
export function statusWhen(h: Handle, ready: (s: ComplaintStatus) => boolean): Promise<ComplaintStatus> {
  return eventually(async () => {
    const s = await h.query(statusQuery);
    return ready(s) ? s : undefined;
  }, 30_000);
}

/**
 * The result of a workflow once it has closed, read from its history. Unlike `handle.result()` on the
 * time-skipping server, this never unlocks time skipping, so workflows left running (a retention clock
 * years long) are not skipped ahead while the test waits.
 */
export async function closedResult<T = ComplaintWorkflowResult>(h: WorkflowHandle): Promise<T> {
  await eventually(async () => ((await h.describe()).status.name === 'RUNNING' ? undefined : true), 30_000);
  const history = await h.fetchHistory();
  const completed = history.events?.at(-1)?.workflowExecutionCompletedEventAttributes;
  if (!completed) throw new Error(`${h.workflowId} did not complete`);
  return defaultPayloadConverter.fromPayload<T>(completed.result!.payloads![0]!);
}

/** 004 out of warranty, up to the customer's decision on a plan with a quote the customer would pay (800 CNY). */
export async function toQuoteDecision(h: Handle): Promise<void> {
  // 004 §5.4 a): sales receives the unit, engineering assesses and plans the repair
  await act(h, 'classify', 'sales', { type: 'repair_out_of_warranty' });
  await act(h, 'checkValidity', 'technical_support', { valid: true, reason: 'repairable', customerContacted: true });
  await act(h, 'submitDiagnosis', 'technical_support', { ...SAMPLE_DIAGNOSIS, cause: 'misuse' });
  await act(h, 'proposePlan', 'technical_support', {
    ...SAMPLE_PLAN,
    costBorneBy: 'customer',
    quote: { amount: 800, currency: 'CNY' },
  });
  await act(h, 'approvePlan', 'quality_manager', { approved: true });
}
