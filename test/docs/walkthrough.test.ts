/**
 * docs/walkthrough.md is a test: every ```sh block of it runs, in order, in ONE bash session (so the numbers,
 * dates and helpers a block sets carry over), against a service started as `npm start` starts it (scripts/dev.ts):
 * a fresh database with the demo staff seeded and their tokens in `$DATA_DIR/demo-tokens.txt`, the worker and the
 * API (`runApi`: schedules, sweeps, the reply listener) on the run's Temporal dev server — in a namespace of its
 * own, so the schedules and workflow IDs the page names (`maintenance-due-visits`, …) and its `temporal workflow
 * list` queries see only this walk-through's.
 *
 * The page's convention (stated at its top): every request of a block answers 2xx, unless the block begins with
 * `# expect: NNN`, when every request of it answers NNN; requests inside `wait_for` are polls and are not
 * checked one by one (the poll fails the block when it times out). The session's `curl` is wrapped to log each
 * request's status; an ERR trap logs every command of a block that fails. A block that breaks either rule fails
 * the test named after it (its heading and first line), with its output; the blocks after it are not run.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Long from 'long';
import pg from 'pg';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { runApi, type RunningApi } from '../../api/run-api';
import { loadConfig } from '../../infra/config';
import { createPrisma, type PrismaClient } from '../../infra/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../infra/embedded-postgres';
import { createLogger } from '../../infra/logger';
import { startMailCatcher, type MailCatcher } from '../../infra/mail-catcher';
import { createMailer, type Mailer } from '../../infra/mailer';
import { applyMigrations } from '../../infra/migrate';
import { projectRoot } from '../../infra/project-root';
import { seedDemoStaff } from '../../infra/staff';
import { ensureSearchAttributes } from '../../infra/temporal-connection';
import { freePort } from '../../infra/temporal-dev-server';
import { runWorker, type RunningWorker } from '../../worker/run-worker';
import { eventually } from '../support/eventually';
import { testStack } from '../support/stack-registry';

const DOC = path.join(projectRoot(), 'docs', 'walkthrough.md');
const BLOCK_TIMEOUT_MS = 60_000;

interface Block {
  index: number;
  /** 1-based line of the opening fence in the page. */
  line: number;
  heading: string;
  firstLine: string;
  code: string;
  /** The status every request of the block answers: a number, or any 2xx. */
  expect: number | '2xx';
}

/** The ```sh blocks of a Markdown page, in order, each with the heading it stands under. */
function shBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  let heading = '(top of the page)';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const title = /^#{1,6}\s+(.*)$/.exec(line);
    if (title) heading = title[1]!.trim();
    if (line.trim() !== '```sh') continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`${DOC}:${start + 1}: a sh block is never closed`);
    const lead = body.find((l) => l.trim() !== '') ?? '';
    const marker = /^#\s*expect:\s*(\d{3})\s*$/.exec(lead.trim());
    const firstLine = marker ? (body.find((l) => l.trim() !== '' && l !== lead) ?? '') : lead;
    blocks.push({
      index: blocks.length + 1,
      line: start + 1,
      heading,
      firstLine: firstLine.trim(),
      code: body.join('\n') + '\n',
      expect: marker ? Number(marker[1]) : '2xx',
    });
  }
  return blocks;
}

const blocks = shBlocks(fs.readFileSync(DOC, 'utf8'));
const describeBlock = (b: Block) =>
  `block ${b.index} (docs/walkthrough.md:${b.line}, under "${b.heading}"${b.expect === '2xx' ? '' : `, expect ${b.expect}`}): ${b.firstLine.slice(0, 90)}`;

/**
 * The session's own lines, sourced before the first block: `curl` logs the status of each HTTP request (its
 * headers dumped to a file of its own; the page's `-o`/`-w` are left alone), skipping polls made inside
 * `wait_for`; a command of a block that fails is logged by the ERR trap. (`%{` stands for bash's `${`, which a
 * template literal would take for its own.)
 */
const PRELUDE = String.raw`
exec 2>&1
__block=0
curl() {
  local __h __rc __s='' __url='' __method='' __data='' __prev='' __a
  for __a in "$@"; do
    case $__a in http://*|https://*) __url=$__a;; esac
    case $__prev in -X|--request) __method=$__a;; esac
    case $__a in -d|--data*|--upload-file|-T|-F|--form) __data=1;; esac
    __prev=$__a
  done
  case " $* " in
    *" -D "*|*" --dump-header "*|*" -i "*|*" --include "*) command curl "$@"; __rc=$?; __s='?' ;;
    *) __h=$(mktemp); command curl -D "$__h" "$@"; __rc=$?
       __s=$(awk '/^HTTP\//{s=$2} END{print s}' "$__h"); rm -f "$__h" ;;
  esac
  [ -n "$__method" ] || { [ -n "$__data" ] && __method=POST || __method=GET; }
  case " %{FUNCNAME[*]} " in
    *" wait_for "*) ;;
    *) [ -z "$__url" ] || printf 'REQ\t%s\t%s\t%s %s\n' "$__block" "%{__s:-000}" "$__method" "$__url" >> "$WALK_LOG" ;;
  esac
  return $__rc
}
trap '__rc=$?; printf "ERR\t%s\t%s\t%s\n" "$__block" "$__rc" "$BASH_COMMAND" >> "$WALK_LOG"' ERR
`.replaceAll('%{', '${');

