/**
 * Carries out a corrective action's effects in order: its record, emails through the complaint's outbox (the
 * corrective action as their subject), clocks saved with the complaint's (department performance counts
 * them), escalation ladders, the 8D report to the customer, the complaint told of the progress.
 */
import {
  ParentClosePolicy,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  startChild,
  workflowInfo,
  type ActivityOptions,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { CorrectiveActionActivities } from '../../activities';
import type { Deadline } from '../../domain/clocks';
import { complaintWorkflowId } from '../../domain/complaint-contract';
import {
  carEscalationWorkflowId,
  carProgressSignal,
  type CorrectiveActionInput,
} from '../../domain/corrective-action-contract';
import type { CarEffect, CarState } from '../../domain/corrective-action/state';
import { carPhaseProgress, carProgress, carStatus } from '../../domain/corrective-action/status';
import { stopEscalationSignal } from '../../domain/escalation-contract';
import { localized } from '../../domain/labels';
import { databaseActivityOptions, mailActivityOptions, withSummary } from '../activity-options';
import { escalationWorkflow } from '../escalation.workflow';
import { recipientsOnce } from '../../domain/ui-summary';
import { PATCHES } from '../patches';

const mail = proxyActivities<CorrectiveActionActivities>(mailActivityOptions);
const db = proxyActivities<CorrectiveActionActivities>(databaseActivityOptions);
/** Rendering the report and its PDF takes longer than a plain email. */
const REPORT_OPTIONS: ActivityOptions = { ...mailActivityOptions, startToCloseTimeout: '2 minutes' };
const report = proxyActivities<CorrectiveActionActivities>(REPORT_OPTIONS);

export class CarEffects {
  private readonly ladders = new Map<number, ChildWorkflowHandle<typeof escalationWorkflow>>();
  private readonly savedClocks = new Map<string, string>();
  /**
   * From the `car-tell-complaint-on-change` patch the complaint is signalled only when the progress it holds
   * changes (and once for steps taken in a burst); corrective actions started before it signal after every step.
   */
  private readonly tellOnChange = patched(PATCHES.carTellComplaintOnChange.id);
  /** From `car-tell-complaint-on-phase` the complaint hears phases and rounds only, not each discipline. */
  private readonly tellOnPhase = this.tellOnChange && patched(PATCHES.carTellComplaintOnPhase.id);
  private tellsPrepared = 0;
  private lastTold: string | undefined;

  constructor(
    private readonly state: CarState,
    private readonly input: CorrectiveActionInput,
    private readonly onLadderFinished: (seq: number) => void,
  ) {}

  private get about() {
    return { kind: 'corrective_action', id: this.state.number };
  }

  /** The complaint the corrective action belongs to (its emails and clocks are kept with it). */
  private get complaint(): string {
    return this.input.complaintNumber!;
  }

  /** A step's effects, ready to carry out later in order; what they say is taken from the state now. */
  prepare(effects: CarEffect[]): Array<() => Promise<void>> {
    return effects.map((effect) => this.prepareOne(effect));
  }

  private prepareOne(effect: CarEffect): () => Promise<void> {
    switch (effect.kind) {
      case 'record':
        return this.prepareRecord(effect);
      case 'notifyStaff':
        return this.prepareStaffEmail(effect);
      case 'startLadder':
        return () => this.startLadder(effect);
      case 'stopLadder':
        return async () => {
          await this.ladders.get(effect.seq)?.signal(stopEscalationSignal, effect.reason);
        };
      case 'saveClocks':
        return () => this.saveChangedClocks();
      case 'sendReport':
        return this.prepareReport(effect);
      case 'tellComplaint':
        return this.prepareTellComplaint();
    }
  }

  /** The step recorded with the corrective action (and its complaint). */
  private prepareRecord(effect: Extract<CarEffect, { kind: 'record' }>): () => Promise<void> {
    const { state, input } = this;
    const at = new Date().toISOString();
    const snapshot = carStatus(state, input);
    const args = {
      number: state.number,
      complaintNumber: input.complaintNumber,
      workflowId: snapshot.workflowId,
      source: input.source,
      form: snapshot.form,
      seq: effect.seq,
      action: effect.action,
      actor: effect.actor,
      data: effect.data,
      at,
      phase: state.phase,
      current: state.current ?? null,
      round: state.round,
      owner: state.owner,
      closedAt: state.closedAt ?? null,
      statusLine: snapshot.statusLine,
    };
    return async () => {
      await db.recordCorrectiveActionStep.executeWithOptions(
        withSummary(databaseActivityOptions, `record ${effect.action} (${snapshot.statusLine})`),
        [args],
      );
    };
  }

  /** Staff told: through the complaint's outbox, or the corrective action's own when it has no complaint. */
  private prepareStaffEmail(effect: Extract<CarEffect, { kind: 'notifyStaff' }>): () => Promise<void> {
    const { state, input } = this;
    const values = {
      ...localized('note', effect.note),
      car: state.number,
      due: effect.due,
      product: input.product.model,
      complaint: input.complaintNumber,
    };
    if (!input.complaintNumber) {
      const own = {
        number: state.number,
        event: effect.event,
        key: effect.key,
        to: effect.to,
        note: effect.note.en,
      };
      return async () => {
        await mail.notifyStaffOf.executeWithOptions(
          withSummary(mailActivityOptions, `email ${recipientsOnce(effect.to)}: ${effect.note.en}`),
          [{ ...own, values, about: this.about }],
        );
      };
    }
    const args = {
      number: this.complaint,
      event: effect.event,
      key: effect.key,
      to: effect.to,
      note: effect.note.en,
      values,
      about: this.about,
    };
    return async () => {
      await mail.notifyStaff.executeWithOptions(
        withSummary(mailActivityOptions, `email ${recipientsOnce(effect.to)}: ${effect.note.en}`),
        [args],
      );
    };
  }

  /** The 8D report to the customer: interim once the true cause is found (004 §5.6 b)), final at closure. */
  private prepareReport(effect: Extract<CarEffect, { kind: 'sendReport' }>): () => Promise<void> {
    const { state, input } = this;
    const snapshot = carStatus(state, input);
    const about = {
      complaintNumber: this.complaint,
      status: snapshot,
      profile: { id: input.profile.id, name: input.profile.name },
    };
    // 004 §5.6 b): the report once the true cause is found, marked interim (the final one at closure)
    if (effect.interim)
      return async () => {
        await report.sendInterimCorrectiveActionReport.executeWithOptions(
          withSummary(REPORT_OPTIONS, `interim 8D report to the customer (${state.number})`),
          [about],
        );
      };
    return async () => {
      const sent = await report.sendCorrectiveActionReport.executeWithOptions(
        withSummary(REPORT_OPTIONS, `8D report to the customer (${state.number})`),
        [
          {
            complaintNumber: this.complaint,
            status: snapshot,
            profile: { id: input.profile.id, name: input.profile.name },
          },
        ],
      );
      state.reportSentAt = sent.sentAt;
    };
  }

  /** The complaint told where its corrective action stands (one signal per change). */
  private prepareTellComplaint(): () => Promise<void> {
    const { state, input } = this;
    const progress = (this.tellOnPhase ? carPhaseProgress : carProgress)(state, input.profile);
    const told = ++this.tellsPrepared;
    return async () => {
      if (this.tellOnChange) {
        // a later step tells the complaint after this one (it carries the newer progress), or the
        // complaint already holds this progress: no signal, so its timeline has one per change only
        const seen = JSON.stringify(progress);
        if (told < this.tellsPrepared || seen === this.lastTold) return;
        this.lastTold = seen;
      }
      try {
        await getExternalWorkflowHandle(complaintWorkflowId(this.complaint)).signal(carProgressSignal, progress);
      } catch (error) {
        // the complaint may have closed while a long verification goes on: the record keeps the link
        log.info('complaint not told of the corrective action', { error: String(error) });
      }
    };
  }

  private async startLadder(effect: Extract<CarEffect, { kind: 'startLadder' }>): Promise<void> {
    const { state, input } = this;
    const clock = `${state.number}:${effect.clock}`;
    const handle = await startChild(escalationWorkflow, {
      workflowId: carEscalationWorkflowId(state.number, effect.clock, effect.seq),
      args: [
        {
          number: input.complaintNumber ?? state.number,
          standalone: !input.complaintNumber,
          parentWorkflowId: workflowInfo().workflowId,
          clock,
          seq: effect.seq,
          reason: effect.reason.en,
          values: { ...localized('note', effect.reason), due: effect.due },
          levels: input.profile.clocks.escalation,
          calendar: input.profile.calendar,
          about: this.about,
        },
      ],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      staticSummary: `Escalation of ${effect.reason.en}`,
    });
    this.ladders.set(effect.seq, handle);
    void handle.result().then(() => {
      this.ladders.delete(effect.seq);
      this.onLadderFinished(effect.seq);
    });
  }

  private async saveChangedClocks(): Promise<void> {
    const { state, input } = this;
    // a standalone corrective action has no complaint to keep its clocks with: its status holds them
    if (!input.complaintNumber) return;
    const clocks: Deadline[] = state.deadlines
      .filter((clock) => {
        const key = `${clock.name}@${clock.startedAt}`;
        const json = JSON.stringify(clock);
        if (this.savedClocks.get(key) === json) return false;
        this.savedClocks.set(key, json);
        return true;
      })
      .map((clock) => ({ ...clock, name: `${state.number} ${clock.name}` }));
    if (!clocks.length) return;
    await db.recordClocks.executeWithOptions(
      withSummary(databaseActivityOptions, `save clocks: ${clocks.map((c) => c.name).join(', ')}`),
      [
        {
          number: this.complaint,
          department: state.owner.department,
          owner: state.owner.role,
          clocks,
          performance: input.profile.performance,
        },
      ],
    );
  }

  /** Resolves once every ladder has finished. */
  laddersRunning(): number {
    return this.ladders.size;
  }
}
