/**
 * What the recall workflow carries out: its records, tracing, the notice batches, staff emails (opened,
 * status reports, silent consignees, closed), and the Web UI's search attributes and current details.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  log,
  proxyActivities,
  setCurrentDetails,
  upsertSearchAttributes,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { RecallActivities } from '../../activities';
import { searchAttributes } from '../../domain/complaint-contract';
import { localized, type Label } from '../../domain/labels';
import {
  recalledItems,
  recallSearchAttributes,
  recallSubject,
  recallTags,
  type RecallInput,
  type RecallProgress,
} from '../../domain/recall-contract';
import {
  closedNote,
  countLines,
  openedNote,
  retracedNote,
  silentNote,
  statusReportNote,
} from '../../domain/recall/messages';
import { percentReached, recallStatusLine, type RecallDue } from '../../domain/recall/rules';
import type { Actor } from '../../domain/roles';
import { recipientsOnce } from '../../domain/ui-summary';
import { databaseActivityOptions, mailActivityOptions, withSummary } from '../activity-options';
import { BATCH, fanOut } from './fan-out';
import { recallDetails } from './web-ui';

const db = proxyActivities<RecallActivities>(databaseActivityOptions);
const mail = proxyActivities<RecallActivities>(mailActivityOptions);
/** A batch sends up to BATCH emails; a dead worker is noticed by the missing heartbeat, not the long timeout. */
const BATCH_OPTIONS: ActivityOptions = {
  ...mailActivityOptions,
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
};
const batches = proxyActivities<RecallActivities>(BATCH_OPTIONS);
const SYSTEM: Actor = { id: 'system', role: 'admin' };

