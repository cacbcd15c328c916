import { proxyActivities, setCurrentDetails, sleep } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities';
import type { RetentionInput, RetentionResult } from '../domain/retention-contract';
import { databaseActivityOptions } from './activity-options';

const { anonymiseComplaint } = proxyActivities<RetentionActivities>(databaseActivityOptions);

/** The retention clock: a durable timer until the end of the retention period, then anonymisation. */
export async function retentionWorkflow(input: RetentionInput): Promise<RetentionResult> {
  const wait = Date.parse(input.retainUntil) - Date.now();
  setCurrentDetails(
    `**Retention of complaint ${input.number}**\n\n- Waits for: ${input.retainUntil.slice(0, 10)}, the end of ` +
      "the procedure's retention period\n- Then: the customer's personal data is anonymised; the record stays",
  );
  if (wait > 0) await sleep(wait, { summary: `anonymise ${input.number} on ${input.retainUntil.slice(0, 10)}` });
  await anonymiseComplaint({ number: input.number });
  return { number: input.number, anonymisedAt: new Date().toISOString() };
}
