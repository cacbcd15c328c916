import fs from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';

const historiesDir = path.join(__dirname, '..', 'histories');
const histories = fs
  .readdirSync(historiesDir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({
    file,
    history: historyFromJSON(JSON.parse(fs.readFileSync(path.join(historiesDir, file), 'utf8'))),
  }));

test('there are committed histories to replay', () => {
  expect(histories.length).toBeGreaterThanOrEqual(6);
});

test.each(histories.map((h) => [h.file, h.history] as const))(
  'the current workflow code replays %s',
  async (_file, history) => {
    await expect(
      Worker.runReplayHistory({ workflowsPath: require.resolve('../../workflows') }, history),
    ).resolves.toBeUndefined();
  },
);

test('an incompatible change to the workflow fails the replay', async () => {
  await expect(
    Worker.runReplayHistory({ workflowsPath: require.resolve('./changed-complaint-workflow') }, histories[0]!.history),
  ).rejects.toBeInstanceOf(DeterminismViolationError);
});
