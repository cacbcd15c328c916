import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ComplaintWorkflowInput } from '../../domain/complaint-contract';
import type { FakeOptions, Recorded } from './fake-activities';
import { createTimeSkippingEnv } from './time-skipping';
import { finish, scenario, type Handle } from './workflow-scenario';

/**
 * A time-skipping test server per test of the file, and `scenario`/`finish` bound to the current one. A server
 * per test: scenarios leave workflows behind (abandoned retention clocks, children the test server does not
 * close with their parent) that were seen to stall time skipping for the next test.
 */
export function serverPerTest() {
  let current: TestWorkflowEnvironment | undefined;
  beforeEach(async () => {
    current = await createTimeSkippingEnv();
  });
  afterEach(async () => {
    await current?.teardown();
  });
  const env = (): TestWorkflowEnvironment => {
    if (!current) throw new Error('no test server outside a test');
    return current;
  };
  return {
    env,
    scenario: (
      input: (number: string) => ComplaintWorkflowInput,
      body: (h: Handle, recorded: Recorded) => Promise<void>,
      options?: FakeOptions,
    ) => scenario(env(), input, body, options),
    finish: (h: Handle) => finish(env(), h),
  };
}
