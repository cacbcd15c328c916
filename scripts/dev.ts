/**
 * Runs the whole service on one machine: Temporal dev server + Web UI (unless TEMPORAL_ADDRESS is set),
 * embedded PostgreSQL (unless DATABASE_URL is set), a mail catcher with a web inbox (unless SMTP_URL is
 * set), migrations, the worker and the API. State lives under .data/ and survives restarts.
 */
import { ProfileError } from '../infra/profile-registry';
import fs from 'node:fs';
import path from 'node:path';
import { runApi } from '../api/run-api';
import { ConfigError, environment, loadConfig } from '../infra/config';
import { createPrisma } from '../infra/database';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { createLogger } from '../infra/logger';
import { startMailCatcher } from '../infra/mail-catcher';
import { createMailer } from '../infra/mailer';
import { applyMigrations } from '../infra/migrate';
import { projectRoot } from '../infra/project-root';
import { onShutdownSignal } from '../infra/shutdown';
import { seedDemoStaff } from '../infra/staff';
import { startDevServer } from '../infra/temporal-dev-server';
import { installTemporalRuntime } from '../worker/create-worker';
import { runWorker } from '../worker/run-worker';

const DEFAULTS = {
  temporalPort: 7233,
  temporalUiPort: 8233,
  postgresPort: 5433,
  smtpPort: 1025,
  inboxPort: 1080,
  // customers' email replies: the mailbox their emails say Reply-To, and where the API listens for them
  replyMailbox: 'replies@example.com',
  inboundSmtpPort: 2525,
};

async function main() {
  const env = environment();
  const logger = createLogger(env.LOG_LEVEL ?? 'info', 'launcher');
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(projectRoot(), '.data'));
  fs.mkdirSync(dataDir, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const overrides: Record<string, string> = {};
  const urls: Record<string, string> = {};

  if (!env.TEMPORAL_ADDRESS) {
    const cliPath = env.TEMPORAL_CLI_PATH;
    if (!cliPath) throw new Error('TEMPORAL_CLI_PATH is not set: run `npm start`, which provisions the Temporal CLI');
    const server = await startDevServer({
      cliPath,
      port: DEFAULTS.temporalPort,
      uiPort: DEFAULTS.temporalUiPort,
      dbFile: path.join(dataDir, 'temporal.sqlite'),
      onOutput: (line) => logger.debug({ temporal: line }),
    });
    stops.unshift(() => server.stop());
    overrides.TEMPORAL_ADDRESS = server.address;
    urls['Temporal Web UI'] = server.uiUrl!;
  }
  if (!env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres(path.join(dataDir, 'pglite'), DEFAULTS.postgresPort);
    stops.unshift(() => pg.stop());
    overrides.DATABASE_URL = pg.url;
    overrides.DATABASE_POOL_MAX = '1';
    urls['PostgreSQL (embedded)'] = pg.url;
  }
  if (!env.SMTP_URL) {
    const catcher = await startMailCatcher({ smtpPort: DEFAULTS.smtpPort, httpPort: DEFAULTS.inboxPort });
    stops.unshift(() => catcher.stop());
    overrides.SMTP_URL = catcher.smtpUrl;
    urls['Mail inbox'] = `http://127.0.0.1:${catcher.httpPort}`;
  }

  if (!env.REPLY_MAILBOX) {
    overrides.REPLY_MAILBOX = DEFAULTS.replyMailbox;
    overrides.INBOUND_SMTP_PORT = env.INBOUND_SMTP_PORT ?? String(DEFAULTS.inboundSmtpPort);
    urls['Customer replies'] = `smtp://127.0.0.1:${overrides.INBOUND_SMTP_PORT} (${DEFAULTS.replyMailbox})`;
  }
  const config = loadConfig(overrides);
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  installTemporalRuntime();
  const prisma = createPrisma(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  const tokens = await seedDemoStaff(prisma);
  const tokenFile = path.join(dataDir, 'demo-tokens.txt');
  if (tokens) {
    fs.writeFileSync(
      tokenFile,
      Object.entries(tokens)
        .map(([role, token]) => `${role}=${token}`)
        .join('\n') + '\n',
      { mode: 0o600 },
    );
  }
  if (fs.existsSync(tokenFile)) urls['Demo staff tokens'] = tokenFile;
  const worker = await runWorker(config, { prisma, mailer, logger: logger.child({ component: 'worker' }) });
  const api = await runApi(config, { prisma, mailer, logger: logger.child({ component: 'api' }) });
  urls.API = api.url;
  urls['API readiness'] = `${api.url}/readyz`;

  onShutdownSignal(logger, async () => {
    await api.stop();
    await worker.stop();
    mailer.close();
    await prisma.$disconnect();
    for (const stop of stops) await stop();
  });
  const width = Math.max(...Object.keys(urls).map((k) => k.length));
  process.stdout.write(
    `\nComplaint Orchestrator is running (Ctrl-C to stop)\n${Object.entries(urls)
      .map(([name, url]) => `  ${name.padEnd(width)}  ${url}`)
      .join('\n')}\n\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof ProfileError ? error.message : (error as Error).stack}\n`,
  );
  process.exit(1);
});
