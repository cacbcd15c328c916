import { condition, proxyActivities, setCurrentDetails, setHandler } from '@temporalio/workflow';
import type { EmergencyActivities } from '../activities';
import { mailActivityOptions } from './activity-options';
import {
  complaintClosedSignal,
  temporaryPlanSignal,
  type EmergencyInput,
  type EmergencyResult,
} from '../domain/emergency-contract';
import { localized, SYSTEM_NOTES } from '../domain/labels';
import { dueAt } from '../domain/working-time';
import { localTime } from '../domain/local-time';
import { fitSummary, recipientsOnce } from '../domain/ui-summary';

const { notifyStaff } = proxyActivities<EmergencyActivities>(mailActivityOptions);

/**
 * Emergency response: the emergency team and management are told at once; a temporary plan is due
 * within the profile's time (24 h in 002); when it is late the top of the escalation ladder is told.
 */
export async function emergencyWorkflow(input: EmergencyInput): Promise<EmergencyResult> {
  let planAt: string | undefined;
  let closed: string | undefined;
  setHandler(temporaryPlanSignal, (at) => {
    planAt ??= at;
  });
  setHandler(complaintClosedSignal, (reason) => {
    closed ??= reason;
  });
  const settled = () => planAt !== undefined || closed !== undefined;
  const startedMs = Date.now();
  const due = dueAt(startedMs, input.temporaryPlan, input.calendar);
  await notifyStaff({
    number: input.number,
    event: 'emergency',
    key: 'emergency:start',
    to: input.notify,
    note: `severity ${input.severity}`,
    values: { severity: input.severity, ...input.values, due: new Date(due).toISOString() },
  });
  setCurrentDetails(
    `**Emergency response for complaint ${input.number}** (${input.severity})\n\n` +
      `- Told: ${recipientsOnce(input.notify)}\n` +
      `- Waits for: the temporary plan by ${localTime(new Date(due).toISOString(), input)}, else ` +
      `${recipientsOnce(input.escalateTo)} told`,
  );
  const inTime = await condition(settled, due - startedMs, {
    summary: fitSummary(
      `temporary plan of ${input.number} due ${localTime(new Date(due).toISOString(), input)} — ` +
        `else ${recipientsOnce(input.escalateTo)} told`,
    ),
  });
  if (!inTime) {
    await notifyStaff({
      number: input.number,
      event: 'escalation_level',
      key: 'emergency:plan-overdue',
      to: input.escalateTo,
      note: SYSTEM_NOTES.emergencyPlanOverdue.en,
      values: localized('note', SYSTEM_NOTES.emergencyPlanOverdue),
    });
    await condition(settled);
  }
  return {
    startedAt: new Date(startedMs).toISOString(),
    dueAt: new Date(due).toISOString(),
    temporaryPlanAt: planAt,
    breached: !inTime || (planAt !== undefined && Date.parse(planAt) > due),
    closedWithoutPlan: planAt === undefined ? closed : undefined,
  };
}
