/**
 * Records the event histories the replay test checks the workflow code against. Run it when a
 * workflow change is meant to be incompatible (and so must not reach running workflows without
 * `patched()`), or to add a scenario:
 *   npx tsx scripts/record-histories.ts
 * It runs each scenario on the time-skipping test server with recording fake activities.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { actionUpdates, complaintWorkflowId } from '../domain/complaint-contract';
import { projectRoot } from '../infra/project-root';
import { complaintWorkflow } from '../workflows';
import { fakeActivities, recorder } from '../test/support/fake-activities';
import { workflowInput } from '../test/support/workflow-input';
import { createTimeSkippingEnv } from '../test/support/time-skipping';

const serverPath = process.env.TEMPORAL_TEST_SERVER_PATH;
if (!serverPath) throw new Error('set TEMPORAL_TEST_SERVER_PATH (scripts/provision-temporal.sh prints it)');

async function main() {
  const env = await createTimeSkippingEnv(serverPath);
  const outDir = path.join(projectRoot(), 'test', 'histories');
  const scenarios: Array<{ file: string; failFirstEmails: number }> = [
    { file: 'complaint-withdrawn.json', failFirstEmails: 0 },
    { file: 'complaint-ack-retried-then-withdrawn.json', failFirstEmails: 2 },
  ];
  try {
    for (const [i, scenario] of scenarios.entries()) {
      const taskQueue = `record-${randomUUID()}`;
      const number = `202601-${String(900 + i)}`;
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowsPath: require.resolve('../workflows'),
        activities: fakeActivities(recorder(), { failFirstEmails: scenario.failFirstEmails }),
      });
      await worker.runUntil(async () => {
        const handle = await env.client.workflow.start(complaintWorkflow, {
          taskQueue,
          workflowId: complaintWorkflowId(number),
          args: [
            workflowInput(number, 'industrial-fault', {
              registeredAt: '2026-01-05T02:00:00.000Z',
              customerName: 'Replay Co',
            }),
          ],
        });
        await env.sleep('10 minutes');
        const actor = { id: 'recorder', role: 'customer_service' as const };
        const sales = { id: 'recorder-sales', role: 'sales' as const };
        await handle.executeUpdate(actionUpdates.classify, { args: [{ actor, payload: { type: 'product_fault' } }] });
        const validity = { valid: true, reason: 'recorded scenario', customerContacted: true };
        await handle.executeUpdate(actionUpdates.checkValidity, { args: [{ actor: sales, payload: validity }] });
        await handle.executeUpdate(actionUpdates.withdraw, {
          args: [{ actor, payload: { reason: 'recorded scenario' } }],
        });
        await handle.result();
        const history = await handle.fetchHistory();
        fs.writeFileSync(path.join(outDir, scenario.file), `${historyToJSON(history)}\n`);
        process.stdout.write(`wrote test/histories/${scenario.file} (${history.events?.length} events)\n`);
      });
    }
  } finally {
    await env.teardown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
