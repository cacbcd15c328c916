import { ProfileError } from '../infra/profile-registry';
import { ConfigError, loadConfig } from '../infra/config';
import { createPrisma } from '../infra/database';
import { createLogger } from '../infra/logger';
import { createMailer } from '../infra/mailer';
import { onShutdownSignal } from '../infra/shutdown';
import { installTemporalRuntime } from './create-worker';
import { runWorker } from './run-worker';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  installTemporalRuntime(config.WORKER_METRICS_ADDRESS);
  const prisma = createPrisma(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  const worker = await runWorker(config, { prisma, mailer, logger });
  worker.done.catch((error: unknown) => {
    logger.fatal({ err: error }, 'worker failed');
    process.exit(1);
  });
  onShutdownSignal(logger, async () => {
    await worker.stop();
    mailer.close();
    await prisma.$disconnect();
    logger.info('worker stopped');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof ProfileError ? error.message : (error as Error).stack}\n`,
  );
  process.exit(1);
});
