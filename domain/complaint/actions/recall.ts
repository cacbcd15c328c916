/**
 * Recall from the complaint: at once where the profile says so (002 §4.2: a severe safety issue → recall and
 * notify the customers), or on the quality manager's decision (001 batch defects, 004 §5.2 a) 1)). It runs as
 * its own workflow, outlives the complaint, and the complaint's records link it.
 */
import { z } from '../../lazy-zod';
import { defineAction, OPEN_STAGES, text } from '../define-action';

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
    step.startRecall(
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
