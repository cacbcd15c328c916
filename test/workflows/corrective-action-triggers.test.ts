import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { statusQuery } from '../../domain/complaint-contract';
import {
  carStatusQuery,
  complaintCarNumber,
  correctiveActionWorkflowId,
  type CorrectiveActionStatus,
} from '../../domain/corrective-action-contract';
import { eventually } from '../support/eventually';
import { createTimeSkippingEnv } from '../support/time-skipping';
import { MATRIX_REMEDIES, workflowInput } from '../support/workflow-input';
import { act, refusal, answer, scenario, statusWhen, type Handle } from '../support/workflow-scenario';

let env: TestWorkflowEnvironment;

beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

const diagnosis = (cause: string, technical: boolean) => ({
  cause,
  technical,
  analysis: { method: 'five_why', whys: ['drive trips', 'over-current', 'solder joint cracked'] },
  findings: 'cracked solder joint on the power board',
  defectCode: 'solder_joint',
  evidence: { factoryTestReport: 'FT-2611: all tests passed at shipment' },
});

/** The complaint's first corrective action, once its workflow answers. */
function firstCar(h: Handle): Promise<CorrectiveActionStatus> {
  const number = complaintCarNumber(h.workflowId.replace(/^complaint-/, ''), 1);
  const car = env.client.workflow.getHandle(correctiveActionWorkflowId(number));
  return eventually(async () => {
    const status = await car.query(carStatusQuery).catch(() => undefined);
    return status?.pendingEffects === 0 ? status : undefined;
  }, 30_000);
}

/** The child's parent-close policy, as the complaint lists it. */
async function parentClosePolicy(h: Handle, workflowId: string) {
  const { raw } = await h.describe();
  return raw.pendingChildren?.find((c) => c.workflowId === workflowId)?.parentClosePolicy;
}

test('004: a diagnosis that finds our own manufacturing fault in warranty opens the 8D at once; engineering with R&D owns a technical cause', async () => {
  await scenario(
    env,
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      await act(h, 'checkValidity', 'quality_manager', { valid: true, reason: 'our fault', customerContacted: true });
      await act(h, 'submitDiagnosis', 'quality_manager', diagnosis('manufacturing', true));
      const car = await firstCar(h);
      expect(car).toMatchObject({
        form: '8d',
        source: 'complaint',
        complaintNumber: h.workflowId.replace(/^complaint-/, ''),
        current: 'D1',
        owner: { role: 'technical_support', department: 'engineering', assist: ['rnd'] },
      });
      expect(await parentClosePolicy(h, car.workflowId)).toBe(
        temporal.api.enums.v1.ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON,
      );
      // the corrective action tells the complaint its phase (not each discipline: one signal per phase)
      const status = await statusWhen(h, (s) => s.correctiveActions?.[0]?.phase === 'open');
      expect(status.correctiveActions![0]).toMatchObject({
        number: car.number,
        line: `8D ${car.number} — in progress`,
      });
    },
  );
});

test('004: a diagnosed misuse (not our fault) opens no corrective action', async () => {
  await scenario(
    env,
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      await act(h, 'checkValidity', 'quality_manager', { valid: true, reason: 'checked', customerContacted: true });
      const s = await act(h, 'submitDiagnosis', 'quality_manager', diagnosis('misuse', false));
      expect(s.correctiveActions).toEqual([]);
      expect((await h.describe()).raw.pendingChildren ?? []).toHaveLength(0);
    },
  );
});

test('001: every plan opens a CAPA of its internal improvement actions, due for verification a week after implementation', async () => {
  await scenario(
    env,
    (n) => workflowInput(n, 'quality-improvement'),
    async (h) => {
      await act(h, 'classify', 'customer_service', { type: 'product_quality' });
      await act(h, 'checkValidity', 'quality_manager', { valid: true, reason: 'ok', customerContacted: true });
      await act(h, 'submitDiagnosis', 'quality_manager', diagnosis('manufacturing', false));
      expect((await h.query(statusQuery)).correctiveActions).toEqual([]);
      await act(h, 'proposePlan', 'quality_manager', {
        summary: 'replace the unit',
        customerRemedy: MATRIX_REMEDIES,
        correctiveActions: ['supplier audit of the solder paste', 'operator training'],
      });
      const car = await firstCar(h);
      expect(car).toMatchObject({
        form: 'capa',
        current: 'D4',
        owner: { role: 'quality_manager', department: 'quality' },
      });
    },
  );
});

test('000: no corrective action by itself; the quality manager opens one (another role may not)', async () => {
  await scenario(
    env,
    (n) => workflowInput(n, 'industrial-fault'),
    async (h) => {
      await act(h, 'classify', 'customer_service', { type: 'product_fault' });
      await act(h, 'checkValidity', 'sales', { valid: true, reason: 'ok', customerContacted: true });
      const s = await act(h, 'submitDiagnosis', 'technical_support', diagnosis('design', true));
      expect(s.correctiveActions).toEqual([]);
      const payload = { reason: 'same fault on three sites' };
      expect(await refusal(answer(h, 'openCorrectiveAction', 'customer_service', payload))).toMatchObject({
        type: 'Forbidden',
      });
      const opened = await act(h, 'openCorrectiveAction', 'quality_manager', payload);
      expect(opened.correctiveActions).toHaveLength(1);
      const car = await firstCar(h);
      expect(car).toMatchObject({ form: 'capa', current: 'D4', owner: { department: 'technical_support' } });
    },
  );
});
