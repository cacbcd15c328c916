/** `npm run patches`: a patch may be retired only when no workflow started before it is still open. */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { COMPLAINT_WORKFLOW_TYPE } from '../../domain/complaint-contract';
import { openBeforeQuery, patchRetirement } from '../../scripts/patch-retirement';
import { PATCHES } from '../../workflows/patches';
import { eventually } from '../support/eventually';
import { freshNamespace } from '../support/namespace';
import { testStack } from '../support/stack-registry';

test('a patch introduced after a running workflow started is kept; one older than every open workflow may go', async () => {
  const connection = await Connection.connect({ address: testStack().temporalAddress });
  try {
    // a namespace of its own, so other tests' workflows do not count
    const namespace = await freshNamespace(connection, 'patches');
    const client = new Client({ connection, namespace });
    // a complaint that no worker takes stays open, as one started before a patch would
    await eventually(() =>
      client.workflow
        .start(COMPLAINT_WORKFLOW_TYPE, { taskQueue: 'no-worker', workflowId: `complaint-${randomUUID()}`, args: [] })
        .then(() => true)
        .catch(() => undefined),
    );
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const patches = {
      settled: { id: 'settled', workflow: 'complaintWorkflow', change: 'long ago', introduced: '2000-01-01' },
      pending: { id: 'pending', workflow: 'complaintWorkflow', change: 'tomorrow', introduced: tomorrow },
      other: { id: 'other', workflow: 'correctiveActionWorkflow', change: 'tomorrow', introduced: tomorrow },
    } as const;
    const rows = await eventually(async () => {
      const found = await patchRetirement(client, patches);
      return found.find((r) => r.id === 'pending')?.openBefore === 1 ? found : undefined;
    });
    expect(rows.map((r) => [r.id, r.openBefore, r.mayDeprecate])).toEqual([
      ['settled', 0, true],
      ['pending', 1, false],
      ['other', 0, true],
    ]);
    // every real patch names its workflow type and a day, so its query is well formed
    for (const patch of Object.values(PATCHES)) {
      expect(patch.introduced).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      await expect(client.workflow.count(openBeforeQuery(patch))).resolves.toMatchObject({ count: 0 });
    }
  } finally {
    await connection.close();
  }
});
