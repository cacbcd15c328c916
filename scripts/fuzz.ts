/**
 * The project's fuzz pass: starts the real stack itself (as `npm run bench` does), issues an admin token,
 * seeds complaints, staff and emails so that path parameters exist, then runs schemathesis against
 * /api/openapi.json until the requests are made. Exits non-zero on any server error or schema violation.
 *   npm run fuzz -- [--requests 10000] [--workers 1] [--seed 1] [--report-dir DIR (keeps schemathesis's NDJSON)]
 */
import { parseArgs } from 'node:util';
import { environment } from '../infra/config';
import { createPrisma } from '../infra/database';
import { issueStaffToken } from '../infra/staff';
import { startBenchStack } from './bench/stack';
import { seedForFuzz } from './fuzz/seed';
import { ensureSchemathesis, formatSummary, fuzz } from './fuzz/schemathesis';

const { values: options } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    workers: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    'report-dir': { type: 'string' },
    checks: { type: 'string' },
  },
});

async function main(): Promise<number> {
  const cli = environment().TEMPORAL_CLI_PATH;
  if (!cli) throw new Error('TEMPORAL_CLI_PATH is not set: run `npm run fuzz`, which provisions the Temporal CLI');
  ensureSchemathesis();
  const log = (line: string) => process.stderr.write(`fuzz: ${line}\n`);
  const stack = await startBenchStack(cli);
  try {
    const prisma = createPrisma(stack.databaseUrl, 2);
    const token = await issueStaffToken(prisma, {
      id: 'fuzz-admin',
      name: 'Fuzzer',
      email: 'fuzz-admin@example.com',
      role: 'admin',
    });
    await prisma.$disconnect();
    log(`stack up, API ${stack.apiUrl}; seeding`);
    const values = await seedForFuzz(stack.apiUrl, token);
    const summary = await fuzz({
      apiUrl: stack.apiUrl,
      token,
      requests: Number(options.requests),
      workers: Number(options.workers),
      seed: Number(options.seed),
      values,
      workDir: options['report-dir'],
      checks: options.checks?.split(','),
      log,
    });
    process.stdout.write(`\n${formatSummary(summary)}\n`);
    return summary.serverErrors || summary.schemaViolations || summary.failures.length || summary.errors.length ? 1 : 0;
  } finally {
    await stack.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exit(1);
  },
);
