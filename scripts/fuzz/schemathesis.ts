/**
 * Schemathesis (PyPI) against the running API: installed into a project-local virtualenv, run over the
 * OpenAPI document with a staff token, its requests counted from its NDJSON event log.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../../infra/project-root';

/** The schemathesis release the fuzz pass is written against (its check names and report format). */
export const SCHEMATHESIS_VERSION = '4.32.5';
/**
 * The checks every response must pass: no 5xx, a body that matches the documented schema, and a status,
 * content type and headers the document names for the operation.
 */
export const FUZZ_CHECKS = [
  'not_a_server_error',
  'response_schema_conformance',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
] as const;

const VENV = path.join('.tools', 'fuzz-venv');

/**
 * The schemathesis executable in `.tools/fuzz-venv`, installed from PyPI when missing or of another
 * version. Throws, saying what to do, when Python or PyPI is not available: the fuzz pass never skips.
 */
export function ensureSchemathesis(): string {
  const venv = path.join(projectRoot(), VENV);
  const bin = path.join(venv, 'bin', 'schemathesis');
  const installed = () => {
    try {
      return execFileSync(bin, ['--version'], { encoding: 'utf8' }).includes(SCHEMATHESIS_VERSION);
    } catch {
      return false;
    }
  };
  if (installed()) return bin;
  try {
    if (!fs.existsSync(path.join(venv, 'bin', 'pip'))) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'pipe' });
    execFileSync(
      path.join(venv, 'bin', 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
      { stdio: 'pipe' },
    );
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString() || (error as Error).message;
    throw new Error(
      `could not install schemathesis==${SCHEMATHESIS_VERSION} from PyPI into ${VENV} (needs python3 with venv and ` +
        `access to PyPI):\n${detail}`,
    );
  }
  if (!installed()) throw new Error(`schemathesis==${SCHEMATHESIS_VERSION} is not runnable from ${bin} after install`);
  return bin;
}

/** Known values schemathesis draws path parameters from (it cannot invent a complaint number that exists). */
export interface FuzzValues {
  /** Complaint numbers that exist. */
  numbers: string[];
  /** Ids of staff members, profiles and emails that exist (path parameter `id`). */
  ids: string[];
  /** Corrective-action numbers that exist (path parameter `number` under /corrective-actions). */
  cars: string[];
}

/** The schemathesis phases the fuzz pass uses (not `stateful`). */
export type Phase = 'examples' | 'coverage' | 'fuzzing';

export interface FuzzOptions {
  /** Base URL of the API (scheme, host, port). */
  apiUrl: string;
  /** Bearer token of the staff member that fuzzes (an admin reaches every operation). */
  token: string;
  /** At least this many requests: rounds with new seeds run until they are made. */
  requests: number;
  values: FuzzValues;
  /**
   * Concurrent schemathesis workers (threads; 1 by default: with more, CPython 3.11's `ast` races inside
   * Hypothesis, "SystemError: AST constructor recursion depth mismatch", and an operation's tests stop).
   */
  workers?: number;
  /** The seed of the first round (each further round adds one). */
  seed?: number;
  /** Where the config and the NDJSON reports go; a temporary directory otherwise. */
  workDir?: string;
  /**
   * Schemathesis phases; all but `stateful` by default. `coverage` sends a fixed set of boundary and
   * malformed cases per operation (about 2,000 requests here) whatever the number asked for.
   */
  phases?: Phase[];
  /** The checks to run; FUZZ_CHECKS by default. */
  checks?: readonly string[];
  /** Each round's progress line. */
  log?: (line: string) => void;
}

export interface FuzzFailure {
  operation: string;
  check: string;
  status?: number;
  title: string;
  /** A curl command that repeats the request (the token from $TOKEN). */
  curl?: string;
}

export interface FuzzSummary {
  /** The checks every response went through. */
  checks: readonly string[];
  requests: number;
  /** Responses with a 5xx status. */
  serverErrors: number;
  /** Failures of response_schema_conformance. */
  schemaViolations: number;
  /** Failing responses per check. */
  checkFailures: Record<string, number>;
  /** Every distinct check failure schemathesis reported. */
  failures: FuzzFailure[];
  /** Requests per operation ("POST /api/v1/complaints"). */
  byOperation: Record<string, number>;
  /** Responses per status code. */
  byStatus: Record<string, number>;
  rounds: number;
  ms: number;
  /** Errors schemathesis reported that are not check failures (an operation's tests stopped early). */
  errors: string[];
  /** Requests with a hostile value in a query or path parameter (scripts/fuzz/hooks.py), by status. */
  hostile: Record<string, number>;
}

