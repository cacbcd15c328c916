/**
 * What the invariant checker reads, read once per check: the complaint rows, the workflows Temporal lists, and
 * each workflow's answers (status queries, descriptions, histories). Every question to Temporal has a deadline,
 * only `concurrency` are asked at a time, and each answer is kept, so no invariant asks a workflow twice and
 * none waits on one for ever: a workflow that does not answer in time is an answer of its own (`ok: false`).
 */
import {
  isGrpcDeadlineError,
  isGrpcServiceError,
  WorkflowNotFoundError,
  type Client,
  type WorkflowExecutionInfo,
  type WorkflowHandle,
} from '@temporalio/client';
import { complaintWorkflowId, statusQuery, type ComplaintStatus } from '../../../domain/complaint-contract';
import { carStatusQuery, correctiveActionWorkflowId } from '../../../domain/corrective-action-contract';
import type { CorrectiveActionStatus } from '../../../domain/corrective-action-contract';
import { recallStatusQuery, recallWorkflowId, type RecallStatus } from '../../../domain/recall-contract';
import type { PrismaClient } from '../../../infra/database';
import type { CaughtMail } from '../../../infra/mail-catcher';
import type { LoadLog } from '../load-log';

/** COMPLAINT_TIMEZONE when it is not set (infra/config.ts). */
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** The invariants, in the order they are checked and reported. */
export const INVARIANTS = [
  'registration-once',
  'stage-matches',
  'action-audited-once',
  'email-once',
  'link-answered-once',
  'reply-stored-once',
  'no-pending-effects',
  'recall-ledger',
  'clocks-match',
  'monthly-totals',
  'maintenance-once',
  'backfill-once',
] as const;
export type InvariantName = (typeof INVARIANTS)[number];

/** One thing found wrong: the invariant, what it is about (complaint, 8D, recall number, email id, month), why. */
export interface Violation {
  invariant: InvariantName;
  subject: string;
  detail: string;
}

/** What one invariant found: how many subjects it looked at, what was wrong, and what it saw but allows. */
export interface InvariantOutcome {
  checked: number;
  violations: Violation[];
  notes?: string[];
}

/** What the checker is given. */
export interface CheckOptions {
  prisma: PrismaClient;
  /** A client on the soak's namespace. */
  temporal: Client;
  /** Every message the mail catcher received. */
  caught: readonly CaughtMail[];
  log: LoadLog;
  /**
   * COMPLAINT_TIMEZONE of the stack: the months complaints and the monthly report count in (default: the
   * service's own default).
   */
  timeZone?: string;
  /** How long to wait, before checking, for queued effects and in-flight emails to finish (default 30 s). */
  settleMs?: number;
  now?: () => Date;
  /** Deadline of each query or description (default 5 s; a history gets three times as long). */
  queryDeadlineMs?: number;
  /** Questions to Temporal in flight at once (default 8). */
  concurrency?: number;
  /** Page size of the visibility lists (default 100). */
  pageSize?: number;
  /** A pending activity past this attempt is stuck (default 3). */
  activityAttemptBound?: number;
  /** When the faults stopped: a workflow task that failed after it is a violation (else only one failing now). */
  faultsEndedAt?: Date;
}

/** A workflow's answer, or why there is none (`notFound`: Temporal has no such workflow). */
export type Answer<T> = { ok: true; value: T } | { ok: false; notFound: boolean; reason: string };

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
export type HistoryEvent = NonNullable<History['events']>[number];
type Description = Awaited<ReturnType<WorkflowHandle['describe']>>;

/** The columns of a complaint row the invariants read. */
export interface ComplaintRow {
  number: string;
  workflowId: string;
  requestKey: string | null;
  stage: string;
}

/** `fn` over `items`, at most `limit` at a time, results in the order of `items`. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane));
  return results;
}

/** The domain number a workflow ID stands for (complaint, 8D, recall); the ID itself for any other workflow. */
export function subjectOfWorkflow(workflowId: string): string {
  const car = /^complaint-(\d{6}-\d{3,})-car-(\d+)$/.exec(workflowId);
  if (car) return `${car[1]}-${car[2]}`;
  const own = /^(?:complaint|recall)-(\d{6}-\d{3,})$/.exec(workflowId);
  return own ? own[1]! : workflowId;
}

/** Why an answer is missing, in words. */
export const unanswered = (answer: Answer<unknown>) => (answer.ok ? '' : answer.reason);

/** Milliseconds since the epoch of a history event. */
export function eventMs(event: HistoryEvent): number {
  const time = event.eventTime;
  if (!time) return 0;
  return Number(String(time.seconds ?? 0)) * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}

/** gRPC NOT_FOUND: how a history fetch says the workflow does not exist (describe and query say WorkflowNotFoundError). */
const GRPC_NOT_FOUND = 5;

const isNotFound = (error: unknown) =>
  error instanceof WorkflowNotFoundError || (isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND);

