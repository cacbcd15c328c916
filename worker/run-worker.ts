import v8 from 'node:v8';
import type { Config } from '../infra/config';
import { assertReportFont } from '../reports/render-pdf';
import { loadReportTemplates } from '../reports/templates';
import { loadDirectory } from '../infra/directory';
import { profileRegistryOf } from '../infra/profile-registry';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';
import { connectWorker, ensureSearchAttributes } from '../infra/temporal-connection';
import { workflowCode } from './workflow-bundle';
import { createComplaintWorker } from './create-worker';

/** A running worker and how to stop it. */
export interface RunningWorker {
  stop(): Promise<void>;
  done: Promise<void>;
}

/** Connects to Temporal and runs the complaint worker until stopped. */
export async function runWorker(
  config: Config,
  deps: { prisma: PrismaClient; mailer: Mailer; logger: Logger },
): Promise<RunningWorker> {
  const reports = { fontFile: config.REPORT_FONT_FILE, templates: loadReportTemplates(config.REPORT_TEMPLATES_FILE) };
  try {
    assertReportFont(reports.fontFile);
  } catch (error) {
    // complaints run without it; only the 8D report's activity fails (and retries) until the font is there
    deps.logger.error({ err: error }, (error as Error).message);
  }
  // V8 flags are read when an isolate is made: this sizes the workflow thread the SDK starts next (this thread's
  // own heap is configured already and keeps its limit)
  v8.setFlagsFromString(`--max-old-space-size=${config.WORKER_WORKFLOW_HEAP_MB}`);
  const connection = await connectWorker(config);
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE, deps.logger);
  const code = workflowCode();
  const worker = await createComplaintWorker({
    code,
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    limits: {
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentActivities: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
      maxConcurrentWorkflowTasks: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    },
    deps: {
      ...deps,
      now: () => new Date(),
      timeZone: config.COMPLAINT_TIMEZONE,
      directory: loadDirectory(config.DIRECTORY_FILE),
      reports,
      mailFrom: config.MAIL_FROM,
      recallAnswer: config.RECALL_ANSWER_EMAIL
        ? { email: config.RECALL_ANSWER_EMAIL, phone: config.RECALL_ANSWER_PHONE }
        : undefined,
      replyMailbox: config.REPLY_MAILBOX,
      customerLinks: { secret: config.CUSTOMER_LINK_SECRET, baseUrl: config.PUBLIC_BASE_URL },
      standalone: { profiles: profileRegistryOf(config), taskQueue: config.TEMPORAL_TASK_QUEUE },
    },
  });
  const done = worker.run().finally(() => connection.close());
  const workflowCodeFrom = code.workflowBundle ? 'prebuilt bundle' : 'bundled at start';
  deps.logger.info(
    { taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS, workflowCode: workflowCodeFrom },
    'worker polling',
  );
  return {
    done,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
