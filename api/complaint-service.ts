/**
 * Registration, reading and actions on complaints: the database first, then the workflow. Each action is
 * checked by the workflow's own rules (the update validator); the API reads the live status first only where
 * it decides something here.
 */
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ZodError } from 'zod';
import { actionSchema, type ActionName } from '../domain/complaint/actions';
import {
  actionUpdates,
  COMPLAINT_WORKFLOW_TYPE,
  linkedComplaintKey,
  statusQuery,
  workflowDetails,
  workflowSummary,
  type ComplaintStatus,
} from '../domain/complaint-contract';
import { receivedAtProblem, type Registration } from '../domain/registration';
import type { Actor } from '../domain/roles';
import { FINAL_STAGES, type Stage } from '../domain/stages';
import { complaintWorkflowInput, linkedRegistration } from '../infra/complaint-rows';
import type { Config } from '../infra/config';
import type { PrismaClient } from '../infra/database';
import type { Directory } from '../infra/directory';
import type { Logger } from '../infra/logger';
import type { ProfileRegistry } from '../infra/profile-registry';
import { relatedComplaints } from '../infra/related-complaints';
import { startOnce, startPending } from '../infra/start-once';
import { assertAllowed, assertOpen, withMatchedEngineer } from './complaint-action-checks';
import { complaintRecords } from './complaint-records';
import { replyAttachment } from './complaint-replies';
import { findComplaints, insertComplaint, type ComplaintFilter, type ComplaintRecord } from './complaint-store';
import { sameJson, toView, type ComplaintView } from './complaint-view';
import { withCorrectiveActionLines } from './corrective-action-lines';
import { ConflictError, NotFoundError, UnprocessableError } from './errors';
import { queryWithin, UPDATE_DEADLINE_MS } from './live-status';

export type { ComplaintView } from './complaint-view';
export { NO_ANSWER_IN_TIME, QUERY_DEADLINE_MS, UPDATE_DEADLINE_MS, whyNoLiveStatus } from './live-status';

/** Dependencies of the complaint service. */
export interface ComplaintServiceDeps {
  prisma: PrismaClient;
  temporal: Client;
  profiles: ProfileRegistry;
  directory: Directory;
  config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'COMPLAINT_TIMEZONE' | 'RECORDS_WAIT_MS'>;
  logger: Logger;
  now: () => Date;
}

/** What `check` throws, if it does. */
function thrownBy(check: () => void): Error | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** Actions whose payload may leave the engineer out: the API names the one the directory matches. */
const NAMES_ENGINEER: ReadonlySet<ActionName> = new Set(['proposePlan', 'dispatchEngineer', 'requestLocalCheck']);

export class ComplaintService {
  /** The task queue workflows are started on (standalone corrective actions start theirs too). */
  readonly taskQueue: string;

  constructor(private readonly deps: ComplaintServiceDeps) {
    this.taskQueue = deps.config.TEMPORAL_TASK_QUEUE;
  }

  /** Stores and starts a complaint; `registeredBy`: the member of staff the audit names (none: the system). */
  async register(registration: Registration, requestKey?: string, linkedFrom?: string, registeredBy?: Actor) {
    const { deps } = this;
    const profileId = registration.profileId ?? deps.profiles.defaultId;
    const late = registration.receivedAt && receivedAtProblem(registration.receivedAt, deps.now().getTime());
    if (late)
      throw new ZodError([{ code: 'custom', path: ['receivedAt'], message: late, input: registration.receivedAt }]);
    const pinned = deps.profiles.get(profileId);
    if (!pinned) throw new UnprocessableError(`profileId: unknown profile "${profileId}"`);
    const { complaint, created } = await insertComplaint(deps.prisma, registration, {
      requestKey,
      now: deps.now(),
      timeZone: deps.config.COMPLAINT_TIMEZONE,
      pinned,
      linkedFrom,
      registeredBy,
    });
    if (!created && requestKey && !linkedFrom && !sameJson(complaint.registration, registration))
      throw new UnprocessableError('Idempotency-Key: already used by you for a different complaint');
    const started = complaint.workflowStartedAt !== null || (await this.startWorkflow(complaint));
    // when the workflow started, as far as this request knows (the row read before the start says null)
    const startedAt = complaint.workflowStartedAt ?? (started ? deps.now() : null);
    return { complaint: toView({ ...complaint, workflowStartedAt: startedAt }, null), created };
  }

