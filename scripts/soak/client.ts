/**
 * The soak's HTTP client, retrying as a real client does: after a 502, 503 or 504, a dropped connection or a
 * timeout it sends the same request again, with the same Idempotency-Key, to the next API — until it gets an
 * answer or its deadline passes (then the request is counted unanswered: it may or may not have been taken).
 */
import type { Role } from '../../domain/roles';

/** The parts of the API's answers the soak reads (a complaint, an 8D, a recall; their live status). */
export interface AnswerBody {
  number?: string;
  /** A refusal's reason. */
  message?: string;
  stage?: string;
  live?: {
    pendingEffects?: number;
    phase?: string;
    openActions?: Array<{ action: string; roles: Role[] }>;
  } | null;
}

export interface Answer {
  status: number;
  body: AnswerBody;
  /** How many times the request was sent before this answer (1: no retry). */
  attempts?: number;
}

export interface ClientCounts {
  /** Requests sent, retries included. */
  sent: number;
  retried: number;
  unanswered: number;
  byStatus: Record<string, number>;
  /** Answers (of any status) by the API that gave them. */
  byApi: Record<string, number>;
}

const RETRY_STATUSES = new Set([502, 503, 504]);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SoakClient {
  readonly counts: ClientCounts = { sent: 0, retried: 0, unanswered: 0, byStatus: {}, byApi: {} };
  private turn = 0;

  constructor(
    private readonly apis: () => string[],
    private readonly tokens: Record<Role, string>,
    private readonly deadlineMs = 180_000,
  ) {}

  async call(method: string, path: string, role: Role, body?: unknown, key?: string): Promise<Answer | undefined> {
    const until = Date.now() + this.deadlineMs;
    for (let attempt = 0; Date.now() < until; attempt++) {
      if (attempt > 0) {
        this.counts.retried += 1;
        await pause(Math.min(5_000, 250 * 2 ** Math.min(attempt, 5)));
      }
      const answer = await this.once(method, path, role, body, key);
      if (answer && !RETRY_STATUSES.has(answer.status)) {
        this.counts.byStatus[answer.status] = (this.counts.byStatus[answer.status] ?? 0) + 1;
        return { ...answer, attempts: attempt + 1 };
      }
    }
    this.counts.unanswered += 1;
    return undefined;
  }

  /** One try at the next API that runs; undefined for no answer at all. */
  private async once(method: string, path: string, role: Role, body: unknown, key: string | undefined) {
    const apis = this.apis();
    if (!apis.length) return undefined;
    const api = apis[this.turn++ % apis.length]!;
    this.counts.sent += 1;
    try {
      const res = await fetch(`${api}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.tokens[role]}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(key && { 'idempotency-key': key }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      this.counts.byApi[api] = (this.counts.byApi[api] ?? 0) + 1;
      const json = text && res.headers.get('content-type')?.includes('json');
      return { status: res.status, body: (json ? JSON.parse(text) : {}) as AnswerBody };
    } catch {
      return undefined;
    }
  }
}
