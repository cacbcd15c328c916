/**
 * Records the event histories the replay test checks the workflow code against. Run it when a
 * workflow change is meant to be incompatible (and so must not reach running workflows without
 * `patched()`), or to add a scenario:
 *   npx tsx scripts/record-histories.ts
 * It runs each scenario on the time-skipping test server with recording fake activities. A history file that
 * exists is kept (histories of workflows already running are evidence); `--force` records it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  actionUpdates,
  complaintWorkflowId,
  customerAnswerSignals,
  linkAnswerOutcomeQuery,
  statusQuery,
} from '../domain/complaint-contract';
import {
  carActionUpdates,
  complaintCarNumber,
  correctiveActionWorkflowId,
  type CarActionName,
} from '../domain/corrective-action-contract';
import type { Role } from '../domain/roles';
import { carInput, DISCIPLINE_DATA } from '../test/support/car-scenario';
import { projectRoot } from '../infra/project-root';
import { complaintWorkflow, correctiveActionWorkflow, recallWorkflow } from '../workflows';
import {
  closeRecallUpdate,
  recallLedgerChangedSignal,
  recallStatusQuery,
  recallWorkflowId,
} from '../domain/recall-contract';
import { recallInput } from '../test/support/recall-scenario';
import { recorder } from '../test/support/fake-activities';
import { createRecordingWorker } from '../test/support/workflow-scenario';
import { workflowInput } from '../test/support/workflow-input';
import { createTimeSkippingEnv } from '../test/support/time-skipping';

const serverPath = process.env.TEMPORAL_TEST_SERVER_PATH;
if (!serverPath) throw new Error('set TEMPORAL_TEST_SERVER_PATH (scripts/provision-temporal.sh prints it)');

const force = process.argv.includes('--force');
const outDir = path.join(projectRoot(), 'test', 'histories');
const wanted = (file: string) => force || !fs.existsSync(path.join(outDir, file));

function save(file: string, history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>) {
  fs.writeFileSync(path.join(outDir, file), `${historyToJSON(history)}\n`);
  process.stdout.write(`wrote test/histories/${file} (${history.events?.length} events)\n`);
}

async function main() {
  const env = await createTimeSkippingEnv(serverPath);
  const scenarios: Array<{ file: string; failFirstEmails: number }> = [
    { file: 'complaint-withdrawn.json', failFirstEmails: 0 },
    { file: 'complaint-ack-retried-then-withdrawn.json', failFirstEmails: 2 },
  ].filter((s) => wanted(s.file));
  try {
    if (wanted(CAR_FILE)) await recordCorrectiveAction(env);
    if (wanted(COMPLAINT_WITH_CAR_FILE)) await recordComplaintOpeningCar(env);
    if (wanted(RECALL_FILE)) await recordRecall(env);
    if (wanted(COMPLAINT_WITH_RECALL_FILE)) await recordComplaintDecidingRecall(env);
    if (wanted(ANSWERED_BY_LINK_FILE)) await recordComplaintAnsweredByLink(env);
    if (wanted(SHIPPED_BACK_THEN_LINKED_FILE)) await recordRepairShippedBackThenLinked(env);
    if (wanted(PROFILE_REF_FILE)) await recordProfileRefWithdrawn(env);
    for (const [i, scenario] of scenarios.entries()) {
      const taskQueue = `record-${randomUUID()}`;
      const number = `202601-${String(900 + i)}`;
      const worker = await createRecordingWorker(
        env,
        recorder(),
        { failFirstEmails: scenario.failFirstEmails },
        taskQueue,
      );
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
        // lets a retried activity's backoff pass in test time (result() alone waited for ever on the
        // time-skipping server once the failing emails were one step activity)
        await env.sleep('1 minute');
        await handle.result();
        save(scenario.file, await handle.fetchHistory());
      });
    }
  } finally {
    await env.teardown();
  }
}

const qm = { id: 'recorder-qm', role: 'quality_manager' as const };
// 004 §5.1.1, §4.1: the commerce specialist (a sales member) records, classifies and withdraws
const commerce = { id: 'recorder-commerce', role: 'sales' as const };

/** A 004 complaint registered in January 2026 and classified by the commerce specialist (the scenarios' start). */
async function startClassified004(env: TestWorkflowEnvironment, taskQueue: string, number: string) {
  const handle = await env.client.workflow.start(complaintWorkflow, {
    taskQueue,
    workflowId: complaintWorkflowId(number),
    args: [workflowInput(number, 'cr-mp25', { registeredAt: '2026-01-05T02:00:00.000Z', customerName: 'Replay Co' })],
  });
  await env.sleep('10 minutes');
  await handle.executeUpdate(actionUpdates.classify, {
    args: [{ actor: commerce, payload: { type: 'quality_in_warranty' } }],
  });
  return handle;
}

