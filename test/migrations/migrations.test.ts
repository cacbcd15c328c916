import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { applyMigrations, migrationsDirectory } from '../../infra/migrate';
import { projectRoot } from '../../infra/project-root';
import { testStack } from '../support/stack-registry';

const tool = path.join(projectRoot(), 'tools', 'prisma-migrate', 'run.sh');

function runTool(args: string[], env: Record<string, string> = {}) {
  return spawnSync('bash', [tool, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: testStack().databaseUrl, ...env },
    timeout: 120_000,
  });
}

test("the runner recorded every committed migration in Prisma's table, with its checksum", async () => {
  const client = new pg.Client({ connectionString: testStack().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    const dirs = fs
      .readdirSync(migrationsDirectory())
      .filter((d) => /^\d{14}_/.test(d))
      .sort();
    expect(rows.map((r) => r.migration_name)).toEqual(dirs);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(migrationsDirectory(), row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(crypto.createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).not.toBeNull();
    }
  } finally {
    await client.end();
  }
});

test('applying the migrations again does nothing', async () => {
  expect(await applyMigrations(testStack().databaseUrl)).toEqual([]);
});

test('a migration edited after it was applied is refused', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  fs.cpSync(migrationsDirectory(), dir, { recursive: true });
  const first = fs
    .readdirSync(dir)
    .filter((d) => /^\d{14}_/.test(d))
    .sort()[0]!;
  fs.appendFileSync(path.join(dir, first, 'migration.sql'), '\n-- edited\n');
  await expect(applyMigrations(testStack().databaseUrl, dir)).rejects.toThrow(/edited after it was applied/);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('drift between schema.prisma and the committed migrations (Prisma 6.19 WebAssembly engine)', () => {
  test('there is none', () => {
    const result = runTool(['check']);
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
  });

  test('a schema change without a migration is detected', () => {
    const schema = fs.readFileSync(path.join(projectRoot(), 'prisma', 'schema.prisma'), 'utf8');
    const changed = schema.replace(
      '  channel              String\n',
      '  channel              String\n  priority             Int?\n',
    );
    expect(changed).not.toBe(schema);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'schema-')), 'schema.prisma');
    fs.writeFileSync(file, changed);
    const result = runTool(['check'], { SCHEMA_FILE: file });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('"priority" INTEGER');
  });
});
