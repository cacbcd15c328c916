import fs from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { workflowBundle as bundleOnce } from '../support/workflow-bundle';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';

const historiesDir = path.join(__dirname, '..', 'histories');
const histories = fs
  .readdirSync(historiesDir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({
    file,
    history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8'))),
  }));

// one bundle of the workflow code for every history, as the worker builds it (bundling is most of a replay's time)
let workflowBundle: WorkflowBundle;
beforeAll(async () => {
  workflowBundle = await bundleOnce();
}, 120_000);

test('there are committed histories to replay', () => {
  expect(histories.length).toBeGreaterThanOrEqual(6);
});

test.each(histories.map((h) => [h.file, h.history] as const))(
  'the current workflow code replays %s',
  async (_file, history) => {
    await expect(Worker.runReplayHistory({ workflowBundle }, history)).resolves.toBeUndefined();
  },
);

test('an incompatible change to the workflow fails the replay', async () => {
  await expect(
    Worker.runReplayHistory({ workflowsPath: require.resolve('./changed-complaint-workflow') }, histories[0]!.history),
  ).rejects.toBeInstanceOf(DeterminismViolationError);
});