const CAR_FILE = 'corrective-action-breach-approval-step-back-cancelled.json';
const COMPLAINT_WITH_CAR_FILE = 'complaint-opens-8d-then-withdrawn.json';

/** An 8D (002) whose D1 is missed (a ladder runs), D1–D3 approved, a step back from D4, then cancelled. */
async function recordCorrectiveAction(env: TestWorkflowEnvironment) {
  const recorded = recorder();
  const taskQueue = `record-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorded, {}, taskQueue);
  const input = carInput('engine-plant', { number: '202601-950-1', complaintNumber: '202601-950' });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(correctiveActionWorkflow, {
      taskQueue,
      workflowId: correctiveActionWorkflowId(input.number),
      args: [input],
    });
    await env.sleep('9 hours');
    const take = (name: CarActionName, role: Role, payload: unknown) =>
      handle.executeUpdate(carActionUpdates[name], { args: [{ actor: { id: `recorder-${role}`, role }, payload }] });
    await take('formTeam', 'technical_support', DISCIPLINE_DATA.formTeam);
    await take('describeProblem', 'technical_support', DISCIPLINE_DATA.describeProblem);
    await take('recordContainment', 'technical_support', DISCIPLINE_DATA.recordContainment);
    await take('approveBlock', 'quality_manager', {});
    await take('stepBack', 'technical_support', { to: 'D3', reason: 'recorded scenario' });
    await take('cancel', 'quality_manager', { reason: 'recorded scenario' });
    await handle.result();
    save(CAR_FILE, await handle.fetchHistory());
  });
}

/** A 004 complaint whose diagnosis opens its 8D (a child that outlives it), then withdrawn. */
async function recordComplaintOpeningCar(env: TestWorkflowEnvironment) {
  const taskQueue = `record-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorder(), {}, taskQueue);
  const number = '202601-960';
  await worker.runUntil(async () => {
    const handle = await startClassified004(env, taskQueue, number);
    const validity = { valid: true, reason: 'recorded scenario', customerContacted: true };
    await handle.executeUpdate(actionUpdates.checkValidity, { args: [{ actor: qm, payload: validity }] });
    const diagnosis = {
      cause: 'manufacturing',
      defectCode: 'solder_joint',
      analysis: { method: 'five_why', whys: ['recorded scenario'] },
      findings: 'recorded scenario',
    };
    await handle.executeUpdate(actionUpdates.submitDiagnosis, { args: [{ actor: qm, payload: diagnosis }] });
    await env.sleep('1 minute');
    await handle.executeUpdate(actionUpdates.withdraw, {
      args: [{ actor: commerce, payload: { reason: 'recorded scenario' } }],
    });
    await handle.result();
    save(COMPLAINT_WITH_CAR_FILE, await handle.fetchHistory());
    const car = env.client.workflow.getHandle(correctiveActionWorkflowId(complaintCarNumber(number, 1)));
    await car.terminate('recorded scenario over');
  });
}

const RECALL_FILE = 'recall-reminded-reported-closed.json';
const COMPLAINT_WITH_RECALL_FILE = 'complaint-decides-recall-then-withdrawn.json';

