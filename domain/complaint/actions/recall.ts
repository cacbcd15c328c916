/**
 * Recall from the complaint: at once where the profile says so (002 §4.2: a severe safety issue → recall and
 * notify the customers), or on the quality manager's decision (001 batch defects, 004 §5.2 a) 1)). It runs as
 * its own workflow, outlives the complaint, and the complaint's records link it.
 */
import { z } from '../../lazy-zod';
import { starter } from '../../roles';
import { defineAction, OPEN_STAGES, text } from '../define-action';
import type { Step } from '../transitions';

/** What the recall is started with. */
export interface RecallDecision {
  risk: string;
  remedy: string;
  lots: string[];
  serials: string[];
  deadline?: string;
}

/** Starts the complaint's next recall (the workflow numbers it and starts its child). */
function startRecall(step: Step, decision: RecallDecision, trigger: 'severity' | 'decision'): void {
  const { state } = step;
  const seq = state.recalls.length + 1;
  state.recalls.push({ seq, decidedAt: new Date(step.nowMs).toISOString(), trigger });
  step.form('recall', { seq, trigger, ...decision });
  step.effects.push({ kind: 'startRecall', seq, actor: starter(step.actor), ...decision });
}

/** 002: the step made the complaint a severe safety issue with a known lot: the recall starts now (once). */
export function recallDue(step: Step): void {
  const { state, profile } = step;
  const trigger = profile.recall?.trigger;
  if (trigger?.on !== 'severity' || !trigger.severities.includes(state.severity)) return;
  if (state.recalls.some((r) => r.trigger === 'severity') || !state.batchNumber) return;
  startRecall(
    step,
    {
      risk: `severe safety issue reported in complaint ${state.number}: ${state.severityReasons.join('; ') || state.severity}`,
      remedy: profile.recall!.defaultRemedy,
      lots: [state.batchNumber],
      serials: [],
    },
    'severity',
  );
}

const item = () => z.string().trim().min(1).max(100);

export const decideRecall = defineAction({
  stages: OPEN_STAGES.filter((stage) => stage !== 'registered'),
  // complaints pinned to a profile without the decision hear why (409) rather than a role refusal
  roles: (profile) => profile.recall?.decidedBy ?? ['quality_manager'],
  schema: () =>
    z
      .object({
        risk: text(),
        remedy: text().optional(),
        /** Default: the complaint's batch. */
        lots: z.array(item()).max(200).optional(),
        serials: z.array(item()).max(10_000).default([]),
        deadline: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, 'an ISO date-time with offset')
          .optional(),
      })
      .strict(),
  unavailable: (_state, profile) =>
    !profile.recall || profile.recall.trigger.on === 'none'
      ? `procedure ${profile.id} v${profile.version} has no recall decision (start one with POST /api/v1/recalls)`
      : undefined,
  refuse: (state, _profile, p) => {
    const lots = p.lots ?? (state.batchNumber ? [state.batchNumber] : []);
    if (!lots.length && !p.serials.length)
      return { type: 'InvalidAction', message: 'lots: the complaint has no batch: name the lots or serials to recall' };
    // workflow time in the update's validator, as POST /api/v1/recalls checks it against the clock
    if (p.deadline && Date.parse(p.deadline) <= Date.now()) return 'deadline: must be in the future';
    return undefined;
  },
  apply(step, p) {
    const { state, profile } = step;
    startRecall(
      step,
      {
        risk: p.risk,
        remedy: p.remedy ?? profile.recall!.defaultRemedy,
        lots: p.lots ?? (state.batchNumber ? [state.batchNumber] : []),
        serials: p.serials,
        deadline: p.deadline,
      },
      'decision',
    );
  },
});
