/**
 * A step's records and emails in one activity: one round trip through Temporal instead of one per effect.
 * The parts run in the step's order (an email reads the record written before it) and each is as safe to
 * retry as on its own (the record by its audit entry, every email by its outbox key), so a transient failure
 * retries the whole step and changes nothing already done. A part that can never succeed (a non-retryable
 * failure) is reported in the result and the parts after it still run, as separate effects would.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { createClockActivities } from './clocks';
import type { createMailActivities } from './mail';
import type { createRecordActivities } from './records';

/** The single-effect activities a step is made of. */
export type StepParts = Pick<ReturnType<typeof createRecordActivities>, 'recordStep'> &
  Pick<ReturnType<typeof createClockActivities>, 'recordClocks'> &
  Pick<ReturnType<typeof createMailActivities>, 'notifyCustomer' | 'notifyStaff'>;

/** One part of a step, named after the activity that carries it out alone. */
export type StepPart =
  | { activity: 'recordStep'; input: Parameters<StepParts['recordStep']>[0] }
  | { activity: 'recordClocks'; input: Parameters<StepParts['recordClocks']>[0] }
  | { activity: 'notifyCustomer'; input: Parameters<StepParts['notifyCustomer']>[0] }
  | { activity: 'notifyStaff'; input: Parameters<StepParts['notifyStaff']>[0] };

/** How each part ended: done, or failed for good (why). */
export type StepPartOutcome = { done: true } | { done: false; error: string };

/** True for a failure retrying cannot cure (the retry policy would not retry it either). */
function isPermanent(error: unknown): error is ApplicationFailure {
  return error instanceof ApplicationFailure && error.nonRetryable === true;
}

/** The step activity over the single-effect activities it is made of (real or fake). */
export function createStepActivities(parts: StepParts) {
  const run = (part: StepPart): Promise<unknown> => {
    switch (part.activity) {
      case 'recordStep':
        return parts.recordStep(part.input);
      case 'recordClocks':
        return parts.recordClocks(part.input);
      case 'notifyCustomer':
        return parts.notifyCustomer(part.input);
      case 'notifyStaff':
        return parts.notifyStaff(part.input);
    }
  };
  return {
    /** Carries out a step's parts in order; a transient failure throws (the activity retries), a permanent one is reported. */
    async carryOutStep(input: { number: string; parts: StepPart[] }): Promise<StepPartOutcome[]> {
      const outcomes: StepPartOutcome[] = [];
      for (const part of input.parts) {
        try {
          await run(part);
          outcomes.push({ done: true });
        } catch (error) {
          if (!isPermanent(error)) throw error;
          outcomes.push({ done: false, error: error.message });
        }
      }
      return outcomes;
    },
  };
}