function toml(): string {
  return [
    `headers = { Authorization = "Bearer \${FUZZ_TOKEN}" }`,
    `hooks = ${JSON.stringify(path.join(projectRoot(), 'scripts', 'fuzz', 'hooks.py'))}`,
    `request-timeout = 30.0`,
    `[generation]`,
    // the token is a fixed header: requests without it would trip the 429 limit of failed authentications
    `with-security-parameters = false`,
    // PostgreSQL text cannot hold NUL; the API must refuse it with a 400, so it stays in the generated data
    `allow-x00 = true`,
    '',
  ].join('\n');
}

interface RoundResult {
  code: number | null;
  ndjson: string;
  stderr: string;
}

function runRound(bin: string, options: FuzzOptions, dir: string, round: number, phases: Phase[], maxExamples: number) {
  const ndjson = path.join(dir, `round-${round}.ndjson`);
  const args = [
    '--config-file',
    path.join(dir, 'schemathesis.toml'),
    'run',
    `${options.apiUrl}/api/openapi.json`,
    '--url',
    options.apiUrl,
    '--checks',
    (options.checks ?? FUZZ_CHECKS).join(','),
    '--phases',
    phases.join(','),
    '--max-examples',
    String(maxExamples),
    '--seed',
    String((options.seed ?? 1) + round),
    '--workers',
    String(options.workers ?? 1),
    '--continue-on-failure',
    '--no-shrink',
    '--suppress-health-check',
    'all',
    '--report',
    'ndjson',
    '--report-ndjson-path',
    ndjson,
    '--no-color',
  ];
  return new Promise<RoundResult>((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: dir,
      env: {
        ...process.env,
        FUZZ_TOKEN: options.token,
        FUZZ_VALUES: JSON.stringify({
          number: options.values.numbers,
          id: options.values.ids,
          car: options.values.cars,
        }),
        FUZZ_SEED: String((options.seed ?? 1) + round),
        SCHEMATHESIS_TELEMETRY: 'false',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout = (stdout + c.toString()).slice(-20_000)));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-20_000)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, ndjson, stderr: `${stdout}\n${stderr}` }));
  });
}

/** The parts of schemathesis's NDJSON events the summary reads. */
interface RecordedRequest {
  method: string;
  uri: string;
  headers?: Record<string, string[]>;
  body?: { $base64?: string };
}
interface RecordedInteraction {
  request?: RecordedRequest;
  response: { status_code: number } | null;
}
interface RecordedCheck {
  name: string;
  status: string;
  failure_info?: { failure?: { title?: string; message?: string } };
}
interface NdjsonEvent {
  NonFatalError?: { label?: string; value?: { type?: string; message?: string } };
  ScenarioFinished?: {
    recorder: {
      label: string;
      interactions?: Record<string, RecordedInteraction>;
      checks?: Record<string, RecordedCheck[]>;
    };
  };
}

