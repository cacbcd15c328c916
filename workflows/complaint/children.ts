/**
 * The complaint's child workflows, started from this one place: escalation ladders, the emergency
 * response, the retention clock (and, next, corrective action and recall).
 */
import { ParentClosePolicy, condition, startChild, workflowInfo, type ChildWorkflowHandle } from '@temporalio/workflow';
import { complaintClosedSignal, emergencyWorkflowId, temporaryPlanSignal } from '../../domain/emergency-contract';
import type { EmergencyResult } from '../../domain/emergency-contract';
import { escalationWorkflowId, stopEscalationSignal, type EscalationResult } from '../../domain/escalation-contract';
import type { ComplaintState } from '../../domain/complaint/state';
import { severityValues } from '../../domain/complaint/status';
import type { Profile } from '../../domain/profile-schema';
import { retentionWorkflowId } from '../../domain/retention-contract';
import { emergencyWorkflow } from '../emergency.workflow';
import { escalationWorkflow } from '../escalation.workflow';
import { retentionWorkflow } from '../retention.workflow';

type Ladder = ChildWorkflowHandle<typeof escalationWorkflow>;

export class Children {
  private readonly ladders = new Map<number, Ladder>();
  private emergency?: ChildWorkflowHandle<typeof emergencyWorkflow>;

  constructor(
    private readonly number: string,
    private readonly profile: Profile,
    private readonly onLadderFinished: (seq: number, result: EscalationResult) => void,
  ) {}

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
          levels: this.profile.clocks.escalation,
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
