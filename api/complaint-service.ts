import {
  isGrpcDeadlineError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  type Client,
} from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { actionSchema, forbidden, notInProcedure, stageConflict, type ActionName } from '../domain/complaint/actions';
import {
  actionUpdates,
  linkedComplaintKey,
  statusQuery,
  workflowDetails,
  workflowSummary,
  type ComplaintStatus,
} from '../domain/complaint-contract';
import { receivedAtProblem, type Registration } from '../domain/registration';
import { ZodError } from 'zod';
import type { Actor } from '../domain/roles';
import { FINAL_STAGES, type Stage } from '../domain/stages';
import type { Config } from '../infra/config';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { ProfileRegistry } from '../infra/profile-registry';
import { matchEngineer } from '../domain/engineer-matching';
import type { Directory } from '../infra/directory';
import { relatedComplaints, type RelatedComplaint } from '../infra/related-complaints';
import { complaintWorkflow } from '../workflows';
import { findComplaints, insertComplaint, type ComplaintFilter, type ComplaintRecord } from './complaint-store';
import { complaintWorkflowInput, linkedRegistration } from '../infra/complaint-rows';
import { replyAttachment, repliesOf } from './complaint-replies';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, unavailableComponent } from './errors';
import { withCorrectiveActionLines } from './corrective-action-lines';
import { within } from './within';

/** What the API returns for one complaint. */
export interface ComplaintView {
  number: string;
  workflowId: string;
  stage: string;
  severity: string | null;
  type: string | null;
  department: string | null;
  profile: { id: string; version: number; hash: string };
  linkedFrom: string | null;
  createdAt: string;
  /** When the complaint reached the company: `registration.receivedAt`, else the registration time. */
  receivedAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  workflowStarted: boolean;
  registration: unknown;
  live: ComplaintStatus | null;
  /** Why `live` is null: the worker or Temporal did not answer (the rest is the stored record). */
  liveUnavailable?: string;
  /** Earlier complaints of the same unit, lot, or model and cause (read of one complaint only). */
  related?: RelatedComplaint[];
}

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

/** Registration, reading and actions on complaints: database first, then the workflow. */
/** How long a read waits for the workflow's live status before answering with the stored record alone. */
export const QUERY_DEADLINE_MS = 1_800;
/** How long a registration waits for its workflow to start before answering 202 (started later by the sweep). */
const START_DEADLINE_MS = 5_000;
/** How long an action waits for the workflow's answer before a 504 (the worker may be down). */
export const UPDATE_DEADLINE_MS = 20_000;

export const NO_ANSWER_IN_TIME = `the workflow did not answer within ${QUERY_DEADLINE_MS / 1000} s: is a worker running?`;

/** Why a status query failed, in words for the caller. */
export function whyNoLiveStatus(error: unknown): string {
  if (error instanceof WorkflowNotFoundError) return 'the complaint has no workflow (not started yet, or removed)';
  if (unavailableComponent(error) === 'temporal' && !isGrpcDeadlineError(error)) return 'Temporal is unreachable';
  return NO_ANSWER_IN_TIME;
}