/** One bash process fed the blocks one at a time; output (stdout and stderr) collected as it comes. */
class BashSession {
  private output = '';
  private exited: string | undefined;
  private waiters: Array<() => void> = [];

  constructor(private readonly proc: ChildProcessWithoutNullStreams) {
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      for (const wake of this.waiters.splice(0)) wake();
    };
    proc.stdout.on('data', take);
    proc.stderr.on('data', take);
    proc.on('exit', (code, signal) => {
      this.exited = `bash exited (${signal ?? code})`;
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  /** Sources `file` with `__block` set; resolves with what it printed. */
  async run(index: number, file: string, timeoutMs: number): Promise<{ output: string; timedOut: boolean }> {
    const start = this.output.length;
    const marker = `__walkthrough_block_${index}_done__`;
    this.proc.stdin.write(`__block=${index}; source '${file}' < /dev/null; printf '\\n%s\\n' '${marker}'\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.output.indexOf(`${marker}\n`, start);
      if (at >= 0) return { output: this.output.slice(start, at), timedOut: false };
      if (this.exited) return { output: `${this.output.slice(start)}\n${this.exited}`, timedOut: false };
      const left = deadline - Date.now();
      if (left <= 0) return { output: this.output.slice(start), timedOut: true };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  stop(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }
}

function temporalCli(): string {
  if (process.env.TEMPORAL_CLI_PATH) return process.env.TEMPORAL_CLI_PATH;
  const out = execFileSync('bash', [path.join(projectRoot(), 'scripts', 'provision-temporal.sh')], {
    encoding: 'utf8',
  });
  const cli = /^TEMPORAL_CLI_PATH=(.+)$/m.exec(out)?.[1];
  if (!cli) throw new Error('the Temporal CLI could not be provisioned (scripts/provision-temporal.sh)');
  return cli;
}

function needTool(name: string, install: string): void {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error(`docs/walkthrough.md needs ${name} on the PATH: ${install}`);
  }
}

/** A database of its own, as `npm start` has one: on the run's PostgreSQL server, or an embedded one. */
async function freshDatabase(dir: string): Promise<{ url: string; poolMax: string; drop(): Promise<void> }> {
  const stack = testStack();
  if (stack.databaseKind === 'embedded') {
    const embedded: EmbeddedPostgres = await startEmbeddedPostgres(path.join(dir, 'pglite'), await freePort());
    return { url: embedded.url, poolMax: '1', drop: () => embedded.stop() };
  }
  const name = `walkthrough_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: stack.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(stack.databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    poolMax: '10',
    async drop() {
      const dropper = new pg.Client({ connectionString: stack.databaseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** A namespace of its own on the run's dev server, with the search attributes the workflows set. */
async function freshNamespace(address: string): Promise<string> {
  const namespace = `walkthrough-${randomUUID().slice(0, 8)}`;
  const connection = await NativeConnection.connect({ address });
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(86_400) },
    });
    const logger = createLogger('silent');
    await eventually(
      () => ensureSearchAttributes(connection, namespace, logger).then((added) => (added.length ? true : undefined)),
      30_000,
    );
  } finally {
    await connection.close();
  }
  return namespace;
}

let dir: string;
let session: BashSession | undefined;
let walkLog: string;
let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
let catcher: MailCatcher | undefined;
let prisma: PrismaClient | undefined;
let mailer: Mailer | undefined;
let worker: RunningWorker | undefined;
let api: RunningApi | undefined;
let temporalAddress: string;
let namespace: string;
let failed: Block | undefined;

beforeAll(async () => {
  needTool('curl', 'apt-get install -y curl');
  needTool('jq', 'apt-get install -y jq (or brew install jq)');
  const cli = temporalCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walkthrough-'));
  temporalAddress = testStack().temporalAddress;
  namespace = await freshNamespace(temporalAddress);
  database = await freshDatabase(dir);
  await applyMigrations(database.url);
  catcher = await startMailCatcher();
  const replies = await freePort();
  const config = loadConfig({
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: database.poolMax,
    SMTP_URL: catcher.smtpUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    API_HOST: '127.0.0.1',
    API_PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    REPLY_MAILBOX: 'replies@example.com',
    INBOUND_SMTP_HOST: '127.0.0.1',
    INBOUND_SMTP_PORT: String(replies),
  });
  const logger = createLogger(config.LOG_LEVEL);
  prisma = createPrisma(config.DATABASE_URL, config.DATABASE_POOL_MAX);
  mailer = createMailer(config.SMTP_URL, config.MAIL_FROM);
  // what `npm start` does on a first start: demo staff, one per role, their tokens in $DATA_DIR/demo-tokens.txt
  const tokens = await seedDemoStaff(prisma);
  if (!tokens) throw new Error('the fresh database already had staff');
  const dataDir = path.join(dir, '.data');
  fs.mkdirSync(dataDir);
  fs.writeFileSync(
    path.join(dataDir, 'demo-tokens.txt'),
    Object.entries(tokens)
      .map(([role, token]) => `${role}=${token}`)
      .join('\n') + '\n',
    { mode: 0o600 },
  );
  worker = await runWorker(config, { prisma, mailer, logger });
  api = await runApi(config, { prisma, mailer, logger });

  walkLog = path.join(dir, 'walkthrough.log');
  fs.writeFileSync(walkLog, '');
  const prelude = path.join(dir, 'prelude.sh');
  fs.writeFileSync(prelude, PRELUDE);
  const proc = spawn('bash', ['--noprofile', '--norc'], {
    cwd: dir,
    env: {
      ...process.env,
      // the variables the page's top tells the reader to set when theirs differ from `npm start`'s
      API: api.url,
      DATA_DIR: dataDir,
      T: cli,
      REPLIES: `127.0.0.1:${replies}`,
      // read by the Temporal CLI (`$T`)
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      WALK_LOG: walkLog,
    },
  });
  session = new BashSession(proc);
  const { output, timedOut } = await session.run(0, prelude, 10_000);
  if (timedOut || output.trim()) throw new Error(`the bash session did not start: ${output}`);
}, 180_000);

afterAll(async () => {
  session?.stop();
  await api?.stop();
  await worker?.stop();
  // nothing of the walk-through keeps running in its namespace: schedules deleted, workflows terminated
  if (namespace) {
    const connection = await Connection.connect({ address: temporalAddress });
    const client = new Client({ connection, namespace });
    try {
      for await (const schedule of client.schedule.list())
        await client.schedule
          .getHandle(schedule.scheduleId)
          .delete()
          .catch(() => undefined);
      for await (const run of client.workflow.list({ query: 'ExecutionStatus = "Running"' }))
        await client.workflow
          .getHandle(run.workflowId, run.runId)
          .terminate('the walk-through test ended')
          .catch(() => undefined);
    } finally {
      await connection.close();
    }
  }
  mailer?.close();
  await prisma?.$disconnect();
  await catcher?.stop();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('docs/walkthrough.md has sh blocks, each of its expect markers a status', () => {
  expect(blocks.length).toBeGreaterThan(20);
  for (const b of blocks) {
    const markers = b.code.split('\n').filter((l) => /^#\s*expect:/.test(l.trim()));
    // one marker at most, on the block's first line: it is the status of every request of the block
    expect({ block: describeBlock(b), markers: markers.length }).toEqual({
      block: describeBlock(b),
      markers: b.expect === '2xx' ? 0 : 1,
    });
  }
});

for (const block of blocks) {
  test(
    describeBlock(block),
    async () => {
      if (failed) throw new Error(`not run: ${describeBlock(failed)} failed before it`);
      const file = path.join(dir, `block-${String(block.index).padStart(3, '0')}.sh`);
      fs.writeFileSync(file, block.code);
      let result: { output: string; timedOut: boolean };
      try {
        result = await session!.run(block.index, file, BLOCK_TIMEOUT_MS);
      } catch (error) {
        failed = block;
        throw error;
      }
      const problems: string[] = [];
      if (result.timedOut) problems.push(`did not finish within ${BLOCK_TIMEOUT_MS / 1000} s`);
      // what wait_for says when its deadline passed (its `return 1` is all the ERR trap sees)
      for (const line of result.output.split('\n').filter((l) => l.startsWith('timed out waiting for:')))
        problems.push(line);
      const entries = fs
        .readFileSync(walkLog, 'utf8')
        .split('\n')
        .map((l) => l.split('\t'))
        .filter((f) => f[1] === String(block.index));
      const requests = entries.filter((f) => f[0] === 'REQ');
      for (const [, , status, request] of requests) {
        const ok = block.expect === '2xx' ? /^2\d\d$/.test(status!) : status === String(block.expect);
        if (!ok)
          problems.push(
            status === '?'
              ? `${request}: its status cannot be read (the test reads it with -D; the page dumps the headers itself)`
              : `${request} answered ${status === '000' ? 'nothing (no connection)' : status}, expected ${block.expect}`,
          );
      }
      if (block.expect !== '2xx' && !requests.length)
        problems.push(`it says "# expect: ${block.expect}" but made no request outside wait_for`);
      // the block's last command failing fails its `source` too: once is enough
      const sourced = `source '${file}' < /dev/null`;
      for (const [, , code, command] of entries.filter((f) => f[0] === 'ERR' && f[3] !== sourced))
        problems.push(`a command failed (exit ${code}): ${command}`);
      if (problems.length) {
        failed = block;
        const tail = result.output.trimEnd().split('\n').slice(-40).join('\n');
        throw new Error(
          `${describeBlock(block)}\n${problems.map((p) => `  - ${p}`).join('\n')}\n\nthe block:\n${block.code}\nits output (last 40 lines):\n${tail}`,
        );
      }
    },
    BLOCK_TIMEOUT_MS + 10_000,
  );
}
