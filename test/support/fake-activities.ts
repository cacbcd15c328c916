import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ComplaintActivities, RecordActionInput } from '../../activities';
import type { RecordCarStepInput } from '../../activities/corrective-actions';
import type { CorrectiveActionStatus } from '../../domain/corrective-action-contract';
import type { Deadline } from '../../domain/clocks';
import type { RecordRecallInput } from '../../activities/recalls';
import { NO_COUNTS, type RecallCounts } from '../../domain/recall-contract';
import { createStepActivities } from '../../activities/step';
import { workflowInput } from './workflow-input';
import { BUILT_IN_PROFILES } from '../../domain/profiles';

/** A consignee of the fake recall ledger (the real one is in PostgreSQL). */
export interface FakeConsignee {
  ordinal: number;
  notified: boolean;
  reminders: number;
  acknowledged: boolean;
  settled: boolean;
  escalated: boolean;
}

/** What fake activities saw. */
export interface Recorded {
  customerEmails: Array<{
    number: string;
    event: string;
    key: string;
    note?: string;
    ask?: { purpose: string; expiresAt: string };
  }>;
  staffEmails: Array<{
    number: string;
    event: string;
    to: string[];
    key: string;
    note?: string;
    values?: Record<string, string | undefined>;
    /** The corrective action an email is about (none: the complaint). */
    about?: string;
  }>;
  actions: RecordActionInput[];
  carSteps: RecordCarStepInput[];
  reports: CorrectiveActionStatus[];
  /** Interim reports sent to the customer (004: once the root cause is found). */
  interimReports: CorrectiveActionStatus[];
  archived: string[];
  anonymised: string[];
  clocks: Map<string, Deadline>;
  /** The recall ledger: consignees, every notice and reminder batch sent, the recall's records. */
  recall: {
    consignees: FakeConsignee[];
    batches: Array<{ kind: string; round: number; from: number; to: number }>;
    records: RecordRecallInput[];
    opened: Map<string, string>;
    /** Consignees a trace finds from now on (set to add some before tracing again); else the option's. */
    traceable?: number;
  };
  /** The complaints opened as taken up from a closed one (004 §5.3 b)), by request key. */
  linked: Map<string, string>;
}

/** An empty record. */
export function recorder(): Recorded {
  return {
    customerEmails: [],
    staffEmails: [],
    actions: [],
    carSteps: [],
    reports: [],
    interimReports: [],
    archived: [],
    anonymised: [],
    clocks: new Map(),
    recall: { consignees: [], batches: [], records: [], opened: new Map() },
    linked: new Map(),
  };
}

/** How the fake activities behave. */
export interface FakeOptions {
  /** The first this many customer emails fail like an unreachable SMTP server. */
  failFirstEmails?: number;
  /** What the batch count returns. */
  batchUnits?: number;
  /** Recording this action fails for good (as text PostgreSQL cannot store would). */
  failRecordOf?: string;
  /** Customer emails of this event wait until `until` resolves (a slow SMTP server). */
  holdCustomerEmails?: { event: string; until: Promise<void> };
  /** Consignees the recall's trace finds. */
  recallConsignees?: number;
}

function fakeCounts(consignees: FakeConsignee[]): RecallCounts {
  return {
    ...NO_COUNTS,
    consignees: consignees.length,
    notified: consignees.filter((c) => c.notified).length,
    acknowledged: consignees.filter((c) => c.acknowledged).length,
    settled: consignees.filter((c) => c.settled).length,
  };
}

/** Activities that record their calls. */
export function fakeActivities(recorded: Recorded, options: FakeOptions = {}): ComplaintActivities {
  const single = singleFakeActivities(recorded, options);
  return { ...single, ...createStepActivities(single) };
}

