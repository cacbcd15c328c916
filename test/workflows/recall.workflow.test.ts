import type { TestWorkflowEnvironment } from '@temporalio/testing';
import {
  closeRecallUpdate,
  recallLedgerChangedSignal,
  recallStatusQuery,
  retraceRecallUpdate,
} from '../../domain/recall-contract';
import { BATCH } from '../../workflows/recall/fan-out';
import { eventually } from '../support/eventually';
import type { Recorded } from '../support/fake-activities';
import { recallScenario, recallStatusWhen, type RecallHandle } from '../support/recall-scenario';
import { createTimeSkippingEnv, skipTo } from '../support/time-skipping';
import { refusal } from '../support/workflow-scenario';

let env: TestWorkflowEnvironment;

beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** The test server's clock run to `instantMs`. */
const sleepUntil = (instantMs: number) => skipTo(env, instantMs);

/** Consignees `from`..`to` answer (the API writes the ledger, then signals); waits until the recall has the counts. */
async function acknowledge(h: RecallHandle, recorded: Recorded, from: number, to: number, settle = false) {
  for (const c of recorded.recall.consignees)
    if (c.ordinal >= from && c.ordinal <= to) Object.assign(c, { acknowledged: true, settled: settle });
  const acknowledged = recorded.recall.consignees.filter((c) => c.acknowledged).length;
  await h.signal(recallLedgerChangedSignal);
  return recallStatusWhen(h, (s) => s.counts.acknowledged === acknowledged || s.phase === 'closed');
}

const batchesOf = (recorded: Recorded, kind: string, round = 0) =>
  recorded.recall.batches
    .filter((b) => b.kind === kind && b.round === round)
    .sort((a, b) => a.from - b.from) // batches run side by side
    .map((b) => `${b.from}-${b.to}`);
const staffKeys = (recorded: Recorded) => recorded.staffEmails.map((e) => e.key);

test('004: every consignee gets one notice; the silent ones a reminder weekly (3 at most); status reports every 14 days; the silent ones escalated at the deadline', async () => {
  await recallScenario(env, 'cr-mp25', { recallConsignees: 250 }, async (h, recorded, input) => {
    const monitoring = await recallStatusWhen(h, (s) => s.phase === 'monitoring' && s.pendingEffects === 0);
    expect(monitoring.noticesThrough).toBe(250);
    expect(batchesOf(recorded, 'notice')).toEqual(['1-100', '101-200', '201-250']);
    expect(BATCH).toBe(100);
    expect(recorded.recall.consignees.every((c) => c.notified)).toBe(true);
    const opened = recorded.staffEmails.find((e) => e.key === 'opened')!;
    expect(opened.to).toEqual(input.settings.notifyOnOpen);
    expect(opened.note).toContain('250 consignees');
    expect(recorded.recall.records.map((r) => r.action)).toEqual(['opened', 'traced', 'notified']);

    const answered = await acknowledge(h, recorded, 1, 100);
    expect(answered.percentReached).toBe(40);
    expect(answered.statusLine).toBe(`Recall ${input.number} — lots B77, B78 — 100/250 acknowledged, 0 settled`);

    const firstReminder = Date.parse(answered.nextReminderAt!);
    const opened0 = Date.parse(input.openedAt);
    expect(firstReminder - opened0).toBeGreaterThanOrEqual(7 * DAY);
    expect(firstReminder - opened0).toBeLessThan(7 * DAY + 5 * MIN);
    await sleepUntil(firstReminder - MIN);
    expect(batchesOf(recorded, 'reminder', 1)).toEqual([]);
    await sleepUntil(firstReminder + MIN);
    await eventually(async () => (batchesOf(recorded, 'reminder', 1).length === 3 ? true : undefined));
    // the fake ledger, like the real one, reminds only those who have not answered
    expect(recorded.recall.consignees.filter((c) => c.reminders === 1).map((c) => c.ordinal)).toEqual(
      Array.from({ length: 150 }, (_, i) => 101 + i),
    );

    // ten answers whose signal was lost: the report reads the ledger again before it is sent
    for (const c of recorded.recall.consignees) if (c.ordinal > 100 && c.ordinal <= 110) c.acknowledged = true;
    const firstReport = opened0 + 14 * DAY;
    await sleepUntil(firstReport - MIN);
    expect(staffKeys(recorded)).not.toContain('status-1');
    await sleepUntil(firstReport + MIN);
    await eventually(async () => (staffKeys(recorded).includes('status-1') ? true : undefined));
    const report = recorded.staffEmails.find((e) => e.key === 'status-1')!;
    expect(report.to).toEqual(input.settings.statusReportTo);
    expect(report.note).toBe('Status report 1: 110/250 acknowledged');
    expect(report.values?.details).toContain('acknowledged 110 (44%)');
    await eventually(async () => (batchesOf(recorded, 'reminder', 2).length === 3 ? true : undefined));

    await sleepUntil(firstReminder + 21 * DAY + MIN); // day 28: no 4th reminder (3 at most); the 2nd report
    await eventually(async () => (staffKeys(recorded).includes('status-2') ? true : undefined));
    expect(batchesOf(recorded, 'reminder', 3)).toHaveLength(3);
    expect(batchesOf(recorded, 'reminder', 4)).toEqual([]);

    const deadline = Date.parse(input.deadline);
    expect(staffKeys(recorded)).not.toContain('deadline');
    await sleepUntil(deadline + MIN);
    await eventually(async () => (staffKeys(recorded).includes('deadline') ? true : undefined));
    const escalation = recorded.staffEmails.find((e) => e.key === 'deadline')!;
    expect(escalation.to).toEqual(input.settings.escalateTo);
    expect(escalation.note).toBe('140 consignees did not answer by the deadline');
    expect(recorded.recall.consignees.filter((c) => c.escalated)).toHaveLength(140);
    expect(recorded.recall.consignees.filter((c) => c.escalated && c.acknowledged)).toHaveLength(0);
  });
});

