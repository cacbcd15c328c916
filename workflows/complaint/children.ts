/**
 * The complaint's child workflows, started from this one place: escalation ladders, the emergency
 * response, the retention clock, corrective actions, recalls, the complaint a closed one is taken up as.
 */
import {
  ParentClosePolicy,
  condition,
  patched,
  proxyActivities,
  startChild,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ComplaintActivities } from '../../activities';
import {
  complaintRecallKey,
  recallDetails,
  recallSummary,
  recallWorkflowId,
  type RecallInput,
} from '../../domain/recall-contract';
import { dueAt } from '../../domain/working-time';
import { databaseActivityOptions } from '../activity-options';
import { recallWorkflow } from '../recall/recall.workflow';
import { complaintClosedSignal, emergencyWorkflowId, temporaryPlanSignal } from '../../domain/emergency-contract';
import type { EmergencyResult } from '../../domain/emergency-contract';
import { escalationWorkflowId, stopEscalationSignal, type EscalationResult } from '../../domain/escalation-contract';
import type { ComplaintState } from '../../domain/complaint/state';
import { ladderOf } from '../../domain/complaint/clock-table';
import { severityValues } from '../../domain/complaint/status';
import type { Profile } from '../../domain/profile-schema';
import { retentionWorkflowId } from '../../domain/retention-contract';
import {
  COMPLAINT_WORKFLOW_TYPE,
  complaintWorkflowId,
  linkedComplaintKey,
  type ComplaintWorkflowInput,
} from '../../domain/complaint-contract';
import {
  carDetails,
  carSummary,
  correctiveActionWorkflowId,
  type CorrectiveActionInput,
} from '../../domain/corrective-action-contract';
import type { Effect } from '../../domain/complaint/state';
import { correctiveActionWorkflow } from '../corrective-action/corrective-action.workflow';
import { emergencyWorkflow } from '../emergency.workflow';
import { escalationWorkflow } from '../escalation.workflow';
import { retentionWorkflow } from '../retention.workflow';
import { PATCHES } from '../patches';

type Ladder = ChildWorkflowHandle<typeof escalationWorkflow>;

const rows = proxyActivities<ComplaintActivities>(databaseActivityOptions);

export class Children {
  private readonly ladders = new Map<number, Ladder>();
  private emergency?: ChildWorkflowHandle<typeof emergencyWorkflow>;

  private readonly number: string;
  private readonly profile: Profile;

  constructor(
    private readonly input: ComplaintWorkflowInput,
    profile: Profile,
    private readonly onLadderFinished: (seq: number, result: EscalationResult) => void,
  ) {
    this.number = input.number;
    this.profile = profile;
  }

  /** An escalation ladder for a missed clock (or staff's escalation); it reports its result back. */
  async startLadder(clock: string, seq: number, reason: string, values?: Record<string, string | undefined>) {
    const handle = await startChild(escalationWorkflow, {
      workflowId: escalationWorkflowId(this.number, clock, seq),
      args: [
        {
          number: this.number,
          parentWorkflowId: workflowInfo().workflowId,
          clock,
          seq,
          reason,
          values,
          levels: ladderOf(this.profile, clock),
          calendar: this.profile.calendar,
        },
      ],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      staticSummary: `Escalation of complaint ${this.number}: ${reason}`,
    });
    this.ladders.set(seq, handle);
    void handle.result().then((result) => {
      this.ladders.delete(seq);
      this.onLadderFinished(seq, result);
    });
  }

  async stopLadder(seq: number, reason: string): Promise<void> {
    await this.ladders.get(seq)?.signal(stopEscalationSignal, reason);
  }

  /** Waits until every ladder has finished (they are told to stop once the complaint closes). */
  laddersFinished(): Promise<void> {
    return condition(() => this.ladders.size === 0);
  }

  /** The emergency response: team and management told at once, the temporary plan on its own clock. */
  async startEmergency(state: ComplaintState): Promise<void> {
    const rule = this.profile.clocks.emergency!;
    this.emergency = await startChild(emergencyWorkflow, {
      workflowId: emergencyWorkflowId(this.number),
      args: [
        {
          number: this.number,
          severity: state.severity,
          values: severityValues(state, this.profile),
          notify: rule.notify,
          temporaryPlan: rule.temporaryPlan,
          escalateTo: this.profile.clocks.escalation.at(-1)!.notify,
          calendar: this.profile.calendar,
        },
      ],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      staticSummary: `Emergency response for complaint ${this.number} (${state.severity})`,
    });
  }

