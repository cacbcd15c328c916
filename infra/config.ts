import { z } from 'zod';
import { COMPLAINT_TASK_QUEUE } from '../domain/complaint-contract';

const port = z.coerce.number().int().min(1).max(65535);
const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not an IANA time zone' },
);

/**
 * The secret of customer links when none is configured, so the service runs on its embedded defaults; anyone
 * can forge links with it, so `loadConfig` refuses it when NODE_ENV is `production`.
 */
export const DEVELOPMENT_CUSTOMER_LINK_SECRET = 'development-only-customer-link-secret-never-use-in-production';

const linkSecret = z.string().min(32, 'must be at least 32 characters');

/** Every setting the service reads, with its default. The README's configuration table mirrors it. */
export const configSchema = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(COMPLAINT_TASK_QUEUE),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: boolean.optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }),
  MAIL_FROM: z.string().min(3).default('Complaint Desk <complaints@example.com>'),
  /** Where consignees answer a recall notice (default: the address of MAIL_FROM) and the phone they may call. */
  RECALL_ANSWER_EMAIL: z.email().optional(),
  RECALL_ANSWER_PHONE: z.string().min(3).max(50).optional(),
  /**
   * The mailbox customers reply to: each complaint's emails to its customer carry the Reply-To
   * `<local>+<complaint number>@<domain>` (plus-addressing); unset: no Reply-To.
   */
  REPLY_MAILBOX: z
    .email()
    .refine((a) => !a.split('@')[0]!.includes('+'), { message: 'must be a mailbox without a +tag' })
    .optional(),
  /** Port of the API's inbound SMTP listener for customer replies (0: any free port); unset: no listener. */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** The largest inbound message the listener takes (bytes); a larger one is refused with 552. */
  INBOUND_SMTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Signs the customers' links (infra/customer-links.ts); at least 32 characters. */
  CUSTOMER_LINK_SECRET: linkSecret.default(DEVELOPMENT_CUSTOMER_LINK_SECRET),
  /** Comma-separated secrets of before a rotation: links signed with them still verify until they expire. */
  CUSTOMER_LINK_PREVIOUS_SECRETS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(linkSecret))
    .default([]),
  /** Where customers reach the service: the base of the links in their emails (`<base>/c/<token>`). */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    .default('http://localhost:3000'),
  API_HOST: z.string().min(1).default('0.0.0.0'),
  API_PORT: port.default(3000),
  COMPLAINT_TIMEZONE: timeZone.default('Asia/Shanghai'),
  DEFAULT_PROFILE: z.string().min(1).default('industrial-fault'),
  /** Comma-separated JSON files with company profiles, added to the five built-ins. */
  PROFILE_FILES: z.string().optional(),
  /** Comma-separated JSON files, each one year of a working calendar's holidays (infra/calendar-files.ts). */
  CALENDAR_FILES: z.string().optional(),
  DIRECTORY_FILE: z.string().optional(),
  WORKFLOW_START_RETRY_SECONDS: z.coerce.number().int().min(1).default(15),
  /** Failed authentications (401) a client may make per minute before it gets 429. */
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** How long a valid bearer token is trusted without reading the staff table again (0: read every time). */
  AUTH_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
  /**
   * Minutes after which an `uncertain` email (its send died mid-SMTP) is sent again by itself with the same
   * Message-ID; 0 (the default): only staff resend it, after checking.
   */
  OUTBOX_UNCERTAIN_RESEND_MINUTES: z.coerce.number().min(0).max(10_080).default(0),
  /** How long GET …/records waits for the workflow to finish recording the actions it has answered. */
  RECORDS_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(3_000),
  /** Complaints kept in the worker's cache (each holds its workflow state in memory); the rest replay on demand. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(500),
  /**
   * The V8 old-space limit of the thread that runs the workflows, in MiB. Without it V8 lets that heap grow to a
   * quarter of the machine's memory before collecting (GiBs of garbage); live it holds ~0.2 MB per cached
   * complaint plus the bundle, so the default leaves threefold headroom at the default cache of 500.
   */
  WORKER_WORKFLOW_HEAP_MB: z.coerce.number().int().min(128).max(16_384).default(384),
  /** Activities (SQL, SMTP) run at once by one worker; keep near DATABASE_POOL_MAX. */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(20),
  /** host:port where the worker serves its Prometheus metrics (activity failures, task latencies); unset: none. */
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port, e.g. 0.0.0.0:9464')
    .optional(),
  /** Workflow tasks run at once by one worker. */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(20),
  /** Font of the 8D report's PDF; it must have Chinese glyphs (Debian's fonts-noto-cjk; a .ttc uses its SC face). */
  REPORT_FONT_FILE: z.string().min(1).default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  /** JSON file of customer-prescribed 8D report templates (004 §5.2 f), by customer name; unset: none. */
  REPORT_TEMPLATES_FILE: z.string().optional(),
});

/** The parsed configuration. */
export type Config = z.infer<typeof configSchema>;

/** Raised when a setting is missing or malformed; the message names every bad setting. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the configuration once, from the process environment plus explicit overrides (the embedded
 * launcher supplies the addresses of what it started). Empty strings count as unset.
 */
export function loadConfig(overrides: Record<string, string | undefined> = {}): Config {
  const config = parseConfig(configSchema, overrides);
  const secrets = [config.CUSTOMER_LINK_SECRET, ...config.CUSTOMER_LINK_PREVIOUS_SECRETS];
  if (settings(overrides).NODE_ENV === 'production' && secrets.includes(DEVELOPMENT_CUSTOMER_LINK_SECRET)) {
    throw new ConfigError([
      'CUSTOMER_LINK_SECRET: must be set to a secret of this deployment when NODE_ENV is production ' +
        '(the built-in development secret lets anyone forge customer links)',
    ]);
  }
  return config;
}

/** Only the database's settings, for commands that need nothing else (the first administrator). */
export function loadDatabaseConfig(): Pick<Config, 'DATABASE_URL'> {
  return parseConfig(configSchema.pick({ DATABASE_URL: true }));
}

/** Temporal's settings and the company's time zone: what a command that talks to Temporal alone needs. */
export type TemporalConfig = Pick<
  Config,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TASK_QUEUE'
  | 'TEMPORAL_API_KEY'
  | 'TEMPORAL_TLS'
  | 'COMPLAINT_TIMEZONE'
>;

/** Only Temporal's settings and the time zone, for commands that need nothing else (the monthly report's backfill). */
export function loadTemporalConfig(): TemporalConfig {
  return parseConfig(
    configSchema.pick({
      TEMPORAL_ADDRESS: true,
      TEMPORAL_NAMESPACE: true,
      TEMPORAL_TASK_QUEUE: true,
      TEMPORAL_API_KEY: true,
      TEMPORAL_TLS: true,
      COMPLAINT_TIMEZONE: true,
    }),
  );
}

/** The process environment with the overrides on top; empty strings dropped. */
function settings(overrides: Record<string, string | undefined>): Record<string, string> {
  const source: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...overrides })) {
    if (value !== undefined && value !== '') source[key] = value;
  }
  return source;
}

function parseConfig<S extends z.ZodType>(schema: S, overrides: Record<string, string | undefined> = {}): z.infer<S> {
  const source = settings(overrides);
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return issue.code === 'invalid_type' && source[name] === undefined
          ? `${name}: required but not set`
          : `${name}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

/** The environment as read at start-up, for launchers that decide what to embed. */
export function environment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