  /** The stored record plus the live state read from the workflow (and the step its 8Ds are at). */
  async get(number: string): Promise<ComplaintView> {
    const complaint = await this.find(number);
    const [{ live, reason }, related] = await Promise.all([
      this.readLive(complaint.workflowId),
      relatedComplaints(this.deps.prisma, complaint),
    ]);
    const withLines = await withCorrectiveActionLines(this.deps.temporal, this.deps.logger, live);
    return { ...toView(complaint, withLines), related, ...(reason && { liveUnavailable: reason }) };
  }

  /**
   * Forms and audit trail of a complaint. The workflow answers an action before it records it, so this
   * waits briefly (`RECORDS_WAIT_MS`) for the recording to catch up and says whether it has (`complete`).
   */
  async records(number: string) {
    const complaint = await this.find(number);
    return complaintRecords(this.deps.prisma, number, await this.effectsSettled(complaint.workflowId));
  }

  /** A file of a customer's email reply to the complaint (404 when the complaint has no such reply or file). */
  async replyAttachment(number: string, replyId: string, position: number) {
    const file = await replyAttachment(this.deps.prisma, number, replyId, position);
    if (!file) throw new NotFoundError(`complaint ${number} has no reply ${replyId} with a file at ${position}`);
    return file;
  }

  /** Lists complaints from the database (the list view), newest first; `overdue` as `overdueClock` says. */
  async list(filter: ComplaintFilter) {
    const { total, rows } = await findComplaints(this.deps.prisma, filter, this.deps.now());
    return { total, items: rows.map((c) => toView(c, null)) };
  }

  /**
   * Takes a staff action. With an `Idempotency-Key` the key (the caller's own) is the Temporal update id: a
   * retry after an ambiguous failure gets the first answer back instead of a 409.
   */
  async act(number: string, action: ActionName, actor: Actor, body: unknown, requestKey?: string) {
    // the stored record first: with the database away nothing may change (503, retried by the caller)
    const complaint = await this.find(number);
    const update = (payload: object) => this.update(complaint, action, actor, payload, requestKey);
    const parsed = actionSchema(action).safeParse(body ?? {});
    if (FINAL_STAGES.includes(complaint.stage as Stage)) {
      if (!requestKey || !parsed.success) assertOpen(complaint);
      return this.unlessFirstAnswer(update(parsed.data!), () => assertOpen(complaint));
    }
    if (parsed.success && !(NAMES_ENGINEER.has(action) && !(parsed.data as { engineer?: unknown }).engineer))
      return update(parsed.data);
    // The update's validator checks role, stage and rules exactly as `assertAllowed` would; the live status
    // is read first only where it decides something here: which refusal comes first for a body that fails
    // its schema (403 and 409 before 400), and the engineer matched for on-site service.
    const { live } = await this.readLive(complaint.workflowId);
    const payload = parsed.success && withMatchedEngineer(this.deps.directory, complaint, live, parsed.data, action);
    if (requestKey && payload) return this.unlessFirstAnswer(update(payload), () => assertAllowed(action, live, actor));
    assertAllowed(action, live, actor);
    if (!parsed.success) throw parsed.error;
    return update(payload as object);
  }

  /**
   * A request with an Idempotency-Key that the state read now refuses may be the retry of one that changed it
   * (the first answer was lost: a dropped connection, a 504, an API killed): the update under the same id gets
   * that first answer back from the workflow; a request never taken gets the refusal as before.
   */
  private async unlessFirstAnswer(updating: Promise<ComplaintView>, check: () => void): Promise<ComplaintView> {
    const refusal = thrownBy(check);
    if (!refusal) return updating;
    return updating.catch((error: unknown) => {
      throw error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError
        ? refusal
        : (error as Error);
    });
  }

