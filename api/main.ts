import { ProfileError } from '../infra/profile-registry';
import { ConfigError, loadConfig } from '../infra/config';
import { createPrisma } from '../infra/database';
import { createLogger } from '../infra/logger';
import { createMailer } from '../infra/mailer';
import { applyMigrations } from '../infra/migrate';
import { onShutdownSignal } from '../infra/shutdown';
import { runApi } from './run-api';

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'api');
  const applied = await applyMigrations(config.DATABASE_URL);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  const prisma = createPrisma(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  const api = await runApi(config, { prisma, mailer, logger });
  onShutdownSignal(logger, async () => {
    await api.stop();
    mailer.close();
    await prisma.$disconnect();
    logger.info('api stopped');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError || error instanceof ProfileError ? error.message : (error as Error).stack}\n`,
  );
  process.exit(1);
});
