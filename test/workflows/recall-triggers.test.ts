import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { recallStatusQuery, recallWorkflowId } from '../../domain/recall-contract';
import { eventually } from '../support/eventually';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { workflowInput } from '../support/workflow-input';
import { act, answer, refusal, scenario, statusWhen, type Handle } from '../support/workflow-scenario';

let env: TestWorkflowEnvironment;

beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

/** The recall the complaint started, once it answers (its number comes from the fake numbering). */
async function startedRecall(h: Handle, seq = 1) {
  const status = await statusWhen(h, (s) => s.recalls?.find((r) => r.seq === seq)?.number !== undefined);
  const number = status.recalls!.find((r) => r.seq === seq)!.number!;
  const recall = env.client.workflow.getHandle(recallWorkflowId(number));
  const live = await eventually(async () => {
    const s = await recall.query(recallStatusQuery).catch(() => undefined);
    return s?.phase === 'monitoring' ? s : undefined;
  }, 30_000);
  const { raw } = await h.describe();
  const policy = raw.pendingChildren?.find((c) => c.workflowId === recallWorkflowId(number))?.parentClosePolicy;
  return { status, live, policy };
}

const ABANDON = temporal.api.enums.v1.ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON;

test('002: a severe safety issue starts the recall of its batch at once, as a child that outlives the complaint', async () => {
  const recorded = await scenario(
    env,
    (n) => workflowInput(n, 'engine-plant', { facts: { safetyHazard: true } }),
    async (h, seen) => {
      const { status, live, policy } = await startedRecall(h);
      expect(status.severity).toBe('safety_critical');
      expect(status.recalls![0]).toMatchObject({ seq: 1, trigger: 'severity' });
      expect(live).toMatchObject({ source: 'complaint', complaintNumber: status.number, lots: ['B1'] });
      expect(policy).toBe(ABANDON);
      // the complaint's record of the step carries the recall decision
      const registration = await eventually(async () =>
        seen.actions.find((a) => a.forms.some((f) => f.kind === 'recall')),
      );
      expect(registration.action).toBe('register');
    },
    { recallConsignees: 2 },
  );
  expect([...recorded.recall.opened.keys()]).toEqual([expect.stringMatching(/^complaint:\d{6}-\d+:1$/)]);
});

test('004: the quality manager decides a recall (lots default to the batch); others may not; 000 has no such decision', async () => {
  await scenario(
    env,
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      const bySales = await refusal(answer(h, 'decideRecall', 'sales', { risk: 'overheating' }));
      expect(bySales.type).toBe('Forbidden');
      await act(h, 'decideRecall', 'quality_manager', { risk: 'overheating', serials: ['S-1'] });
      const { status, live } = await startedRecall(h);
      expect(status.recalls![0]).toMatchObject({ trigger: 'decision' });
      expect(live).toMatchObject({ lots: ['B1'], serials: ['S-1'], complaintNumber: status.number });
      expect(Date.parse(live.deadline) - Date.parse(status.recalls![0]!.decidedAt)).toBeGreaterThanOrEqual(
        30 * 24 * 3_600_000 - 60_000,
      );
    },
    { recallConsignees: 1 },
  );
  await scenario(
    env,
    (n) => workflowInput(n, 'industrial-fault'),
    async (h) => {
      await act(h, 'classify', 'customer_service', { type: 'product_fault' });
      const refused = await refusal(answer(h, 'decideRecall', 'quality_manager', { risk: 'overheating' }));
      expect(refused).toMatchObject({
        type: 'StageConflict',
        message: expect.stringContaining('POST /api/v1/recalls'),
      });
    },
  );
});
