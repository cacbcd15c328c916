import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import {
  statusQuery,
  withdrawUpdate,
  type ComplaintStatus,
  type ComplaintWorkflowInput,
  type WithdrawInput,
} from '../domain/complaint-contract';
import type { Registration } from '../domain/registration';
import { FINAL_STAGES, type Stage } from '../domain/stages';
import type { Config } from '../infra/config';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import { complaintWorkflow } from '../workflows';
import { insertComplaint, type ComplaintRecord } from './complaint-store';
import { ConflictError, NotFoundError } from './errors';

/** What the API returns for one complaint. */
export interface ComplaintView {
  number: string;
  workflowId: string;
  stage: string;
  createdAt: string;
  acknowledgedAt: string | null;
  workflowStarted: boolean;
  registration: unknown;
  live: ComplaintStatus | null;
}

/** Dependencies of the complaint service. */
export interface ComplaintServiceDeps {
  prisma: PrismaClient;
  temporal: Client;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'COMPLAINT_TIMEZONE'>;
  logger: Logger;
  now: () => Date;
}

/** Registration, reading and actions on complaints: database first, then the workflow. */
export function createComplaintService(deps: ComplaintServiceDeps) {
  const { prisma, temporal, config, logger } = deps;

  function toView(complaint: ComplaintRecord, live: ComplaintStatus | null): ComplaintView {
    return {
      number: complaint.number,
      workflowId: complaint.workflowId,
      stage: live?.stage ?? complaint.stage,
      createdAt: complaint.createdAt.toISOString(),
      acknowledgedAt: complaint.acknowledgedAt?.toISOString() ?? null,
      workflowStarted: complaint.workflowStartedAt !== null,
      registration: complaint.registration,
      live,
    };
  }

  /** Starts the complaint's workflow; a workflow already started under its ID counts as started. */
  async function startWorkflow(complaint: ComplaintRecord): Promise<boolean> {
    const input: ComplaintWorkflowInput = {
      number: complaint.number,
      registeredAt: complaint.createdAt.toISOString(),
      customerName: complaint.customerName,
      productModel: complaint.productModel,
      batchNumber: complaint.batchNumber ?? undefined,
    };
    try {
      await temporal.workflow.start(complaintWorkflow, {
        workflowId: complaint.workflowId,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        logger.warn({ number: complaint.number, err: error }, 'workflow start failed; it will be retried');
        return false;
      }
    }
    await prisma.complaint.updateMany({
      where: { id: complaint.id, workflowStartedAt: null },
      data: { workflowStartedAt: deps.now() },
    });
    return true;
  }

  async function readLive(workflowId: string): Promise<ComplaintStatus | null> {
    try {
      return await temporal.workflow.getHandle(workflowId).query(statusQuery);
    } catch (error) {
      logger.debug({ workflowId, err: error }, 'live status unavailable');
      return null;
    }
  }

  async function find(number: string): Promise<ComplaintRecord> {
    const complaint = await prisma.complaint.findUnique({ where: { number } });
    if (!complaint) throw new NotFoundError(`complaint ${number} does not exist`);
    return complaint;
  }

  return {
    /** Stores the complaint, then starts its workflow; `created` is false for a repeated request key. */
    async register(registration: Registration, requestKey?: string) {
      const { complaint, created } = await insertComplaint(prisma, registration, {
        requestKey,
        now: deps.now(),
        timeZone: config.COMPLAINT_TIMEZONE,
      });
      const started = complaint.workflowStartedAt !== null || (await startWorkflow(complaint));
      const fresh = await find(complaint.number);
      return { complaint: toView(fresh, null), created, workflowStarted: started };
    },

    /** The stored record plus the live state read from the workflow. */
    async get(number: string): Promise<ComplaintView> {
      const complaint = await find(number);
      return toView(complaint, await readLive(complaint.workflowId));
    },

    /** Withdraws the complaint; the workflow's validator refuses it when not allowed now. */
    async withdraw(number: string, input: WithdrawInput): Promise<ComplaintView> {
      const complaint = await find(number);
      if (FINAL_STAGES.includes(complaint.stage as Stage)) {
        throw new ConflictError(`complaint ${number} is already ${complaint.stage}`);
      }
      const live = await temporal.workflow
        .getHandle(complaint.workflowId)
        .executeUpdate(withdrawUpdate, { args: [input] });
      return toView(await find(number), live);
    },

    /** Starts workflows of complaints stored while Temporal was unreachable. Returns how many started. */
    async startPendingWorkflows(olderThanMs = 5_000): Promise<number> {
      const pending = await prisma.complaint.findMany({
        where: { workflowStartedAt: null, createdAt: { lt: new Date(deps.now().getTime() - olderThanMs) } },
        orderBy: { createdAt: 'asc' },
        take: 100,
      });
      let started = 0;
      for (const complaint of pending) if (await startWorkflow(complaint)) started += 1;
      return started;
    },
  };
}

/** The complaint service. */
export type ComplaintService = ReturnType<typeof createComplaintService>;
