/**
 * The first administrator, for deployments that start the API and worker on their own (`npm start` seeds
 * demo staff instead). Prints the bearer token once; it is never stored.
 *   npm run staff:admin -- --id ops-admin --name "Ops admin" --email ops@example.com
 *   npm run staff:admin -- --id ops-admin --rotate     a new token for an existing member
 * Uses DATABASE_URL (and applies pending migrations first).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadDatabaseConfig } from '../infra/config';
import { createPrisma } from '../infra/database';
import { applyMigrations } from '../infra/migrate';
import { createStaff, rotateStaffToken } from '../infra/staff';

const BY = 'staff-admin-command';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      id: { type: 'string', default: 'admin' },
      name: { type: 'string', default: 'Administrator' },
      email: { type: 'string', default: 'admin@example.com' },
      rotate: { type: 'boolean', default: false },
    },
  });
  const config = loadDatabaseConfig();
  await applyMigrations(config.DATABASE_URL);
  const prisma = createPrisma(config.DATABASE_URL, 1);
  try {
    if (values.rotate) {
      const token = await rotateStaffToken(prisma, values.id, BY);
      if (!token) return fail(`no staff member ${values.id}`);
      process.stdout.write(`${values.id}: ${token}\n`);
      return 0;
    }
    const staff = { id: values.id, name: values.name, email: values.email, role: 'admin' as const };
    const created = await createStaff(prisma, staff, BY);
    if (!created) return fail(`staff member ${values.id} exists; add --rotate for a new token`);
    process.stdout.write(`${values.id} (admin): ${created.token}\n`);
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack}\n`);
    process.exit(1);
  },
);
