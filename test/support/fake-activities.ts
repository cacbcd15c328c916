import { ApplicationFailure } from '@temporalio/common';
import type { ComplaintActivities } from '../../activities';
import type { RecordActionInput } from '../../activities/complaint-activities';

/** What fake activities saw. */
export interface Recorded {
  customerEmails: Array<{ number: string; event: string; key: string; note?: string }>;
  staffEmails: Array<{ number: string; event: string; to: string[] }>;
  actions: RecordActionInput[];
  archived: string[];
}

/** An empty record. */
export function recorder(): Recorded {
  return { customerEmails: [], staffEmails: [], actions: [], archived: [] };
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
      recorded.staffEmails.push({ number: input.number, event: input.event, to: input.to });
      return { sent: input.to.length, unknown: [] };
    },
    async recordAction(input) {
      if (!recorded.actions.some((a) => a.seq === input.seq)) recorded.actions.push(input);
    },
    async countBatchUnits() {
      return options.batchUnits ?? 1;
    },
    async archiveComplaint(input) {
      recorded.archived.push(input.number);
    },
  };
}
