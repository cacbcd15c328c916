import {
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setCurrentDetails,
  setHandler,
} from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';
import { mailActivityOptions } from './activity-options';
import {
  escalationLevelSignal,
  stopEscalationSignal,
  type EscalationInput,
  type EscalationResult,
} from '../domain/escalation-contract';
import { dueAt } from '../domain/working-time';
import { localTime } from '../domain/local-time';
import { fitSummary, recipientsOnce } from '../domain/ui-summary';

const { notifyStaff, notifyStaffOf } = proxyActivities<ComplaintActivities>(mailActivityOptions);

/** The escalation ladder: each level waits its time, then is notified once; stops when the complaint acts. */
export async function escalationWorkflow(input: EscalationInput): Promise<EscalationResult> {
  let stoppedBecause: string | undefined;
  setHandler(stopEscalationSignal, (why) => {
    stoppedBecause ??= why;
  });
  const parent = getExternalWorkflowHandle(input.parentWorkflowId);
  let level = 0;
  for (const [i, step] of input.levels.entries()) {
    const dueMs = dueAt(Date.now(), step.after, input.calendar);
    const waitMs = dueMs - Date.now();
    const summary = fitSummary(
      `level ${i + 1} of ${input.levels.length}: ${recipientsOnce(step.notify)} told at ` +
        `${localTime(new Date(dueMs).toISOString(), input)} unless ${input.number} acts — ${input.reason}`,
    );
    setCurrentDetails(
      `**Escalation of complaint ${input.number}** — ${input.reason}\n\n` +
        `- Now: level ${i} of ${input.levels.length} reached\n- Waits for: ${summary}\n` +
        '- Stops as soon as the complaint acts on it',
    );
    if (waitMs > 0) await condition(() => stoppedBecause !== undefined, waitMs, { summary });
    if (stoppedBecause !== undefined) break;
    const email = {
      number: input.number,
      event: 'escalation_level' as const,
      key: `escalation:${input.clock}:${input.seq}:${i + 1}`,
      to: step.notify,
      note: `level ${i + 1} of ${input.levels.length} — ${input.reason}`,
      values: { level: String(i + 1), levels: String(input.levels.length), note: input.reason, ...input.values },
    };
    if (input.standalone && input.about) await notifyStaffOf({ ...email, about: input.about });
    else await notifyStaff({ ...email, ...(input.about && { about: input.about }) });
    level = i + 1;
    await parent.signal(escalationLevelSignal, { clock: input.clock, level });
  }
  if (stoppedBecause === undefined)
    setCurrentDetails(
      `**Escalation of complaint ${input.number}** — ${input.reason}\n\n` +
        `- Now: every level told (${level} of ${input.levels.length})\n- Waits for: the complaint to act on it`,
    );
  await condition(() => stoppedBecause !== undefined);
  return {
    clock: input.clock,
    levelReached: level,
    stoppedBecause: stoppedBecause!,
    stoppedAt: new Date().toISOString(),
  };
}
