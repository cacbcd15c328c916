/**
 * An in-process copy of the service on the real stack of this test run: the API app, optionally a
 * worker, a real SMTP server (the mail catcher) and Prisma on the run's database. Each harness uses its
 * own task queue, so test files never take each other's tasks.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  carStatusQuery,
  complaintCarNumber,
  correctiveActionWorkflowId,
} from '../../domain/corrective-action-contract';
import type express from 'express';
import { createApp } from '../../api/app';
import { createComplaintService, type ComplaintService, type ComplaintView } from '../../api/complaint-service';
import type { ActionName } from '../../domain/complaint/actions';
import type { ComplaintStatus } from '../../domain/complaint-contract';
import { loadConfig, type Config } from '../../infra/config';
import { createPrisma, type PrismaClient } from '../../infra/database';
import { createLogger } from '../../infra/logger';
import { createProfileRegistry } from '../../infra/profile-registry';
import { DEFAULT_DIRECTORY } from '../../infra/directory';
import { issueStaffToken } from '../../infra/staff';
import { ROLES, type Role } from '../../domain/roles';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../infra/mail-catcher';
import { createMailer, type Mailer } from '../../infra/mailer';
import { connectClient } from '../../infra/temporal-connection';
import { runWorker, type RunningWorker } from '../../worker/run-worker';
import { testStack } from './stack-registry';

export interface HarnessOptions {
  worker?: boolean;
  now?: () => Date;
  beforeAccept?: (mail: CaughtMail) => Promise<void>;
  poolMax?: number;
  /** Company profile files loaded beside the built-ins. */
  profileFiles?: string[];
  /** COMPLAINT_TIMEZONE; the default otherwise. */
  timeZone?: string;
  /** Further settings for the harness's configuration (REPLY_MAILBOX, INBOUND_SMTP_PORT, …). */
  env?: Record<string, string>;
}

export interface Harness {
  app: express.Express;
  config: Config;
  prisma: PrismaClient;
  mailer: Mailer;
  catcher: MailCatcher;
  temporal: Client;
  service: ComplaintService;
  worker?: RunningWorker;
  tokens: Record<Role, string>;
  /** The Authorization header value of a staff member with this role. */
  as(role: Role): string;
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const stack = testStack();
  const catcher = await startMailCatcher({ beforeAccept: options.beforeAccept });
  const config = loadConfig({
    DATABASE_URL: stack.databaseUrl,
    DATABASE_POOL_MAX: String(options.poolMax ?? (stack.databaseKind === 'embedded' ? 1 : 10)),
    SMTP_URL: catcher.smtpUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: `test-${randomUUID()}`,
    LOG_LEVEL: 'silent',
    COMPLAINT_TIMEZONE: options.timeZone,
    ...options.env,
  });
  const logger = createLogger(config.LOG_LEVEL);
  const prisma = createPrisma(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  const mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  const temporal = await connectClient(config);
  const worker = options.worker === false ? undefined : await runWorker(config, { prisma, mailer, logger });
  const profiles = createProfileRegistry(options.profileFiles ?? [], config.DEFAULT_PROFILE);
  const service = createComplaintService({
    prisma,
    temporal,
    directory: DEFAULT_DIRECTORY,
    config,
    logger,
    profiles,
    now: options.now ?? (() => new Date()),
  });
  const app = createApp({
    service,
    prisma,
    temporal,
    mailer,
    logger,
    profiles,
    timeZone: config.COMPLAINT_TIMEZONE,
    replyMailbox: config.REPLY_MAILBOX,
    customerLinks: { secrets: [config.CUSTOMER_LINK_SECRET, ...config.CUSTOMER_LINK_PREVIOUS_SECRETS] },
  });
  const suffix = randomUUID().slice(0, 8);
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    tokens[role] = await issueStaffToken(prisma, {
      id: `${role}-${suffix}`,
      name: role,
      email: `${role}@example.com`,
      role,
    });
  }
  return {
    app,
    config,
    prisma,
    mailer,
    catcher,
    temporal,
    service,
    worker,
    tokens,
    as: (role: Role) => `Bearer ${tokens[role]}`,
    async stop() {
      await worker?.stop();
      await temporal.connection.close();
      mailer.close();
      await prisma.$disconnect();
      await catcher.stop();
    },
  };
}

import { eventually } from './eventually';
import { registrationBody } from './registration-body';

export { eventually, registrationBody };

/**
 * Registers a complaint through the API and waits until registration is carried out (the stored record,
 * written after the registration mails, is in triage); returns its number. Needs a worker running.
 */
export async function registerComplaint(h: Harness, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await request(h.app)
    .post('/api/v1/complaints')
    .set('Authorization', h.as('customer_service'))
    .send(registrationBody(overrides))
    .expect(201);
  const number: string = res.body.number;
  await eventually(async () => {
    const stored = await h.prisma.complaint.findUnique({ where: { number } });
    return stored?.stage === 'triage' ? true : undefined;
  });
  return number;
}

/** Takes a staff action through the API as `role`; expects it taken (200). */
export async function takeAction(
  h: Harness,
  number: string,
  action: ActionName,
  role: Role,
  payload: Record<string, unknown>,
): Promise<void> {
  const res = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/${action}`)
    .set('Authorization', h.as(role))
    .send(payload);
  expect({ action, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({
    action,
    status: 200,
    body: 'ok',
  });
}

/**
 * Reads a complaint through the API until its workflow answered and `accept` holds (a read answers `live:
 * null` when the workflow is not asked in time, as on a loaded machine); returns the body.
 */
export async function readComplaint(
  h: Harness,
  number: string,
  accept: (live: ComplaintStatus) => boolean = () => true,
): Promise<ComplaintView & { live: ComplaintStatus }> {
  return eventually(async () => {
    const res = await request(h.app)
      .get(`/api/v1/complaints/${number}`)
      .set('Authorization', h.as('sales'))
      .expect(200);
    return res.body.live && accept(res.body.live) ? res.body : undefined;
  }, 30_000);
}

/**
 * Waits until every corrective action the complaint opened has carried out its queued effects (they outlive
 * the complaint, so its emails may still be on their way when the complaint closes).
 */
export async function correctiveActionsSettled(h: Harness, complaintNumber: string): Promise<number> {
  for (let seq = 1; ; seq += 1) {
    const handle = h.temporal.workflow.getHandle(correctiveActionWorkflowId(complaintCarNumber(complaintNumber, seq)));
    const exists = await handle.describe().then(
      () => true,
      (error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      },
    );
    if (!exists) return seq - 1;
    await eventually(
      async () => ((await handle.query(carStatusQuery)).pendingEffects === 0 ? true : undefined),
      30_000,
    );
  }
}
