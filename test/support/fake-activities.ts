import { ApplicationFailure } from '@temporalio/common';
import type { ComplaintActivities, RecordActionInput } from '../../activities';
import type { Deadline } from '../../domain/clocks';

/** What fake activities saw. */
export interface Recorded {
  customerEmails: Array<{ number: string; event: string; key: string; note?: string }>;
  staffEmails: Array<{ number: string; event: string; to: string[]; key: string; note?: string }>;
  actions: RecordActionInput[];
  archived: string[];
  anonymised: string[];
  clocks: Map<string, Deadline>;
}

/** An empty record. */
export function recorder(): Recorded {
  return { customerEmails: [], staffEmails: [], actions: [], archived: [], anonymised: [], clocks: new Map() };
}

/**
 * Activities that record their calls. The first `failFirstEmails` customer emails fail like an unreachable
 * SMTP server; `batchUnits` is what the batch count returns.
 */
export function fakeActivities(
  recorded: Recorded,
  options: { failFirstEmails?: number; batchUnits?: number } = {},
): ComplaintActivities {
  let failures = options.failFirstEmails ?? 0;
  return {
    async notifyCustomer(input) {
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
      if (!recorded.staffEmails.some((e) => e.key === input.key)) {
        recorded.staffEmails.push({
          number: input.number,
          event: input.event,
          to: input.to,
          key: input.key,
          note: input.note,
        });
      }
      return { sent: input.to.length, unknown: [] };
    },
    async recordAction(input) {
      if (!recorded.actions.some((a) => a.seq === input.seq)) recorded.actions.push(input);
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
