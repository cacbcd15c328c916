import { ApplicationFailure } from '@temporalio/common';
import type { ComplaintActivities } from '../../activities';
import type { Stage } from '../../domain/stages';

/** What fake activities saw. */
export interface Recorded {
  emails: Array<{ number: string; event: string }>;
  stages: Stage[];
}

/** Activities that record their calls; the first `failFirstEmails` emails fail like an unreachable SMTP server. */
export function fakeActivities(recorded: Recorded, options: { failFirstEmails?: number } = {}): ComplaintActivities {
  let failures = options.failFirstEmails ?? 0;
  return {
    async notifyCustomer(input) {
      if (failures > 0) {
        failures -= 1;
        throw ApplicationFailure.retryable('SMTP unreachable', 'ConnectionError');
      }
      recorded.emails.push({ number: input.number, event: input.event });
      return 'sent';
    },
    async recordStage(input) {
      recorded.stages.push(input.stage);
    },
  };
}
