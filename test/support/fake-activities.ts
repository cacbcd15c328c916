import { ApplicationFailure } from '@temporalio/common';
import type { ComplaintActivities, RecordActionInput } from '../../activities';
import type { RecordCarStepInput } from '../../activities/corrective-actions';
import type { CorrectiveActionStatus } from '../../domain/corrective-action-contract';
import type { Deadline } from '../../domain/clocks';

/** What fake activities saw. */
export interface Recorded {
  customerEmails: Array<{ number: string; event: string; key: string; note?: string }>;
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
  archived: string[];
  anonymised: string[];
  clocks: Map<string, Deadline>;
}

/** An empty record. */
export function recorder(): Recorded {
  return {
    customerEmails: [],
    staffEmails: [],
    actions: [],
    carSteps: [],
    reports: [],
    archived: [],
    anonymised: [],
    clocks: new Map(),
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
}

/** Activities that record their calls. */
export function fakeActivities(recorded: Recorded, options: FakeOptions = {}): ComplaintActivities {
  let failures = options.failFirstEmails ?? 0;
  return {
    async notifyCustomer(input) {
      if (options.holdCustomerEmails?.event === input.event) await options.holdCustomerEmails.until;
      if (failures > 0) {
        failures -= 1;
        throw ApplicationFailure.retryable('SMTP unreachable', 'ConnectionError');
      }
      if (!recorded.customerEmails.some((e) => e.key === input.key)) {
        recorded.customerEmails.push({ number: input.number, event: input.event, key: input.key, note: input.note });
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
  };
}
