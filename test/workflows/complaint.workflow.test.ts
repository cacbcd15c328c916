import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ComplaintActivities } from '../../activities';
import {
  complaintWorkflowId,
  statusQuery,
  withdrawUpdate,
  type ComplaintWorkflowInput,
} from '../../domain/complaint-contract';
import { complaintWorkflow } from '../../workflows';
import { fakeActivities, type Recorded } from '../support/fake-activities';
import { createTimeSkippingEnv } from '../support/time-skipping';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

function input(number: string): ComplaintWorkflowInput {
  return {
    number,
    registeredAt: new Date().toISOString(),
    customerName: 'Li Na',
    productModel: 'HX-300',
    batchNumber: 'B1',
  };
}

async function withWorker<T>(activities: ComplaintActivities, run: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `wf-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('../../workflows'),
    activities,
  });
  return worker.runUntil(run(taskQueue));
}

test('acknowledges the customer, then waits in triage', async () => {
  const recorded: Recorded = { emails: [], stages: [] };
  const number = '202611-101';
  const status = await withWorker(fakeActivities(recorded), async (taskQueue) => {
    const handle = await env.client.workflow.start(complaintWorkflow, {
      taskQueue,
      workflowId: complaintWorkflowId(number),
      args: [input(number)],
    });
    await env.sleep('1 minute');
    return handle.query(statusQuery);
  });
  expect(status.stage).toBe('triage');
  expect(status.acknowledged).toBe(true);
  expect(status.history.map((h) => h.stage)).toEqual(['registered', 'triage']);
  expect(recorded.emails).toEqual([{ number, event: 'acknowledgement' }]);
  expect(recorded.stages).toEqual(['triage']);
});

test('a transient email failure is retried and the acknowledgement still goes out once', async () => {
  const recorded: Recorded = { emails: [], stages: [] };
  const number = '202611-102';
  const status = await withWorker(fakeActivities(recorded, { failFirstEmails: 3 }), async (taskQueue) => {
    const handle = await env.client.workflow.start(complaintWorkflow, {
      taskQueue,
      workflowId: complaintWorkflowId(number),
      args: [input(number)],
    });
    await env.sleep('5 minutes');
    return handle.query(statusQuery);
  });
  expect(status.stage).toBe('triage');
  expect(recorded.emails).toEqual([{ number, event: 'acknowledgement' }]);
});

test('withdraw closes the complaint, tells the customer and completes the workflow', async () => {
  const recorded: Recorded = { emails: [], stages: [] };
  const number = '202611-103';
  await withWorker(fakeActivities(recorded), async (taskQueue) => {
    const handle = await env.client.workflow.start(complaintWorkflow, {
      taskQueue,
      workflowId: complaintWorkflowId(number),
      args: [input(number)],
    });
    await env.sleep('1 minute');
    const after = await handle.executeUpdate(withdrawUpdate, { args: [{ reason: 'solved by phone', actor: 'cs-1' }] });
    expect(after.stage).toBe('closed');
    const result = await handle.result();
    expect(result).toMatchObject({ number, finalStage: 'closed', reason: 'withdrawn: solved by phone' });
  });
  expect(recorded.emails.map((e) => e.event)).toEqual(['acknowledgement', 'withdrawn']);
  expect(recorded.stages).toEqual(['triage', 'closed']);
});

test('an invalid withdraw is refused by the validator and never enters history', async () => {
  const recorded: Recorded = { emails: [], stages: [] };
  const number = '202611-104';
  await withWorker(fakeActivities(recorded), async (taskQueue) => {
    const handle = await env.client.workflow.start(complaintWorkflow, {
      taskQueue,
      workflowId: complaintWorkflowId(number),
      args: [input(number)],
    });
    await env.sleep('1 minute');
    const error = await handle.executeUpdate(withdrawUpdate, { args: [{ reason: '   ', actor: 'cs-1' }] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((error as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('InvalidAction');
    const history = await handle.fetchHistory();
    const updateEvents = (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
    expect(updateEvents).toHaveLength(0);
    expect((await handle.query(statusQuery)).stage).toBe('triage');
    await handle.terminate('test done');
  });
});