test('002 (severe safety): reminders every 2 days, 5 at most; status reports weekly; answers within 14 days', async () => {
  await recallScenario(env, 'engine-plant', { recallConsignees: 5 }, async (h, recorded, input) => {
    const started = await recallStatusWhen(h, (s) => s.phase === 'monitoring' && s.pendingEffects === 0);
    const opened = Date.parse(input.openedAt);
    expect(Date.parse(input.deadline) - opened).toBe(14 * DAY);
    const first = Date.parse(started.nextReminderAt!);
    for (let round = 1; round <= 5; round += 1) {
      await sleepUntil(first + (round - 1) * 2 * DAY + MIN);
      await eventually(async () => (batchesOf(recorded, 'reminder', round).length === 1 ? true : undefined));
    }
    await sleepUntil(opened + 7 * DAY + MIN);
    await eventually(async () => (staffKeys(recorded).includes('status-1') ? true : undefined));
    await sleepUntil(opened + 14 * DAY + MIN);
    await eventually(async () => (staffKeys(recorded).includes('deadline') ? true : undefined));
    expect(staffKeys(recorded)).toContain('status-2');
    expect(batchesOf(recorded, 'reminder', 6)).toEqual([]);
    expect(recorded.recall.consignees.every((c) => c.reminders === 5)).toBe(true);
  });
});

test('a recall closes by itself once every consignee has settled; the closing is recorded and management told', async () => {
  await recallScenario(env, 'engine-plant', { recallConsignees: 3 }, async (h, recorded, input) => {
    await recallStatusWhen(h, (s) => s.phase === 'monitoring');
    await acknowledge(h, recorded, 1, 2, true);
    expect((await h.query(recallStatusQuery)).phase).toBe('monitoring');
    await acknowledge(h, recorded, 3, 3, true);
    const result = await h.result();
    expect(result.reason).toBe('every consignee settled');
    expect(result.counts.settled).toBe(3);
    const closed = recorded.staffEmails.find((e) => e.key === 'closed')!;
    expect(closed.to).toEqual(input.settings.statusReportTo);
    expect(recorded.recall.records.at(-1)).toMatchObject({ action: 'closed', state: 'closed' });
    // no reminder was due: none went out
    expect(batchesOf(recorded, 'reminder', 1)).toEqual([]);
  });
});

test('closing by hand: only the quality manager, with a reason, once; the answer is the closed recall', async () => {
  await recallScenario(env, 'cr-mp25', { recallConsignees: 4 }, async (h, recorded) => {
    await recallStatusWhen(h, (s) => s.phase === 'monitoring');
    const asSales = await refusal(
      h.executeUpdate(closeRecallUpdate, { args: [{ actor: { id: 's-1', role: 'sales' }, reason: 'done' }] }),
    );
    expect(asSales.type).toBe('Forbidden');
    const noReason = await refusal(
      h.executeUpdate(closeRecallUpdate, { args: [{ actor: { id: 'qm-1', role: 'quality_manager' }, reason: ' ' }] }),
    );
    expect(noReason.type).toBe('InvalidAction');
    const closed = await h.executeUpdate(closeRecallUpdate, {
      args: [{ actor: { id: 'qm-1', role: 'quality_manager' }, reason: 'remaining consignees out of business' }],
    });
    expect(closed.phase).toBe('closed');
    expect(closed.closedBy).toBe('qm-1');
    const result = await h.result();
    expect(result.reason).toBe('remaining consignees out of business');
    expect(recorded.recall.records.at(-1)).toMatchObject({
      action: 'closed',
      actor: { id: 'qm-1' },
      closeReason: 'remaining consignees out of business',
    });
    const history = await h.fetchHistory();
    // refusals never entered history: one accepted update only
    expect(history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toHaveLength(1);
  });
});

test('tracing again: consignees found since get their notice, the others nothing; only the quality manager, only while monitoring', async () => {
  await recallScenario(env, 'cr-mp25', { recallConsignees: 3 }, async (h, recorded) => {
    await recallStatusWhen(h, (s) => s.phase === 'monitoring' && s.pendingEffects === 0);
    const bySales = await refusal(
      h.executeUpdate(retraceRecallUpdate, { args: [{ actor: { id: 's-1', role: 'sales' } }] }),
    );
    expect(bySales.type).toBe('Forbidden');
    recorded.recall.traceable = 5; // shipment records of two more consignees came in
    await h.executeUpdate(retraceRecallUpdate, { args: [{ actor: { id: 'qm-1', role: 'quality_manager' } }] });
    const after = await recallStatusWhen(h, (s) => s.noticesThrough === 5 && s.pendingEffects === 0);
    expect(after).toMatchObject({ phase: 'monitoring', retraces: 1, counts: { consignees: 5, notified: 5 } });
    expect(batchesOf(recorded, 'notice')).toEqual(['1-3', '4-5']);
    expect(recorded.recall.records.map((r) => r.action)).toEqual([
      'opened',
      'traced',
      'notified',
      'retraced',
      'notified',
    ]);
    expect(recorded.staffEmails.find((e) => e.key === 'retrace-1')?.note).toBe(
      'Traced again: 2 more consignees get the notice',
    );
  });
});