export class RecallSteps {
  /** Activities under way (the status query's `pendingEffects`). */
  running = 0;
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly input: RecallInput,
    private readonly progress: RecallProgress,
  ) {
    if (input.complaintNumber)
      upsertSearchAttributes([{ key: searchAttributes.complaintNumber, value: input.complaintNumber }]);
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.running += 1;
    try {
      return await work;
    } finally {
      this.running -= 1;
    }
  }

  /** Records a step of the recall (once per key) with where it stands. */
  async record(action: string, data: unknown, actor: Actor = SYSTEM, key: string = action): Promise<void> {
    const { input, progress } = this;
    const line = recallStatusLine(progress, input);
    await this.track(
      db.recordRecall.executeWithOptions(withSummary(databaseActivityOptions, `record ${action} (${line})`), [
        {
          number: input.number,
          key: `${input.number}:${key}`,
          action,
          actor,
          data,
          at: new Date().toISOString(),
          state: progress.phase,
          statusLine: line,
          closedAt: progress.closedAt,
          closeReason: progress.closeReason,
        },
      ]),
    );
  }

  /** Opened: recorded, consignees traced, staff told; the notices go out next. */
  async open(): Promise<void> {
    const { input, progress } = this;
    const { lots, serials, risk, remedy, deadline } = input;
    await this.record(
      'opened',
      { lots, serials, risk, remedy, deadline, complaint: input.complaintNumber },
      input.openedBy,
    );
    const consignees = await this.trace();
    progress.counts = { ...progress.counts, consignees };
    progress.phase = 'notifying';
    await this.record('traced', { consignees });
    await this.tellStaff('opened', input.settings.notifyOnOpen, openedNote(consignees));
    this.publish();
  }

  /** Finds the consignees of the recalled lots and serials (new ones only, after the known); their number. */
  private trace(): Promise<number> {
    const { input } = this;
    const { lots, serials } = input;
    return this.track(
      db.traceRecall.executeWithOptions(
        withSummary(databaseActivityOptions, `trace consignees of ${recalledItems(lots, serials)}`),
        // a complaint's model is as staff typed it; the lots name what was shipped
        [
          {
            number: input.number,
            productModel: input.source === 'complaint' ? null : (input.productModel ?? null),
            lots,
            serials,
          },
        ],
      ),
    );
  }

  /** One batch of notices or reminders (the notices counted as they go, for the status and the Web UI). */
  async sendNotices(kind: 'notice' | 'reminder', round: number, from: number, to: number): Promise<void> {
    const { input, progress } = this;
    const what = kind === 'notice' ? 'notices' : `reminder ${round}`;
    const sent = await this.track(
      batches.sendRecallNotices.executeWithOptions(withSummary(BATCH_OPTIONS, `${what} to consignees ${from}–${to}`), [
        {
          number: input.number,
          kind,
          round,
          from,
          to,
          productModel: input.productModel ?? null,
          risk: input.risk,
          remedy: input.remedy,
          deadline: input.deadline,
        },
      ]),
    );
    if (kind === 'notice') {
      progress.counts = { ...progress.counts, notified: progress.counts.notified + sent.sent + sent.uncertain };
      this.publish();
    }
  }

  batchFailed(from: number, error: unknown): void {
    log.error('a batch of recall emails failed for good', { from, batch: BATCH, error: String(error) });
  }

  /** The ledger's counts, read again. */
  counts() {
    return this.track(db.recallCounts({ number: this.input.number }));
  }

  /** Something the cadence made due. */
  async carryOut(due: RecallDue): Promise<void> {
    const { input, progress } = this;
    switch (due) {
      case 'reminder':
        progress.reminding = { round: progress.remindersSent, through: 0 };
        return this.remind();
      case 'statusReport': {
        const seq = progress.reportsSent;
        await this.record('status_report', { seq, counts: progress.counts }, SYSTEM, `status-${seq}`);
        await this.tellStaff(
          `status-${seq}`,
          input.settings.statusReportTo,
          statusReportNote(seq, progress.counts),
          countLines(progress.counts),
        );
        return;
      }
      case 'deadline': {
        const silent = await this.track(db.markSilentConsignees({ number: input.number }));
        await this.record('deadline_passed', silent);
        const details = silent.sample.join('\n');
        await this.tellStaff('deadline', input.settings.escalateTo, silentNote(silent.silent), {
          'zh-CN': details,
          en: details,
        });
        return;
      }
    }
  }

  /** Traces again (shipment records imported since): the new consignees come after the known ones. */
  async retrace(actor: Actor): Promise<void> {
    const { input, progress } = this;
    const before = progress.counts.consignees;
    const consignees = await this.trace();
    progress.retraces = (progress.retraces ?? 0) + 1;
    progress.counts = { ...progress.counts, consignees };
    await this.record('retraced', { consignees, added: consignees - before }, actor, `retrace-${progress.retraces}`);
    if (consignees > before)
      await this.tellStaff(
        `retrace-${progress.retraces}`,
        input.settings.notifyOnOpen,
        retracedNote(consignees - before),
      );
  }

  /** The notices of consignees found by tracing again. */
  async notifyNewConsignees(): Promise<void> {
    const { progress } = this;
    progress.noticesThrough = await fanOut(
      progress.noticesThrough,
      progress.counts.consignees,
      (from, to) => this.sendNotices('notice', 0, from, to),
      (from, error) => this.batchFailed(from, error),
    );
    if (progress.noticesThrough < progress.counts.consignees) return; // the history is full: the next run goes on
    progress.counts = await this.counts();
    await this.record('notified', { counts: progress.counts }, SYSTEM, `notified-${progress.retraces ?? 0}`);
  }

  /** Sends (or goes on sending, after continue-as-new) the reminder round under way. */
  async remind(): Promise<void> {
    const { progress } = this;
    const { round, through } = progress.reminding!;
    const done = await fanOut(
      through,
      progress.counts.consignees,
      (from, to) => this.sendNotices('reminder', round, from, to),
      (from, error) => this.batchFailed(from, error),
    );
    progress.reminding = { round, through: done };
    if (done < progress.counts.consignees) return; // the history is full: the next run goes on
    progress.reminding = undefined;
    await this.record('reminded', { round }, SYSTEM, `reminder-${round}`);
  }

  /** Closed (by hand or because every consignee settled): recorded, management told with the final counts. */
  async closed(actor: Actor = SYSTEM): Promise<void> {
    const { progress, input } = this;
    this.publish();
    await this.record('closed', { reason: progress.closeReason, counts: progress.counts }, actor);
    await this.tellStaff(
      'closed',
      input.settings.statusReportTo,
      closedNote(progress.closeReason!),
      countLines(progress.counts),
    );
  }

  private async tellStaff(key: string, to: string[], note: Label, details?: Label): Promise<void> {
    const { input } = this;
    await this.track(
      mail.notifyStaffOf.executeWithOptions(
        withSummary(mailActivityOptions, `email ${recipientsOnce(to)}: ${note.en}`),
        [
          {
            number: input.number,
            event: 'recall',
            key,
            to,
            note: note.en,
            values: {
              ...localized('note', note),
              ...localized('details', details),
              recall: input.number,
              items: [input.productModel, recalledItems(input.lots, input.serials)].filter(Boolean).join(' — '),
              deadline: input.deadline,
              complaint: input.complaintNumber,
            },
            about: recallSubject(input.number),
          },
        ],
      ),
    );
  }

  /** Search attributes (only those that changed) and the Web UI's current details (what it is, where it stands). */
  publish(): void {
    const { input, progress } = this;
    const pairs: SearchAttributeUpdatePair[] = [
      { key: recallSearchAttributes.tags, value: recallTags(progress.phase, input.lots, input.serials) },
      { key: recallSearchAttributes.percentReached, value: percentReached(progress.counts) },
    ];
    const fresh = pairs.filter((pair) => {
      const value = JSON.stringify(pair.value);
      if (this.sent.get(pair.key.name) === value) return false;
      this.sent.set(pair.key.name, value);
      return true;
    });
    if (fresh.length) upsertSearchAttributes(fresh);
    setCurrentDetails(recallDetails(progress, input));
  }
}