/** The checker's reads of one check. */
export class CheckContext {
  readonly prisma: PrismaClient;
  readonly temporal: Client;
  readonly caught: readonly CaughtMail[];
  readonly log: LoadLog;
  readonly timeZone: string;
  readonly now: () => Date;
  readonly deadlineMs: number;
  readonly concurrency: number;
  readonly pageSize: number;
  readonly attemptBound: number;
  readonly faultsEndedAt?: Date;
  private readonly answers = new Map<string, Promise<Answer<unknown>>>();
  private readonly lists = new Map<string, Promise<WorkflowExecutionInfo[]>>();
  private rows?: Promise<ComplaintRow[]>;

  constructor(options: CheckOptions) {
    this.prisma = options.prisma;
    this.temporal = options.temporal;
    this.caught = options.caught;
    this.log = options.log;
    this.timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
    this.now = options.now ?? (() => new Date());
    this.deadlineMs = options.queryDeadlineMs ?? 5_000;
    this.concurrency = options.concurrency ?? 8;
    this.pageSize = options.pageSize ?? 100;
    this.attemptBound = options.activityAttemptBound ?? 3;
    this.faultsEndedAt = options.faultsEndedAt;
  }

  /** `fn` over `items`, `concurrency` at a time. */
  each<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    return mapBounded(items, this.concurrency, fn);
  }

  /** Every complaint row (the columns the invariants read). */
  complaints(): Promise<ComplaintRow[]> {
    this.rows ??= this.prisma.complaint.findMany({
      select: { number: true, workflowId: true, requestKey: true, stage: true },
      orderBy: { number: 'asc' },
    });
    return this.rows;
  }

  /** The executions (every run) visibility lists for `query`, page by page. */
  workflows(query: string): Promise<WorkflowExecutionInfo[]> {
    let listed = this.lists.get(query);
    if (!listed) {
      listed = this.temporal.withDeadline(Date.now() + 12 * this.deadlineMs, async () => {
        const infos: WorkflowExecutionInfo[] = [];
        for await (const info of this.temporal.workflow.list({ query, pageSize: this.pageSize })) infos.push(info);
        return infos;
      });
      this.lists.set(query, listed);
    }
    return listed;
  }

  complaintStatus(number: string): Promise<Answer<ComplaintStatus>> {
    return this.remember(`status:${number}`, () => this.handle(complaintWorkflowId(number)).query(statusQuery));
  }

  carStatus(carNumber: string): Promise<Answer<CorrectiveActionStatus>> {
    return this.remember(`car:${carNumber}`, () =>
      this.handle(correctiveActionWorkflowId(carNumber)).query(carStatusQuery),
    );
  }

  recallStatus(number: string): Promise<Answer<RecallStatus>> {
    return this.remember(`recall:${number}`, () => this.handle(recallWorkflowId(number)).query(recallStatusQuery));
  }

  describe(workflowId: string): Promise<Answer<Description>> {
    return this.remember(`describe:${workflowId}`, () => this.handle(workflowId).describe());
  }

  /** The workflow's history (its latest run), with three times the deadline of a query. */
  history(workflowId: string): Promise<Answer<HistoryEvent[]>> {
    return this.remember(
      `history:${workflowId}`,
      async () => (await this.handle(workflowId).fetchHistory()).events ?? [],
      3 * this.deadlineMs,
    );
  }

  /** Asks once, within the deadline; never throws. Not kept: for answers read again on purpose. */
  async ask<T>(run: () => Promise<T>, deadlineMs = this.deadlineMs): Promise<Answer<T>> {
    const late: Answer<T> = { ok: false, notFound: false, reason: `no answer within ${deadlineMs / 1000} s` };
    let timer: NodeJS.Timeout | undefined;
    // the timer also bounds the client's own retries, which may outlast the gRPC deadline
    const timeout = new Promise<Answer<T>>((resolve) => (timer = setTimeout(() => resolve(late), deadlineMs + 500)));
    const asked = this.temporal.withDeadline(Date.now() + deadlineMs, run).then(
      (value): Answer<T> => ({ ok: true, value }),
      (error: unknown): Answer<T> => {
        if (isNotFound(error)) return { ok: false, notFound: true, reason: 'Temporal has no such workflow' };
        if (isGrpcDeadlineError(error)) return late;
        const cause = (error as Error).cause as Error | undefined;
        return { ok: false, notFound: false, reason: [error, cause].filter(Boolean).map(String).join(': ') };
      },
    );
    return Promise.race([asked, timeout]).finally(() => clearTimeout(timer));
  }

  handle(workflowId: string) {
    return this.temporal.workflow.getHandle(workflowId);
  }

  private remember<T>(key: string, run: () => Promise<T>, deadlineMs = this.deadlineMs): Promise<Answer<T>> {
    let answer = this.answers.get(key) as Promise<Answer<T>> | undefined;
    if (!answer) {
      answer = this.ask(run, deadlineMs);
      this.answers.set(key, answer);
    }
    return answer;
  }
}
