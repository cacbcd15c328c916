// The Kubernetes manifest of a fleet (issue 27), checked statically: no cluster runs on the build machines.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { configSchema, loadConfig } from '../../infra/config';
import { projectRoot } from '../../infra/project-root';
import { openApiDocument } from '../../api/openapi';

interface Container {
  image: string;
  command: string[];
  env?: Array<{ name: string; value: string }>;
  envFrom: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  readinessProbe?: { httpGet: { path: string } };
  livenessProbe?: { httpGet: { path: string } };
  resources: { limits: { memory: string } };
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  spec: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    template?: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
    ports?: Array<{ targetPort: string }>;
  };
}

const file = path.join(projectRoot(), 'deploy/kubernetes/complaint-orchestrator.yaml');
const manifests = parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS() as Manifest);
const named = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name)!;
const api = named('Deployment', 'complaint-api');
const worker = named('Deployment', 'complaint-worker');
const container = (deployment: Manifest) => deployment.spec.template!.spec.containers[0]!;

test('a fleet: two APIs behind a Service and three workers, one image, the built entry points', () => {
  expect([api.spec.replicas, worker.spec.replicas]).toEqual([2, 3]);
  expect(container(api).image).toBe(container(worker).image);
  expect(container(api).command).toEqual(['node', 'dist/api/main.js']);
  expect(container(worker).command).toEqual(['node', '--max-old-space-size=512', 'dist/worker/main.js']);
  for (const deployment of [api, worker])
    expect(deployment.spec.template!.metadata.labels).toMatchObject(deployment.spec.selector!.matchLabels!);
  expect(named('Service', 'complaint-api').spec.selector).toEqual(api.spec.template!.metadata.labels);
  expect(named('PodDisruptionBudget', 'complaint-worker')).toBeDefined();
});

test("the configuration is complete and valid for the service's own schema once the secrets are added", () => {
  const config = named('ConfigMap', 'complaint-orchestrator-config').data!;
  const secrets = {
    DATABASE_URL: 'postgresql://user:password@postgresql:5432/complaints',
    CUSTOMER_LINK_SECRET: 'a-secret-of-the-deployment-that-is-long-enough-000000',
  };
  for (const deployment of [api, worker]) {
    const c = container(deployment);
    expect(c.envFrom).toEqual([
      { configMapRef: { name: 'complaint-orchestrator-config' } },
      { secretRef: { name: 'complaint-orchestrator-secrets' } },
    ]);
    const env = { ...config, ...secrets, ...Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value])) };
    const parsed = configSchema.safeParse(env);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(() => loadConfig({ ...env, NODE_ENV: 'production' })).not.toThrow();
  }
  // every process holds up to DATABASE_POOL_MAX connections: the fleet stays under PostgreSQL's default 100
  const processes = api.spec.replicas! + worker.spec.replicas!;
  expect(processes * Number(config.DATABASE_POOL_MAX)).toBeLessThanOrEqual(80);
});

test("the API's probes are its health endpoints; a worker's memory limit holds its heap and cache", () => {
  const paths = Object.keys(openApiDocument().paths ?? {});
  expect(paths).toEqual(expect.arrayContaining(['/readyz', '/healthz']));
  expect(container(api).readinessProbe!.httpGet.path).toBe('/readyz');
  expect(container(api).livenessProbe!.httpGet.path).toBe('/healthz');
  expect(container(worker).resources.limits.memory).toBe('1Gi');
});