function singleFakeActivities(recorded: Recorded, options: FakeOptions): Omit<ComplaintActivities, 'carryOutStep'> {
  let failures = options.failFirstEmails ?? 0;
  return {
    async notifyCustomer(input) {
      if (options.holdCustomerEmails?.event === input.event) await options.holdCustomerEmails.until;
      if (failures > 0) {
        failures -= 1;
        throw ApplicationFailure.retryable('SMTP unreachable', 'ConnectionError');
      }
      if (!recorded.customerEmails.some((e) => e.key === input.key)) {
        const { number, event, key, note, ask } = input;
        recorded.customerEmails.push({ number, event, key, note, ...(ask ? { ask } : {}) });
      }
      return 'sent';
    },
    async notifyStaff(input) {
      const about = input.about?.kind === 'complaint' ? undefined : input.about?.id;
      if (!recorded.staffEmails.some((e) => e.key === input.key && e.about === about)) {
        recorded.staffEmails.push({
          number: input.number,
          event: input.event,
          to: input.to,
          key: input.key,
          note: input.note,
          values: input.values,
          about,
        });
      }
      return { sent: input.to.length, unknown: [] };
    },
    async recordAction(input) {
      if (!recorded.actions.some((a) => a.seq === input.seq)) recorded.actions.push(input);
    },
    async recordStep(input) {
      if (input.action.action === options.failRecordOf)
        throw ApplicationFailure.nonRetryable('text PostgreSQL cannot store', 'UnstorableText');
      if (recorded.actions.some((a) => a.seq === input.action.seq)) return;
      recorded.actions.push(input.action);
      for (const clock of input.clocks?.clocks ?? [])
        recorded.clocks.set(`${clock.name}@${clock.startedAt}`, structuredClone(clock));
    },
    async notifyStaffOf(input) {
      if (!recorded.staffEmails.some((e) => e.key === input.key && e.about === input.about.id)) {
        recorded.staffEmails.push({
          number: input.number,
          event: input.event,
          to: input.to,
          key: input.key,
          note: input.note,
          values: input.values,
          about: input.about.id,
        });
      }
      return { sent: input.to.length, unknown: [] };
    },
    async recordCorrectiveActionStep(input) {
      if (!recorded.carSteps.some((a) => a.number === input.number && a.seq === input.seq))
        recorded.carSteps.push(input);
    },
    async sendCorrectiveActionReport(input) {
      if (!recorded.reports.some((r) => r.number === input.status.number)) recorded.reports.push(input.status);
      return { sentAt: new Date().toISOString() };
    },
    async sendInterimCorrectiveActionReport(input) {
      if (!recorded.interimReports.some((r) => r.number === input.status.number && r.round === input.status.round))
        recorded.interimReports.push(input.status);
      return { delivery: 'sent' as const };
    },
    async recordClocks(input) {
      for (const clock of input.clocks) recorded.clocks.set(`${clock.name}@${clock.startedAt}`, structuredClone(clock));
      return { newBreaches: 0 };
    },
    async countBatchUnits() {
      return options.batchUnits ?? 1;
    },
    async anonymiseComplaint(input) {
      recorded.anonymised.push(input.number);
    },
    async archiveComplaint(input) {
      recorded.archived.push(input.number);
    },
    async openLinkedComplaint(request) {
      const { linked } = recorded;
      if (!linked.has(request.requestKey)) linked.set(request.requestKey, `${request.from}-R${linked.size + 1}`);
      // registered when the activity was scheduled, on the (time-skipping) server's clock
      const registeredAt = new Date(Context.current().info.currentAttemptScheduledTimestampMs).toISOString();
      const input = workflowInput(linked.get(request.requestKey)!, request.profileId, { registeredAt });
      return { number: input.number, input, summary: `Complaint ${input.number}`, details: request.reason };
    },
    async linkedComplaintStarted() {},
    async loadPinnedProfile(ref) {
      return BUILT_IN_PROFILES.find((p) => p.id === ref.id)!;
    },
    async openRecallOfComplaint(input) {
      const { opened } = recorded.recall;
      if (!opened.has(input.requestKey))
        opened.set(input.requestKey, `202611-${String(opened.size + 1).padStart(3, '0')}`);
      return opened.get(input.requestKey)!;
    },
    async recordRecall(input) {
      if (!recorded.recall.records.some((r) => r.key === input.key)) recorded.recall.records.push(input);
    },
    async traceRecall() {
      const { consignees } = recorded.recall;
      const found = recorded.recall.traceable ?? options.recallConsignees ?? 0;
      for (let ordinal = consignees.length + 1; ordinal <= found; ordinal += 1)
        consignees.push({
          ordinal,
          notified: false,
          reminders: 0,
          acknowledged: false,
          settled: false,
          escalated: false,
        });
      return consignees.length;
    },
    async sendRecallNotices(input) {
      recorded.recall.batches.push({ kind: input.kind, round: input.round, from: input.from, to: input.to });
      const result = { sent: 0, uncertain: 0, rejected: 0 };
      for (const c of recorded.recall.consignees) {
        if (c.ordinal < input.from || c.ordinal > input.to) continue;
        if (input.kind === 'notice' && !c.notified) {
          c.notified = true;
          result.sent += 1;
        }
        if (input.kind === 'reminder' && !c.acknowledged && c.reminders < input.round) {
          c.reminders = input.round;
          result.sent += 1;
        }
      }
      return result;
    },
    async recallCounts() {
      return fakeCounts(recorded.recall.consignees);
    },
    async markSilentConsignees() {
      const silent = recorded.recall.consignees.filter((c) => !c.acknowledged);
      for (const c of silent) c.escalated = true;
      return { silent: silent.length, sample: silent.slice(0, 20).map((c) => `#${c.ordinal}`) };
    },
  };
}
