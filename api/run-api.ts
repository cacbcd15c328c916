import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../infra/config';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';
import { connectClient } from '../infra/temporal-connection';
import { ensureSchedulesInBackground } from '../infra/schedules';
import { loadDirectory } from '../infra/directory';
import { profileRegistryOf } from '../infra/profile-registry';
import { resendUncertainDue } from '../mail/outbox';
import { createApp } from './app';
import { startPendingRecalls } from '../infra/recall-opening';
import { startPendingStandalone } from '../infra/corrective-action-opening';
import { createComplaintService } from './complaint-service';
import { startReplyListener } from './complaint-replies';

/** The first send and two automatic re-sends at most; after that, only staff resend an uncertain email. */
const UNCERTAIN_MAX_ATTEMPTS = 3;

/** A running API server. */
export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the HTTP API and its background sweeps: workflow starts that failed while Temporal was unreachable,
 * the company's schedules (infra/schedules.ts), and (where configured) uncertain emails sent again; with INBOUND_SMTP_PORT, the listener for customers'
 * email replies.
 */
export async function runApi(
  config: Config,
  deps: { prisma: PrismaClient; mailer: Mailer; logger: Logger },
): Promise<RunningApi> {
  const temporal = await connectClient(config);
  const profiles = profileRegistryOf(config);
  const directory = loadDirectory(config.DIRECTORY_FILE);
  const service = createComplaintService({ ...deps, temporal, config, profiles, directory, now: () => new Date() });
  const inbound = await startReplyListener(config, { ...deps, directory, profiles });
  const app = createApp({
    ...deps,
    service,
    temporal,
    profiles,
    timeZone: config.COMPLAINT_TIMEZONE,
    authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
    authCacheMs: config.AUTH_CACHE_MS,
    replyMailbox: config.REPLY_MAILBOX,
    customerLinks: { secrets: [config.CUSTOMER_LINK_SECRET, ...config.CUSTOMER_LINK_PREVIOUS_SECRETS] },
    fontFile: config.REPORT_FONT_FILE,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.API_PORT, config.API_HOST, () => resolve(s));
    s.once('error', reject);
  });
  const retry = setInterval(() => {
    service
      .startPendingWorkflows()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'pending start sweep failed'));
    const opening = {
      ...deps,
      temporal,
      profiles,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      timeZone: config.COMPLAINT_TIMEZONE,
    };
    startPendingStandalone({ ...opening, now: () => new Date() }).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'pending corrective-action start sweep failed'),
    );
    startPendingRecalls({ ...opening, now: () => new Date() }).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'pending recall start sweep failed'),
    );
    if (config.OUTBOX_UNCERTAIN_RESEND_MINUTES > 0)
      resendUncertainDue(
        { ...deps, replyMailbox: config.REPLY_MAILBOX, now: () => new Date() },
        { delayMs: config.OUTBOX_UNCERTAIN_RESEND_MINUTES * 60_000, maxAttempts: UNCERTAIN_MAX_ATTEMPTS },
      ).catch((error: unknown) => deps.logger.warn({ err: error }, 'uncertain email sweep failed'));
  }, config.WORKFLOW_START_RETRY_SECONDS * 1000);
  retry.unref();
  let stopping = false;
  const schedules = ensureSchedulesInBackground(temporal, config, deps.logger, {
    retryMs: config.WORKFLOW_START_RETRY_SECONDS * 1000,
    stopped: () => stopping,
  });
  const { port } = server.address() as AddressInfo;
  const host = config.API_HOST === '0.0.0.0' ? '127.0.0.1' : config.API_HOST;
  deps.logger.info({ port }, 'API listening');
  return {
    url: `http://${host}:${port}`,
    async stop() {
      stopping = true;
      clearInterval(retry);
      await schedules;
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inbound?.stop();
      await temporal.connection.close();
    },
  };
}
