/**
 * Corrective action (8D / CAPA) from the complaint: opened where the profile says (004 after a diagnosis that
 * finds the company's own quality problem in warranty; 001 with every plan's internal improvement actions) or
 * by the quality manager's decision. It runs as its own child workflow and outlives the complaint.
 */
import { complaintCarNumber } from '../../corrective-action-contract';
import { carCustomerLine } from '../../corrective-action/customer-line';
import type { Label } from '../../labels';
import { z } from '../../lazy-zod';
import { starter, type Actor } from '../../roles';
import { defineAction, OPEN_STAGES, text } from '../define-action';
import type { ComplaintState } from '../state';
import type { Step } from '../transitions';

/** What a corrective action is opened with, besides what the complaint already knows. */
export interface CarOpening {
  reason: string;
  technical: boolean;
  rootCauseKnown: boolean;
  suggestedActions?: string[];
}

/** Opens the next corrective action of the complaint (the workflow starts its child). */
export function startCorrectiveAction(step: Step, opening: CarOpening, actor: Actor = starter(step.actor)): void {
  const { state } = step;
  const seq = state.correctiveActions.length + 1;
  const number = complaintCarNumber(state.number, seq);
  state.correctiveActions.push({ number, openedAt: new Date(step.nowMs).toISOString() });
  step.form('corrective_action', { number, ...opening });
  step.effects.push({ kind: 'startCorrectiveAction', number, actor, ...opening });
}

/** The profile's own trigger, at the step it names. */
export function correctiveActionDue(
  step: Step,
  on: 'diagnosis' | 'plan',
  facts: { cause?: string; technical?: boolean; rootCauseKnown?: boolean; suggestedActions?: string[] },
): void {
  const { state, profile } = step;
  const trigger = profile.correctiveAction?.trigger;
  if (!trigger || trigger.on !== on || state.correctiveActions.some((c) => c.trigger === on)) return;
  if (trigger.on === 'diagnosis') {
    if (trigger.causes && !trigger.causes.includes(facts.cause as never)) return;
    if (trigger.warranty && trigger.warranty !== state.warranty) return;
    if (trigger.types && !trigger.types.includes(state.type ?? '')) return;
  }
  const reason =
    on === 'diagnosis'
      ? `diagnosis of complaint ${state.number}: ${facts.cause} cause`
      : `internal improvement actions of complaint ${state.number}`;
  startCorrectiveAction(step, {
    reason,
    technical: facts.technical ?? state.technical ?? false,
    rootCauseKnown: facts.rootCauseKnown ?? true,
    suggestedActions: facts.suggestedActions,
  });
  state.correctiveActions.at(-1)!.trigger = on;
}

export const openCorrectiveAction = defineAction({
  stages: OPEN_STAGES.filter((stage) => stage !== 'registered'),
  // complaints pinned to a profile without the form hear why (409) rather than a role refusal
  roles: (profile) => profile.correctiveAction?.openedBy ?? ['quality_manager'],
  schema: () =>
    z
      .object({
        reason: text(),
        technical: z.boolean().optional(),
        rootCauseKnown: z.boolean().default(true),
        suggestedActions: z.array(text()).max(20).optional(),
      })
      .strict(),
  unavailable: (_state, profile) =>
    profile.correctiveAction
      ? undefined
      : {
          type: 'StageConflict',
          message: `procedure ${profile.id} v${profile.version} has no corrective-action form (complaints pinned to it cannot open one)`,
        },
  apply(step, p) {
    startCorrectiveAction(step, { ...p, technical: p.technical ?? step.state.technical ?? false });
  },
});

/** Where the complaint's corrective actions stand, as the customer reads it (none: undefined). */
export function customerCarLine(state: ComplaintState): Label | undefined {
  const known = state.correctiveActions.flatMap((c) => (c.progress ? [c.progress] : []));
  return known.length ? carCustomerLine(known) : undefined;
}
