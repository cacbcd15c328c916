// Docker does not run on the build machines, so the compose file is checked statically.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { searchAttributeCliArgs } from '../../domain/all-search-attributes';
import { configSchema, loadConfig } from '../../infra/config';
import { projectRoot } from '../../infra/project-root';

interface Service {
  image?: string;
  build?: string;
  command?: string[] | string;
  ports?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

const root = projectRoot();
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;

test('has the database, Temporal, its UI, a mail catcher and the two app services', () => {
  expect(Object.keys(services).sort()).toEqual(
    ['api', 'mailcatcher', 'postgresql', 'temporal', 'temporal-setup', 'temporal-ui', 'worker'].sort(),
  );
});

test('publishes the documented ports', () => {
  expect(services.api!.ports).toContain('3000:3000');
  expect(services['temporal-ui']!.ports).toContain('8233:8080');
  expect(services.mailcatcher!.ports).toContain('1080:1080');
  expect(services.temporal!.ports).toContain('7233:7233');
});

test('long-running services have health checks and start in dependency order', () => {
  for (const name of ['postgresql', 'temporal', 'mailcatcher', 'api', 'worker']) {
    expect(services[name]!.healthcheck?.test.length).toBeGreaterThan(0);
  }
  expect(services.temporal!.depends_on).toEqual({ postgresql: { condition: 'service_healthy' } });
  expect(services.api!.depends_on).toMatchObject({
    postgresql: { condition: 'service_healthy' },
    'temporal-setup': { condition: 'service_completed_successfully' },
  });
  expect(services.worker!.depends_on).toEqual({ api: { condition: 'service_healthy' } });
});

test('the app services run the built entry points with a complete, valid configuration', () => {
  expect(services.api!.build).toBe('.');
  expect(services.worker!.build).toBe('.');
  expect(services.api!.command).toEqual(['node', 'dist/api/main.js']);
  expect(services.worker!.command).toEqual(['node', '--max-old-space-size=512', 'dist/worker/main.js']);
  for (const name of ['api', 'worker']) {
    const env = Object.fromEntries(Object.entries(services[name]!.environment ?? {}).map(([k, v]) => [k, String(v)]));
    const parsed = configSchema.safeParse(env);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(new URL(env.DATABASE_URL!).hostname).toBe('postgresql');
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(new URL(env.SMTP_URL!).hostname).toBe('mailcatcher');
    // the image runs with NODE_ENV=production, where the development secret of customer links is refused
    expect(() => loadConfig({ ...env, NODE_ENV: 'production' })).not.toThrow();
  }
});

test('Temporal runs on the PostgreSQL service and the UI points at it', () => {
  expect(services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
  expect(services['temporal-ui']!.environment).toMatchObject({ TEMPORAL_ADDRESS: 'temporal:7233' });
});

test('the setup job registers every search attribute the workflows use', () => {
  const command = ([] as string[]).concat(services['temporal-setup']!.command ?? []).join(' ');
  for (const attribute of searchAttributeCliArgs()) expect(command).toContain(attribute);
});

test('the Dockerfile is multi-stage, glibc-based and runs as a non-root user', () => {
  const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const stages = dockerfile.match(/^FROM .+$/gm) ?? [];
  expect(stages.length).toBeGreaterThanOrEqual(2);
  for (const stage of stages) expect(stage).not.toMatch(/alpine/);
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
  expect(runtime).toMatch(/^USER node$/m);
  // the workflow code bundled once in the image, not by every worker at its start
  expect(dockerfile).toMatch(/tsc -p tsconfig\.build\.json \\\n && node dist\/worker\/workflow-bundle\.js/);
});