  async temporaryPlanRecorded(at: string): Promise<void> {
    await this.emergency?.signal(temporaryPlanSignal, at);
  }

  /** Tells the emergency response the complaint closed and returns its result (none if it never ran). */
  async finishEmergency(reason: string): Promise<EmergencyResult | undefined> {
    if (!this.emergency) return undefined;
    await this.emergency.signal(complaintClosedSignal, reason);
    return this.emergency.result();
  }

  /**
   * A corrective action (8D / CAPA). It outlives the complaint on purpose: a long effectiveness verification
   * goes on after the customer's complaint is closed, and tells the complaint its progress while it runs.
   */
  async startCorrectiveAction(
    state: ComplaintState,
    effect: Extract<Effect, { kind: 'startCorrectiveAction' }>,
  ): Promise<void> {
    const { input } = this;
    const carInput: CorrectiveActionInput = {
      number: effect.number,
      source: 'complaint',
      complaintNumber: input.number,
      openedAt: new Date().toISOString(),
      openedBy: effect.actor,
      reason: effect.reason,
      product: { model: input.productModel, batch: input.batchNumber, quantityAffected: input.quantityAffected },
      severity: state.severity,
      technical: effect.technical,
      rootCauseKnown: effect.rootCauseKnown,
      known: { cause: state.cause, suggestedActions: effect.suggestedActions },
      customer: { name: input.customerName },
      profile: this.profile,
      profileHash: input.profileHash,
    };
    await startChild(correctiveActionWorkflow, {
      workflowId: correctiveActionWorkflowId(effect.number),
      args: [carInput],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: carSummary(carInput),
      staticDetails: carDetails(carInput),
    });
  }

  /**
   * A recall: its row written first (numbered from the month's sequence, once per complaint and seq), then
   * its workflow. It outlives the complaint: consignees answer for weeks after the customer's case is closed.
   */
  async startRecall(state: ComplaintState, effect: Extract<Effect, { kind: 'startRecall' }>): Promise<void> {
    const { input, profile } = this;
    const settings = profile.recall!;
    const openedAt = new Date();
    const base = {
      source: 'complaint' as const,
      complaintNumber: this.number,
      openedAt: openedAt.toISOString(),
      openedBy: effect.actor,
      productModel: input.productModel,
      lots: effect.lots,
      serials: effect.serials,
      risk: effect.risk,
      remedy: effect.remedy,
      deadline:
        effect.deadline ?? new Date(dueAt(openedAt.getTime(), settings.answerWithin, profile.calendar)).toISOString(),
      profileId: profile.id,
    };
    const number = await rows.openRecallOfComplaint({
      requestKey: complaintRecallKey(this.number, effect.seq),
      opening: { ...base, profileHash: input.profileHash },
    });
    const recallInput: RecallInput = { ...base, number, settings, calendar: profile.calendar };
    await startChild(recallWorkflow, {
      workflowId: recallWorkflowId(number),
      args: [recallInput],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: recallSummary(recallInput),
      staticDetails: recallDetails(recallInput),
    });
    const started = state.recalls.find((r) => r.seq === effect.seq);
    if (started) started.number = number;
  }

  /**
   * 004 §5.3 b): the complaint a customer still not satisfied is taken up as: its row first (numbered once per
   * this complaint), then its workflow, which outlives this one. Complaints closed before this existed did not.
   */
  async startLinkedComplaint(state: ComplaintState, reason: string): Promise<void> {
    if (!patched(PATCHES.linkedComplaint.id)) return;
    const linked = await rows.openLinkedComplaint({
      from: this.number,
      reason,
      requestKey: linkedComplaintKey(this.number),
      profileId: this.profile.id,
    });
    try {
      await startChild(COMPLAINT_WORKFLOW_TYPE, {
        workflowId: complaintWorkflowId(linked.number),
        args: [linked.input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: linked.summary,
        staticDetails: linked.details,
      });
    } catch (error) {
      // started already: by the API's sweep of stored complaints, or before this workflow was replayed
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    await rows.linkedComplaintStarted(linked.number);
    state.reopenedAs = linked.number;
  }

  /** The retention clock outlives this workflow on purpose: it runs for years after the archive. */
  async startRetention(retainUntil: string): Promise<void> {
    await startChild(retentionWorkflow, {
      workflowId: retentionWorkflowId(this.number),
      args: [{ number: this.number, retainUntil }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      staticSummary: `Retention of complaint ${this.number} until ${retainUntil.slice(0, 10)}`,
    });
  }
}