/** A 004 recall of 3 consignees: notices, one settles, a reminder to the others, a status report, closed by hand. */
async function recordRecall(env: TestWorkflowEnvironment) {
  const recorded = recorder();
  const taskQueue = `record-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorded, { recallConsignees: 3 }, taskQueue);
  const input = recallInput('cr-mp25', Date.parse('2026-01-05T02:00:00.000Z'), { number: '202601-970' });
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(recallWorkflow, {
      taskQueue,
      workflowId: recallWorkflowId(input.number),
      args: [input],
    });
    while ((await handle.query(recallStatusQuery)).phase !== 'monitoring') await env.sleep('1 second');
    Object.assign(recorded.recall.consignees[0]!, { acknowledged: true, settled: true });
    await handle.signal(recallLedgerChangedSignal);
    await env.sleep('15 days');
    await handle.executeUpdate(closeRecallUpdate, { args: [{ actor: qm, reason: 'recorded scenario' }] });
    await handle.result();
    save(RECALL_FILE, await handle.fetchHistory());
  });
}

/** A 004 complaint whose quality manager decides a recall (a child that outlives it), then withdrawn. */
async function recordComplaintDecidingRecall(env: TestWorkflowEnvironment) {
  const recorded = recorder();
  const taskQueue = `record-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorded, { recallConsignees: 2 }, taskQueue);
  const number = '202601-980';
  await worker.runUntil(async () => {
    const handle = await startClassified004(env, taskQueue, number);
    await handle.executeUpdate(actionUpdates.decideRecall, {
      args: [{ actor: qm, payload: { risk: 'recorded scenario', serials: ['S-1'] } }],
    });
    await env.sleep('1 minute');
    await handle.executeUpdate(actionUpdates.withdraw, {
      args: [{ actor: commerce, payload: { reason: 'recorded scenario' } }],
    });
    await handle.result();
    save(COMPLAINT_WITH_RECALL_FILE, await handle.fetchHistory());
    const recall = env.client.workflow.getHandle(recallWorkflowId([...recorded.recall.opened.values()][0]!));
    await recall.terminate('recorded scenario over');
  });
}

const ANSWERED_BY_LINK_FILE = 'complaint-objection-by-link-then-withdrawn.json';

/**
 * A 004 complaint found invalid; the customer objects by link (a signal), the same link again and a stale
 * link are kept as refused; then withdrawn.
 */
async function recordComplaintAnsweredByLink(env: TestWorkflowEnvironment) {
  const taskQueue = `record-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorder(), {}, taskQueue);
  const number = '202601-990';
  await worker.runUntil(async () => {
    const handle = await startClassified004(env, taskQueue, number);
    await handle.executeUpdate(actionUpdates.checkValidity, {
      args: [{ actor: qm, payload: { valid: false, reason: 'recorded scenario', customerContacted: true } }],
    });
    await env.sleep('1 day');
    const askKey = (await handle.query(statusQuery)).openAsks?.[0]?.key ?? 'none';
    const link = { linkId: 'recorded-link-000000001', askKey, answeredAt: '2026-01-06T03:00:00.000Z' };
    await handle.signal(customerAnswerSignals.invalidObjected, { ...link, answer: { reason: 'recorded scenario' } });
    await handle.signal(customerAnswerSignals.invalidObjected, { ...link, answer: { reason: 'again' } });
    await handle.signal(customerAnswerSignals.invalidObjected, {
      ...link,
      linkId: 'recorded-link-000000002',
      answer: { reason: 'a second link' },
    });
    while (!(await handle.query(linkAnswerOutcomeQuery, 'recorded-link-000000002'))) await env.sleep('1 second');
    await handle.executeUpdate(actionUpdates.withdraw, {
      args: [{ actor: commerce, payload: { reason: 'recorded scenario' } }],
    });
    await handle.result();
    save(ANSWERED_BY_LINK_FILE, await handle.fetchHistory());
  });
}

const PROFILE_REF_FILE = 'complaint-profile-ref-classified-then-withdrawn.json';

/** A complaint whose input names its procedure (`profileRef`): the profile loaded first, then classified, withdrawn. */
async function recordProfileRefWithdrawn(env: TestWorkflowEnvironment) {
  const taskQueue = `record-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorder(), {}, taskQueue);
  const number = '202601-996';
  const { profile, ...whole } = workflowInput(number, 'industrial-fault', {
    registeredAt: '2026-01-05T02:00:00.000Z',
    customerName: 'Replay Co',
  });
  const input = {
    ...whole,
    profileRef: { id: profile!.id, version: profile!.version, hash: whole.profileHash, name: profile!.name },
  };
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(complaintWorkflow, {
      taskQueue,
      workflowId: complaintWorkflowId(number),
      args: [input],
    });
    const actor = { id: 'recorder', role: 'customer_service' as const };
    // sent at once: held while the profile loads, then taken
    await handle.executeUpdate(actionUpdates.classify, { args: [{ actor, payload: { type: 'product_fault' } }] });
    await handle.executeUpdate(actionUpdates.withdraw, { args: [{ actor, payload: { reason: 'recorded scenario' } }] });
    await handle.result();
    save(PROFILE_REF_FILE, await handle.fetchHistory());
  });
}

