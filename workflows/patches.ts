/**
 * Every patch ID a workflow branches on, in one place: what it changed, when, and when it may go.
 *
 * Retirement (docs/architecture.md › Versioning): a patch may be deprecated (`deprecatePatch`, the old branch
 * deleted) once no workflow of its type started before `introduced` is still open — checked by
 * `npm run patches` (a visibility count per patch) — and removed altogether once such histories are also past
 * the namespace's retention. The committed history that records the old branch (`test/histories/before-<patch>-*`)
 * is deleted in the same change as the old branch; until then it proves the branch still replays.
 */
export interface PatchInfo {
  /** The workflow type whose histories carry the marker. */
  workflow: 'complaintWorkflow' | 'correctiveActionWorkflow';
  /** What a workflow that has the marker does differently. */
  change: string;
  /** The day the patch reached main (workflows started earlier run the old branch). */
  introduced: string;
}

export const PATCHES = {
  slaClocks: {
    id: 'sla-clocks',
    workflow: 'complaintWorkflow',
    change: 'the profile’s SLA clocks run as durable timers',
    introduced: '2026-11-22',
  },
  retentionTimer: {
    id: 'retention-timer',
    workflow: 'complaintWorkflow',
    change: 'an archived complaint starts its retention clock (anonymised when it runs out)',
    introduced: '2026-11-22',
  },
  answerFirst: {
    id: 'answer-first',
    workflow: 'complaintWorkflow',
    change: 'an action is answered before its effects run; effects queue behind it',
    introduced: '2026-11-29',
  },
  oneActivityPerStep: {
    id: 'one-activity-per-step',
    workflow: 'complaintWorkflow',
    change: 'a step’s records, clocks and emails run as one activity',
    introduced: '2026-11-30',
  },
  needsAttentionAttribute: {
    id: 'needs-attention-attribute',
    workflow: 'complaintWorkflow',
    change: 'the NeedsAttention search attribute is set',
    introduced: '2026-11-30',
  },
  publishChangesOnly: {
    id: 'publish-changes-only',
    workflow: 'complaintWorkflow',
    change: 'search attributes and details are upserted only when they change',
    introduced: '2026-11-30',
  },
  engineerVisitEmail: {
    id: 'engineer-visit-email',
    workflow: 'complaintWorkflow',
    change: 'the customer is emailed the engineer’s visit (003 §2.2.1)',
    introduced: '2026-11-30',
  },
  linkedComplaint: {
    id: 'linked-complaint',
    workflow: 'complaintWorkflow',
    change: 'a customer still not satisfied opens a new linked complaint by itself (004 §5.3 b))',
    introduced: '2026-12-07',
  },
  carTellComplaintOnChange: {
    id: 'car-tell-complaint-on-change',
    workflow: 'correctiveActionWorkflow',
    change: 'the complaint is signalled only when the progress it holds changes',
    introduced: '2026-12-07',
  },
  carTellComplaintOnPhase: {
    id: 'car-tell-complaint-on-phase',
    workflow: 'correctiveActionWorkflow',
    change: 'the complaint is signalled only when the corrective action’s phase or round changes (not per discipline)',
    introduced: '2026-12-07',
  },
} as const satisfies Record<string, PatchInfo & { id: string }>;

export type PatchName = keyof typeof PATCHES;
