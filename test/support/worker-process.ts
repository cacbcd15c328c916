import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../infra/config';
import { projectRoot } from '../../infra/project-root';

/** A worker running as its own OS process (the compiled `dist/worker/main.js`), so tests can kill it. */
export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startWorkerProcess(config: Config): Promise<WorkerProcess> {
  const entry = path.join(projectRoot(), 'dist', 'worker', 'main.js');
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run the suite with \`npm test\`, which builds it`);
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: config.DATABASE_URL,
      DATABASE_POOL_MAX: String(config.DATABASE_POOL_MAX),
      SMTP_URL: config.SMTP_URL,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
      TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
      LOG_LEVEL: 'info',
      ...(config.WORKER_METRICS_ADDRESS && { WORKER_METRICS_ADDRESS: config.WORKER_METRICS_ADDRESS }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output.join('')}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes('worker polling')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    child,
    output,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
