/**
 * The workflow code bundled once at build time (`npm run build`, the Dockerfile) instead of by every worker at
 * start: bundling in the worker took ~4 s and left ~210 MiB more resident memory for the life of the process
 * (RSS 136 → 346 MiB measured 2026-12-07; V8 does not give it back). A worker uses the bundle beside it when it is
 * newer than every compiled workflow and domain file; otherwise (run from TypeScript sources, or a stale build)
 * it bundles in-process as before.
 *   node dist/worker/workflow-bundle.js    writes dist/worker/workflow-bundle.js.bundle
 */
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger, type WorkerOptions } from '@temporalio/worker';
import { WORKFLOW_PRELOAD_MODULES } from './preload';

const WORKFLOWS = require.resolve('../workflows');
const bundleIn = (dir: string) => path.join(dir, 'workflow-bundle.js.bundle');
/** What the bundle is made of: the workflows and the domain they import (the layer rule allows no more). */
const sourcesOf = (dir: string) => [path.join(dir, '../workflows'), path.join(dir, '../domain')];

function newestModified(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs), 0);
}

/**
 * The worker option that loads the workflow code: the prebuilt bundle in `dir` (this module's folder) when it is
 * newer than every file it was made of, else the sources, bundled by the worker.
 */
export function workflowCode(
  dir = __dirname,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  const bundle = bundleIn(dir);
  const built = fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs;
  const current = built && sourcesOf(dir).every((src) => !fs.existsSync(src) || newestModified(src) <= built);
  if (current) return { workflowBundle: { codePath: bundle } };
  return { workflowsPath: WORKFLOWS, bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES } };
}

/** Bundles the workflow code into the file `workflowCode` looks for; returns its path. */
export async function writeWorkflowBundle(): Promise<string> {
  const logger = new DefaultLogger('WARN');
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS,
    preloadModules: WORKFLOW_PRELOAD_MODULES,
    logger,
  });
  fs.writeFileSync(bundleIn(__dirname), code);
  return bundleIn(__dirname);
}

if (require.main === module)
  writeWorkflowBundle().then(
    (file) => process.stdout.write(`workflow bundle: ${path.relative(process.cwd(), file)}\n`),
    (error: unknown) => {
      process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    },
  );