const SHIPPED_BACK_THEN_LINKED_FILE = 'complaint-004-repaired-paid-shipped-unsatisfied-linked.json';

/**
 * A 004 repair out of warranty (v7): repaired, then paid and shipped back (§5.4 c)); the customer is still not
 * satisfied and the complaint is taken up as a new linked one (§5.3 b)), a child that outlives it.
 */
async function recordRepairShippedBackThenLinked(env: TestWorkflowEnvironment) {
  const recorded = recorder();
  const taskQueue = `record-${randomUUID()}`;
  const worker = await createRecordingWorker(env, recorded, {}, taskQueue);
  const number = '202601-995';
  const engineering = { id: 'recorder-engineering', role: 'technical_support' as const };
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(complaintWorkflow, {
      taskQueue,
      workflowId: complaintWorkflowId(number),
      args: [
        workflowInput(number, 'cr-mp25', {
          registeredAt: '2026-01-05T02:00:00.000Z',
          customerName: 'Replay Co',
          warranty: 'out',
        }),
      ],
    });
    await env.sleep('10 minutes');
    const take = async (name: keyof typeof actionUpdates, actor: { id: string; role: Role }, payload: unknown) => {
      await handle.executeUpdate(actionUpdates[name], { args: [{ actor, payload }] });
      while ((await handle.query(statusQuery)).pendingEffects) await env.sleep('1 second');
    };
    await take('classify', commerce, { type: 'repair_out_of_warranty' });
    await take('checkValidity', engineering, { valid: true, reason: 'recorded scenario', customerContacted: true });
    await take('submitDiagnosis', engineering, {
      cause: 'external',
      defectCode: 'no_fault_found',
      analysis: { method: 'five_why', whys: ['recorded scenario'] },
      findings: 'recorded scenario',
    });
    await take('proposePlan', engineering, {
      summary: 'recorded scenario',
      customerRemedy: ['repair or upgrade assessed and quoted'],
      costBorneBy: 'customer',
      quote: { amount: 800, currency: 'CNY' },
    });
    await take('approvePlan', qm, { approved: true });
    await take('recordCustomerDecision', commerce, { accepted: true });
    await take('recordProcessing', engineering, { steps: ['recorded scenario'] });
    await take('recordPayment', commerce, {
      amount: 800,
      currency: 'CNY',
      reference: 'recorded scenario',
      returnShipment: { carrier: 'recorded carrier', trackingNumber: 'REC-1' },
    });
    await take('recordVerification', qm, { passed: true, method: 'recorded scenario', result: 'ok' });
    await take('recordSurvey', commerce, { level: 'dissatisfied', reason: 'recorded scenario' });
    await handle.result();
    save(SHIPPED_BACK_THEN_LINKED_FILE, await handle.fetchHistory());
    for (const linked of recorded.linked.values())
      await env.client.workflow.getHandle(complaintWorkflowId(linked)).terminate('recorded scenario over');
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
