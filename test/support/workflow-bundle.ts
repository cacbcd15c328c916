import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOW_PRELOAD_MODULES } from '../../worker/preload';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * The workflows bundled once per test file (jest gives each file its own module registry) instead of once per
 * worker: a scenario's worker then starts in milliseconds, not the second or two bundling takes.
 */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    // as the real worker: zod shared by every workflow of the context (frozen), not evaluated per workflow
    preloadModules: WORKFLOW_PRELOAD_MODULES,
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
    },
  });
  return bundle;
}
