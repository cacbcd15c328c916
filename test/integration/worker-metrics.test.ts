import { freePort } from '../../infra/temporal-dev-server';
import { eventually } from '../support/eventually';
import { registerComplaint, startHarness, type Harness } from '../support/harness';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process';

let h: Harness;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  h = await startHarness({ worker: false });
});

afterAll(async () => {
  await worker?.kill();
  await h?.stop();
});

test('a worker with WORKER_METRICS_ADDRESS serves its activity and workflow task metrics for Prometheus', async () => {
  const address = `127.0.0.1:${await freePort()}`;
  worker = await startWorkerProcess({ ...h.config, WORKER_METRICS_ADDRESS: address });
  await registerComplaint(h);
  const queue = `task_queue="${h.config.TEMPORAL_TASK_QUEUE}"`;
  const metrics = await eventually(async () => {
    const text = await fetch(`http://${address}/metrics`).then((r) => (r.ok ? r.text() : ''));
    const seen = (name: string) => text.split('\n').some((line) => line.startsWith(name) && line.includes(queue));
    return seen('temporal_activity_execution_latency') && seen('temporal_workflow_task_execution_latency')
      ? text
      : undefined;
  }, 60_000);
  expect(metrics).toMatch(/^# TYPE temporal_activity_execution_latency histogram$/m);
});
