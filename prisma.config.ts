import { defineConfig } from 'prisma/config';

// Used by the Prisma 7 CLI for `generate` only; migrations are applied by infra/migrate.ts
// and authored with tools/prisma-migrate (see README).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
