import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from './workflow-bundle';
import { indexedTypes } from '../../infra/temporal-connection';
import { testStack } from './stack-registry';

/**
 * Starts the time-skipping test server (one per test file, as the SDK recommends: time skipping is
 * global to a server) and registers the complaint search attributes on it.
 */
export async function createTimeSkippingEnv(serverPath = testStack().testServerPath): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: serverPath } },
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: indexedTypes(),
  });
  return env;
}

/** Lets the test server's clock run to `instantMs` (nothing when it is already past). */
export async function skipTo(env: TestWorkflowEnvironment, instantMs: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (instantMs > now) await env.sleep(instantMs - now);
}

/**
 * Runs `body` while a worker of the complaint workflows, over `activities` (fakes), polls a task queue of its own
 * (`<prefix>-<uuid>`) on the time-skipping server.
 */
export async function withFakeWorker(
  env: TestWorkflowEnvironment,
  prefix: string,
  activities: object,
  body: (taskQueue: string) => Promise<void>,
): Promise<void> {
  const taskQueue = `${prefix}-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  await worker.runUntil(() => body(taskQueue));
}
