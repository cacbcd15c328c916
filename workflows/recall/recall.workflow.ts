/**
 * A product recall, from tracing its consignees to closure: one notice per consignee (batched, windowed,
 * exactly once through the outbox), reminders to the silent ones and status reports to management on the
 * profile's cadence, the silent ones escalated at the deadline, closed when every consignee has settled or by
 * the quality manager. The per-consignee ledger lives in PostgreSQL (staff write it through the API, which
 * signals this workflow); the workflow keeps counts and its cadence, and continues as new before its history
 * grows large. Rules live in domain/recall; this file only orchestrates.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  setHandler,
} from '@temporalio/workflow';
import {
  closeRecallUpdate,
  recallLedgerChangedSignal,
  retraceRecallUpdate,
  type RetraceRecallRequest,
  recallStatusQuery,
  recallWorkflowId,
  type CloseRecallRequest,
  type RecallInput,
  type RecallResult,
  type RecallStatus,
} from '../../domain/recall-contract';
import { ALL_SETTLED } from '../../domain/recall/messages';
import {
  closeRecall,
  everyConsigneeSettled,
  newRecallProgress,
  nextRecallWake,
  noticesDone,
  percentReached,
  recallStatusLine,
  takeDue,
} from '../../domain/recall/rules';
import { checkCloseRecall, checkRetraceRecall } from '../../domain/recall/close';
import type { Actor } from '../../domain/roles';
import { fanOut, historyFull } from './fan-out';
import { RecallSteps } from './steps';
import { recallTimerSummary } from './web-ui';

export async function recallWorkflow(input: RecallInput): Promise<RecallResult> {
  const progress = input.progress ?? newRecallProgress(input);
  const steps = new RecallSteps(input, progress);
  let dirty = true;
  let closedBy: CloseRecallRequest | undefined;
  let retraceBy: Actor | undefined;

  const status = (): RecallStatus => ({
    ...progress,
    number: input.number,
    workflowId: recallWorkflowId(input.number),
    source: input.source,
    complaintNumber: input.complaintNumber,
    lots: input.lots,
    serials: input.serials,
    deadline: input.deadline,
    percentReached: percentReached(progress.counts),
    statusLine: recallStatusLine(progress, input),
    pendingEffects: steps.running,
  });
  const refuse = (request: CloseRecallRequest) => {
    const refusal = checkCloseRecall(progress, input.settings, request);
    if (refusal) throw ApplicationFailure.create({ ...refusal, nonRetryable: true });
  };

  const refuseRetrace = ({ actor }: RetraceRecallRequest) => {
    const refusal = checkRetraceRecall(progress, input.settings, actor);
    if (refusal) throw ApplicationFailure.create({ ...refusal, nonRetryable: true });
  };

  setHandler(recallStatusQuery, status);
  setHandler(
    retraceRecallUpdate,
    (request) => {
      refuseRetrace(request);
      retraceBy = request.actor;
      return status();
    },
    { validator: refuseRetrace },
  );
  setHandler(recallLedgerChangedSignal, () => void (dirty = true));
  setHandler(
    closeRecallUpdate,
    (request) => {
      refuse(request);
      closeRecall(progress, Date.now(), request.reason, request.actor.id);
      closedBy = request;
      return status();
    },
    { validator: refuse },
  );

  if (progress.phase === 'tracing') await steps.open();
  if (progress.phase === 'notifying') {
    progress.noticesThrough = await fanOut(
      progress.noticesThrough,
      progress.counts.consignees,
      (from, to) => steps.sendNotices('notice', 0, from, to),
      (from, error) => steps.batchFailed(from, error),
    );
    if (progress.noticesThrough < progress.counts.consignees) return handOver(input, progress);
    progress.counts = await steps.counts();
    noticesDone(progress, input, Date.now());
    await steps.record('notified', { counts: progress.counts });
  }

  while (!isClosed(progress)) {
    steps.publish();
    if (historyFull()) return handOver(input, progress);
    if (progress.reminding) {
      await steps.remind();
      continue;
    }
    if (retraceBy) {
      const actor = retraceBy;
      retraceBy = undefined;
      await steps.retrace(actor);
      continue;
    }
    if (progress.noticesThrough < progress.counts.consignees) {
      await steps.notifyNewConsignees();
      continue;
    }
    const wake = nextRecallWake(progress, input);
    const woken = () => dirty || closedBy !== undefined || retraceBy !== undefined;
    if (!woken()) {
      if (wake === undefined) await condition(woken);
      // something falls due: the counts it reports or acts on are read again first
      else if (
        !(await condition(woken, Math.max(0, wake - Date.now()), {
          summary: recallTimerSummary(progress, input, wake),
        }))
      )
        dirty = true;
    }
    if (dirty) {
      dirty = false;
      progress.counts = await steps.counts();
    }
    if (isClosed(progress)) break;
    if (everyConsigneeSettled(progress)) closeRecall(progress, Date.now(), ALL_SETTLED, 'system');
    else for (const due of takeDue(progress, input, Date.now())) await steps.carryOut(due);
  }
  await steps.closed(closedBy?.actor);

  steps.publish();
  await condition(allHandlersFinished);
  return {
    number: input.number,
    closedAt: progress.closedAt!,
    reason: progress.closeReason!,
    counts: progress.counts,
    runs: progress.runs + 1,
  };
}

/** Continues as new once every handler has finished; the ledger is in PostgreSQL, the cadence travels along. */
async function handOver(input: RecallInput, progress: RecallInput['progress'] & object): Promise<never> {
  await condition(allHandlersFinished);
  log.info('recall continues as new', { runs: progress.runs + 1 });
  return continueAsNew<typeof recallWorkflow>({ ...input, progress: { ...progress, runs: progress.runs + 1 } });
}

/** True once closed (a function: the close update changes the phase while the loop awaits). */
function isClosed(progress: { phase: string }): boolean {
  return progress.phase === 'closed';
}