  /** A customer unhappy with the corrective action: a new complaint linked to this one, which closes. */
  async reopen(number: string, actor: Actor, reason: string, requestKey?: string) {
    const complaint = await this.find(number);
    const { live } = await this.readLive(complaint.workflowId);
    if (!live) throw new ConflictError(`complaint ${number} cannot be reopened while it is ${complaint.stage}`);
    assertAllowed('reopen', live, actor);
    const registration = complaint.registration as unknown as Registration;
    const next = await this.register(
      { ...linkedRegistration(registration, number, reason), profileId: complaint.profileId },
      requestKey ?? linkedComplaintKey(number),
      number,
      actor,
    );
    const closed = await this.deps.temporal.workflow
      .getHandle(complaint.workflowId)
      .executeUpdate(actionUpdates.reopen, {
        args: [{ actor, payload: { reason, newNumber: next.complaint.number } }],
      });
    return { previous: toView(await this.find(number), closed), complaint: next.complaint };
  }

  /** Starts workflows of complaints stored while Temporal was unreachable. Returns how many started. */
  async startPendingWorkflows(olderThanMs = 5_000): Promise<number> {
    const pending = await this.deps.prisma.complaint.findMany({
      where: { workflowStartedAt: null, createdAt: { lt: new Date(this.deps.now().getTime() - olderThanMs) } },
      orderBy: { createdAt: 'asc' },
      take: 100,
    });
    return startPending(pending, (complaint) => this.startWorkflow(complaint));
  }

  private async find(number: string): Promise<ComplaintRecord> {
    const complaint = await this.deps.prisma.complaint.findUnique({ where: { number } });
    if (!complaint) throw new NotFoundError(`complaint ${number} does not exist`);
    return complaint;
  }

  private readLive(workflowId: string) {
    return queryWithin(this.deps.temporal, this.deps.logger, workflowId, statusQuery);
  }

  /** Waits up to RECORDS_WAIT_MS until the workflow has carried out every queued effect; returns how many are left. */
  private async effectsSettled(workflowId: string): Promise<number> {
    const deadline = Date.now() + this.deps.config.RECORDS_WAIT_MS;
    for (;;) {
      const pending = (await this.readLive(workflowId)).live?.pendingEffects ?? 0;
      if (pending === 0 || Date.now() >= deadline) return pending;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async update(
    complaint: ComplaintRecord,
    action: ActionName,
    actor: Actor,
    payload: object,
    requestKey?: string,
  ): Promise<ComplaintView> {
    const { temporal } = this.deps;
    const status: ComplaintStatus = await temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      temporal.workflow.getHandle(complaint.workflowId).executeUpdate(actionUpdates[action], {
        args: [{ actor, payload }],
        updateId: requestKey && `${action}:${actor.id}:${requestKey}`,
      }),
    );
    return toView(complaint, status);
  }

  /** Starts the complaint's workflow; a workflow already started under its ID counts as started. */
  private async startWorkflow(complaint: ComplaintRecord): Promise<boolean> {
    const { deps } = this;
    const pinned = deps.profiles.get(complaint.profileId);
    if (!pinned || pinned.hash !== complaint.profileHash)
      throw new ConflictError(
        `profile ${complaint.profileId} v${complaint.profileVersion} of complaint ${complaint.number} is no longer loaded`,
      );
    const input = complaintWorkflowInput(complaint, pinned);
    const description = (complaint.registration as unknown as Registration).description;
    const started = await startOnce(
      deps.temporal,
      () =>
        deps.temporal.workflow.start(COMPLAINT_WORKFLOW_TYPE, {
          workflowId: complaint.workflowId,
          taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          staticSummary: workflowSummary(input),
          staticDetails: workflowDetails(input, description),
        }),
      () =>
        deps.prisma.complaint.updateMany({
          where: { id: complaint.id, workflowStartedAt: null },
          data: { workflowStartedAt: deps.now() },
        }),
    );
    if (!started) deps.logger.warn({ number: complaint.number }, 'workflow start failed; it will be retried');
    return started;
  }
}

/** The complaint service over its dependencies. */
export function createComplaintService(deps: ComplaintServiceDeps): ComplaintService {
  return new ComplaintService(deps);
}