/** A curl command that repeats a recorded request (the token comes from $TOKEN). */
function curlOf(request: RecordedRequest | undefined): string | undefined {
  if (!request) return undefined;
  const quote = (v: string) => `'${v.replace(/'/g, `'\\''`)}'`;
  const headers = Object.entries(request.headers ?? {})
    .filter(([name]) => name.toLowerCase() !== 'authorization')
    .map(([name, values]) => ` -H ${quote(`${name}: ${values.join(', ')}`)}`)
    .join('');
  const raw = request.body?.$base64;
  const data = raw === undefined ? '' : ` --data-binary ${quote(Buffer.from(raw, 'base64').toString('latin1'))}`;
  return `curl -X ${request.method} ${quote(request.uri)} -H "Authorization: Bearer $TOKEN"${headers}${data}`;
}

/** Adds one round's NDJSON events to `summary`. */
async function tally(file: string, summary: FuzzSummary, seen: Set<string>): Promise<void> {
  if (!fs.existsSync(file)) return;
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const event = JSON.parse(line) as NdjsonEvent;
    if (event.NonFatalError) {
      const { label, value } = event.NonFatalError;
      summary.errors.push(`${label ?? ''} ${value?.type ?? ''}: ${value?.message ?? ''}`);
    }
    if (!event.ScenarioFinished) continue;
    const { label, interactions = {}, checks = {} } = event.ScenarioFinished.recorder;
    for (const interaction of Object.values(interactions)) {
      const status = interaction.response?.status_code;
      summary.requests += 1;
      summary.byOperation[label] = (summary.byOperation[label] ?? 0) + 1;
      const key = status === undefined ? 'no response' : String(status);
      summary.byStatus[key] = (summary.byStatus[key] ?? 0) + 1;
      if (status !== undefined && status >= 500) summary.serverErrors += 1;
      if (interaction.request?.headers?.['X-Fuzz-Hostile']) summary.hostile[key] = (summary.hostile[key] ?? 0) + 1;
    }
    for (const [caseId, results] of Object.entries(checks)) {
      for (const check of results) {
        if (check.status.toLowerCase() !== 'failure') continue;
        summary.checkFailures[check.name] = (summary.checkFailures[check.name] ?? 0) + 1;
        if (check.name === 'response_schema_conformance') summary.schemaViolations += 1;
        const info = check.failure_info?.failure ?? {};
        const title = `${info.title ?? check.name}: ${(info.message ?? '').replace(/\s+/g, ' ').slice(0, 600)}`;
        if (seen.has(`${label}|${check.name}|${title}`)) continue;
        seen.add(`${label}|${check.name}|${title}`);
        const interaction = interactions[caseId];
        summary.failures.push({
          operation: label,
          check: check.name,
          status: interaction?.response?.status_code,
          title,
          curl: curlOf(interaction?.request),
        });
      }
    }
  }
}

/**
 * Runs schemathesis rounds (examples, coverage and fuzzing phases; a new seed each round) until at
 * least `requests` requests were made, and sums up what they found.
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const bin = ensureSchemathesis();
  const dir = options.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'complaints-fuzz-'));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'schemathesis.toml'), toml());
  const started = Date.now();
  const summary: FuzzSummary = {
    checks: options.checks ?? FUZZ_CHECKS,
    requests: 0,
    serverErrors: 0,
    schemaViolations: 0,
    checkFailures: {},
    failures: [],
    byOperation: {},
    byStatus: {},
    rounds: 0,
    ms: 0,
    errors: [],
    hostile: {},
  };
  const seen = new Set<string>();
  const document = (await (await fetch(`${options.apiUrl}/api/openapi.json`)).json()) as {
    paths: Record<string, object>;
  };
  const operations = Object.values(document.paths).flatMap((methods) => Object.keys(methods)).length;
  const MAX_ROUNDS = 20;
  try {
    while (summary.requests < options.requests && summary.rounds < MAX_ROUNDS) {
      const missing = options.requests - summary.requests;
      // the coverage phase's cases are fixed (about 55 an operation here): once is enough
      const phases = (options.phases ?? ['examples', 'coverage', 'fuzzing']).filter(
        (phase) => phase !== 'coverage' || summary.rounds === 0,
      );
      const coverage = phases.includes('coverage') ? 55 * operations : 0;
      // about one request per example and operation in the fuzzing phase
      const maxExamples = Math.max(10, Math.ceil(((missing - coverage) / operations) * (coverage ? 1.1 : 1.4)));
      const before = summary.requests;
      const result = await runRound(
        bin,
        options,
        dir,
        summary.rounds,
        phases.length ? phases : ['fuzzing'],
        maxExamples,
      );
      await tally(result.ndjson, summary, seen);
      summary.rounds += 1;
      options.log?.(
        `round ${summary.rounds} (${phases.join(', ')}; max-examples ${maxExamples}): ` +
          `${summary.requests - before} requests, ` +
          `${summary.requests} in all, schemathesis exit ${result.code}`,
      );
      if (summary.requests === before)
        throw new Error(`schemathesis made no requests (exit ${result.code}):\n${result.stderr.slice(-4_000)}`);
      // exit 1 means failures found (tallied above); anything else is schemathesis itself failing
      if (result.code !== 0 && result.code !== 1)
        throw new Error(`schemathesis failed (exit ${result.code}):\n${result.stderr.slice(-4_000)}`);
    }
    summary.ms = Date.now() - started;
    return summary;
  } finally {
    if (!options.workDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The summary as printed by `npm run fuzz`. */
export function formatSummary(summary: FuzzSummary): string {
  const ops = Object.entries(summary.byOperation).sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...ops.map(([op]) => op.length));
  const statuses = Object.entries(summary.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([s, n]) => `${s}: ${n}`)
    .join(', ');
  const failures = summary.failures.map(
    (f) =>
      `  - ${f.operation} [${f.check}${f.status ? `, ${f.status}` : ''}] ${f.title}${f.curl ? `\n    ${f.curl}` : ''}`,
  );
  return [
    `Fuzz (schemathesis ${SCHEMATHESIS_VERSION}, checks ${summary.checks.join(', ')})`,
    `  requests           ${summary.requests} in ${(summary.ms / 1000).toFixed(0)} s (${summary.rounds} rounds)`,
    `  server errors      ${summary.serverErrors}`,
    `  schema violations  ${summary.schemaViolations}`,
    `  check failures     ${JSON.stringify(summary.checkFailures)}`,
    `  statuses           ${statuses}`,
    `  hostile parameters ${JSON.stringify(summary.hostile)}`,
    `  requests per operation:`,
    ...ops.map(([op, n]) => `    ${op.padEnd(width)}  ${n}`),
    ...(failures.length ? ['  failures:', ...failures] : []),
    ...(summary.errors.length ? ['  schemathesis errors:', ...summary.errors.map((e) => `  - ${e}`)] : []),
  ].join('\n');
}
