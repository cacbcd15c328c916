import { TestWorkflowEnvironment } from '@temporalio/testing';
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
