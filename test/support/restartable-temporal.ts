import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../infra/project-root';
import { freePort, startDevServer, type DevServer } from '../../infra/temporal-dev-server';

/**
 * A Temporal dev server of one test file's own (never the run's shared one), persisted in a SQLite file so
 * it can be stopped and started again on the same address with its workflows intact.
 */
export interface RestartableTemporal {
  address: string;
  readonly running: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its files. */
  dispose(): Promise<void>;
}

function temporalCli(): string {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) return fromEnv;
  const script = path.join(projectRoot(), 'scripts', 'provision-temporal.sh');
  const line = execFileSync('bash', [script], { encoding: 'utf8' })
    .split('\n')
    .find((l) => l.startsWith('TEMPORAL_CLI_PATH='));
  if (!line) throw new Error('scripts/provision-temporal.sh printed no TEMPORAL_CLI_PATH');
  return line.slice('TEMPORAL_CLI_PATH='.length);
}

export async function startRestartableTemporal(): Promise<RestartableTemporal> {
  const cliPath = temporalCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-temporal-'));
  const port = await freePort();
  let server: DevServer | undefined;
  const start = async () => {
    server ??= await startDevServer({
      cliPath,
      port,
      dbFile: path.join(dir, 'temporal.sqlite'),
      startTimeoutMs: 60_000,
    });
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    await running?.stop();
  };
  await start();
  return {
    address: `127.0.0.1:${port}`,
    get running() {
      return server !== undefined;
    },
    start,
    stop,
    async dispose() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