/** JSON equality regardless of key order (jsonb does not keep it). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

export function createComplaintService(deps: ComplaintServiceDeps) {
  const { prisma, temporal, config, logger, profiles } = deps;

  function toView(complaint: ComplaintRecord, live: ComplaintStatus | null): ComplaintView {
    const registration = complaint.registration as unknown as Registration;
    return {
      number: complaint.number,
      workflowId: complaint.workflowId,
      stage: live?.stage ?? complaint.stage,
      severity: live?.severity ?? complaint.severity,
      type: live?.type ?? complaint.complaintType,
      department: live?.department ?? complaint.department,
      profile: { id: complaint.profileId, version: complaint.profileVersion, hash: complaint.profileHash },
      linkedFrom: complaint.linkedFrom,
      createdAt: complaint.createdAt.toISOString(),
      receivedAt: (registration.receivedAt ? new Date(registration.receivedAt) : complaint.createdAt).toISOString(),
      acknowledgedAt: complaint.acknowledgedAt?.toISOString() ?? null,
      closedAt: complaint.closedAt?.toISOString() ?? null,
      workflowStarted: complaint.workflowStartedAt !== null,
      registration: complaint.registration,
      live,
    };
  }

  function pinnedFor(complaint: ComplaintRecord) {
    const pinned = profiles.get(complaint.profileId);
    if (!pinned || pinned.hash !== complaint.profileHash) {
      throw new ConflictError(
        `profile ${complaint.profileId} v${complaint.profileVersion} of complaint ${complaint.number} is no longer loaded`,
      );
    }
    return pinned;
  }

  /** Starts the complaint's workflow; a workflow already started under its ID counts as started. */
  async function startWorkflow(complaint: ComplaintRecord): Promise<boolean> {
    const registration = complaint.registration as unknown as Registration;
    const input = complaintWorkflowInput(complaint, pinnedFor(complaint));
    try {
      await temporal.withDeadline(Date.now() + START_DEADLINE_MS, () =>
        temporal.workflow.start(complaintWorkflow, {
          workflowId: complaint.workflowId,
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          staticSummary: workflowSummary(input),
          staticDetails: workflowDetails(input, registration.description),
        }),
      );
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

  /** When the workflow started, as far as this request knows (the row read before the start says null). */
  function startedAt(complaint: ComplaintRecord, started: boolean): Date | null {
    return complaint.workflowStartedAt ?? (started ? deps.now() : null);
  }

  /** 409 for a complaint already closed (its workflow takes no more actions). */
  function assertOpen(complaint: ComplaintRecord): void {
    if (FINAL_STAGES.includes(complaint.stage as Stage))
      throw new ConflictError(`complaint ${complaint.number} is already ${complaint.stage}`);
  }

  /** The workflow's live status, or why there is none (within QUERY_DEADLINE_MS, whatever happens). */
  async function readLiveOrReason(workflowId: string): Promise<{ live: ComplaintStatus | null; reason?: string }> {
    // a worker or a Temporal server that is down must not hold the request: the stored record is answered
    // without live state (the timer also bounds the client's own retries, which outlast the gRPC deadline)
    const query = temporal
      .withDeadline(Date.now() + QUERY_DEADLINE_MS, () => temporal.workflow.getHandle(workflowId).query(statusQuery))
      .then((live) => ({ live }))
      .catch((error: unknown) => {
        logger.debug({ workflowId, err: error }, 'live status unavailable');
        return { live: null, reason: whyNoLiveStatus(error) };
      });
    return within(QUERY_DEADLINE_MS, query, { live: null, reason: NO_ANSWER_IN_TIME });
  }

  async function readLive(workflowId: string): Promise<ComplaintStatus | null> {
    return (await readLiveOrReason(workflowId)).live;
  }

  /** Waits up to RECORDS_WAIT_MS until the workflow has carried out every queued effect; returns how many are left. */
  async function effectsSettled(workflowId: string): Promise<number> {
    const deadline = Date.now() + config.RECORDS_WAIT_MS;
    for (;;) {
      const pending = (await readLive(workflowId))?.pendingEffects ?? 0;
      if (pending === 0 || Date.now() >= deadline) return pending;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function find(number: string): Promise<ComplaintRecord> {
    const complaint = await prisma.complaint.findUnique({ where: { number } });
    if (!complaint) throw new NotFoundError(`complaint ${number} does not exist`);
    return complaint;
  }

  /** Stores and starts a complaint; `registeredBy`: the member of staff the audit names (none: the system). */
  async function register(registration: Registration, requestKey?: string, linkedFrom?: string, registeredBy?: Actor) {
    const profileId = registration.profileId ?? profiles.defaultId;
    const late = registration.receivedAt && receivedAtProblem(registration.receivedAt, deps.now().getTime());
    if (late)
      throw new ZodError([{ code: 'custom', path: ['receivedAt'], message: late, input: registration.receivedAt }]);
    const pinned = profiles.get(profileId);
    if (!pinned) throw new UnprocessableError(`profileId: unknown profile "${profileId}"`);
    const { complaint, created } = await insertComplaint(prisma, registration, {
      requestKey,
      now: deps.now(),
      timeZone: config.COMPLAINT_TIMEZONE,
      pinned,
      linkedFrom,
      registeredBy,
    });
    if (!created && requestKey && !linkedFrom && !sameJson(complaint.registration, registration))
      throw new UnprocessableError('Idempotency-Key: already used by you for a different complaint');
    const started = complaint.workflowStartedAt !== null || (await startWorkflow(complaint));
    return { complaint: toView({ ...complaint, workflowStartedAt: startedAt(complaint, started) }, null), created };
  }

  /**
   * For on-site service, the engineer of the customer's region qualified for the product (seed 003 §2.2.1); for a
   * local check (000 二(二)) the technical staff of the customer's region.
   */
  function withMatchedEngineer(
    complaint: ComplaintRecord,
    live: ComplaintStatus | null,
    payload: object,
    action: ActionName,
  ): object {
    if (live?.serviceMode !== 'on_site' && action !== 'requestLocalCheck') return payload;
    const registration = complaint.registration as unknown as Registration;
    const engineer = matchEngineer(deps.directory.engineers, registration.customer.region, complaint.productModel);
    return engineer ? { ...payload, engineer } : payload;
  }

  /**
   * The workflow's own rule, read from its status before anything reaches it: the exact roles for this
   * complaint now (403, the general manager's approval of company-paid out-of-warranty repairs included),
   * then the stage (409) — the same action definition, in the same order, as the update validator, so the
   * two can never disagree. Without a live status the workflow's validator decides.
   */
  function assertAllowed(action: ActionName, live: ComplaintStatus | null, actor: Actor) {
    if (!live) return;
    const roles = live.actionRoles[action];
    if (!roles.length) throw new ConflictError(notInProcedure(action, live.profile.id).message);
    if (!roles.includes(actor.role))
      throw new ForbiddenError(forbidden(action, roles, actor.role, live.actionTakers?.[action]).message);
    // a complaint still being registered takes the action once registered (the workflow checks it then)
    if (live.stage !== 'registered' && !live.openActions.some((a) => a.action === action))
      throw new ConflictError(stageConflict(action, live.stage).message);
  }

  return {
    /** The task queue workflows are started on (standalone corrective actions start theirs too). */
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    register,

    /** The stored record plus the live state read from the workflow. */
    async get(number: string): Promise<ComplaintView> {
      const complaint = await find(number);
      const [{ live, reason }, related] = await Promise.all([
        readLiveOrReason(complaint.workflowId),
        relatedComplaints(prisma, complaint),
      ]);
      const withLines = await withCorrectiveActionLines(temporal, live, QUERY_DEADLINE_MS);
      return { ...toView(complaint, withLines), related, ...(reason && { liveUnavailable: reason }) };
    },

    /**
     * Forms and audit trail of a complaint. The workflow answers an action before it records it, so this
     * waits briefly (`RECORDS_WAIT_MS`) for the recording to catch up and says whether it has (`complete`).
     */
    async records(number: string) {
      const complaint = await find(number);
      const pendingEffects = await effectsSettled(complaint.workflowId);
      const [forms, audit, recalls, replies] = await Promise.all([
        prisma.complaintForm.findMany({
          where: { complaintNumber: number },
          orderBy: [{ seq: 'asc' }, { kind: 'asc' }],
        }),
        prisma.auditEntry.findMany({ where: { complaintNumber: number }, orderBy: { seq: 'asc' } }),
        prisma.recall.findMany({ where: { complaintNumber: number }, orderBy: { openedAt: 'asc' } }),
        repliesOf(prisma, number),
      ]);
      return {
        complete: pendingEffects === 0,
        pendingEffects,
        forms: forms.map((f) => ({
          seq: f.seq,
          kind: f.kind,
          data: f.data,
          actor: { id: f.actorId, role: f.actorRole },
          at: f.createdAt.toISOString(),
        })),
        audit: audit.map((a) => ({
          seq: a.seq,
          action: a.action,
          actor: { id: a.actorId, role: a.actorRole },
          stageBefore: a.stageBefore,
          stageAfter: a.stageAfter,
          at: a.at.toISOString(),
        })),
        recalls: recalls.map((r) => ({
          number: r.number,
          state: r.state,
          statusLine: r.statusLine,
          openedAt: r.openedAt.toISOString(),
          link: `/api/v1/recalls/${r.number}`,
        })),
        replies,
      };
    },

    /** A file of a customer's email reply to the complaint (404 when the complaint has no such reply or file). */
    async replyAttachment(number: string, replyId: string, position: number) {
      const file = await replyAttachment(prisma, number, replyId, position);
      if (!file) throw new NotFoundError(`complaint ${number} has no reply ${replyId} with a file at ${position}`);
      return file;
    },

    /** Lists complaints from the database (the list view), newest first; `overdue` as `overdueClock` says. */
    async list(filter: ComplaintFilter) {
      const { total, rows } = await findComplaints(prisma, filter, deps.now());
      return { total, items: rows.map((c) => toView(c, null)) };
    },

    /** Takes a staff action: role checked here (403), payload validated (400), stage rules by the workflow (409). */
    /**
     * Takes a staff action. With an `Idempotency-Key` the key (the caller's own) is the Temporal update id: a
     * retry after an ambiguous failure gets the first answer back instead of a 409.
     */
    async act(
      number: string,
      action: ActionName,
      actor: Actor,
      body: unknown,
      requestKey?: string,
    ): Promise<ComplaintView> {
      const update = (workflowId: string, payload: object) =>
        temporal.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
          temporal.workflow.getHandle(workflowId).executeUpdate(actionUpdates[action], {
            args: [{ actor, payload }],
            updateId: requestKey && `${action}:${actor.id}:${requestKey}`,
          }),
        );
      // the stored record first: with the database away nothing may change (503, retried by the caller)
      const complaint = await find(number);
      assertOpen(complaint);
      const parsed = actionSchema(action).safeParse(body ?? {});
      const namesEngineer = action === 'proposePlan' || action === 'dispatchEngineer' || action === 'requestLocalCheck';
      if (parsed.success && !(namesEngineer && !(parsed.data as { engineer?: unknown }).engineer))
        return toView(complaint, await update(complaint.workflowId, parsed.data));
      // The update's validator checks role, stage and rules exactly as `assertAllowed` would; the live status
      // is read first only where it decides something here: which refusal comes first for a body that fails
      // its schema (403 and 409 before 400), and the engineer matched for on-site service.
      const current = await readLive(complaint.workflowId);
      assertAllowed(action, current, actor);
      if (!parsed.success) throw parsed.error;
      const payload = withMatchedEngineer(complaint, current, parsed.data, action);
      return toView(complaint, await update(complaint.workflowId, payload));
    },

    /** A customer unhappy with the corrective action: a new complaint linked to this one, which closes. */
    async reopen(number: string, actor: Actor, reason: string, requestKey?: string) {
      const complaint = await find(number);
      const live = await readLive(complaint.workflowId);
      if (!live) throw new ConflictError(`complaint ${number} cannot be reopened while it is ${complaint.stage}`);
      assertAllowed('reopen', live, actor);
      const registration = complaint.registration as unknown as Registration;
      const next = await register(
        { ...linkedRegistration(registration, number, reason), profileId: complaint.profileId },
        requestKey ?? linkedComplaintKey(number),
        number,
        actor,
      );
      const closed = await temporal.workflow.getHandle(complaint.workflowId).executeUpdate(actionUpdates.reopen, {
        args: [{ actor, payload: { reason, newNumber: next.complaint.number } }],
      });
      return { previous: toView(await find(number), closed), complaint: next.complaint };
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
