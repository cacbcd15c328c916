/**
 * Carries out the effects the reducer returned, in order, each an activity or a child workflow with a
 * summary a manager can read in the Web UI's timeline.
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities';
import { clockTrigger } from '../../domain/complaint/clock-table';
import type { ComplaintState, Effect } from '../../domain/complaint/state';
import type { Profile } from '../../domain/profile-schema';
import { databaseActivityOptions, mailActivityOptions, withSummary } from '../activity-options';
import type { Children } from './children';
import {
  archiveSummary,
  clocksSummary,
  customerEmailSummary,
  EffectInputs,
  PATCHED_EMAILS,
  staffEmailSummary,
  type RecordEffect,
} from './effect-inputs';
import { StepActivities } from './step-activity';
import { PATCHES } from '../patches';

const mail = proxyActivities<ComplaintActivities>(mailActivityOptions);
const db = proxyActivities<ComplaintActivities>(databaseActivityOptions);

export class EffectRunner {
  constructor(
    private readonly state: ComplaintState,
    private readonly profile: Profile,
    private readonly children: Children,
    /** Patch `one-activity-per-step`: a step's records, clocks and emails go in one activity. */
    oneActivityPerStep = false,
  ) {
    this.inputs = new EffectInputs(state, profile);
    this.steps = oneActivityPerStep ? new StepActivities(state, profile, this.inputs) : undefined;
  }

  private readonly inputs: EffectInputs;
  /** Patch `one-activity-per-step`: a step's records, clocks and emails go in one activity. */
  private readonly steps?: StepActivities;

  /**
   * A step's effects, prepared now, to carry out later in order (answer-first complaints). The record and
   * the clocks go in one activity and one transaction unless an email between them meets a clock; the
   * clocks sent are those changed since they were last sent, as they are when it runs.
   */
  prepareStep(effects: Effect[]): Array<() => Promise<void>> {
    if (this.steps) return this.steps.prepare(effects, (effect) => this.prepare(effect));
    const record = effects.findIndex((e) => e.kind === 'record');
    const save = effects.findIndex((e) => e.kind === 'saveClocks');
    const between = effects.slice(Math.min(record, save) + 1, Math.max(record, save));
    const merge = record >= 0 && save >= 0 && !between.some((e) => 'then' in e && e.then);
    return effects.flatMap((effect, i) => {
      if (merge && i === save) return [];
      if (effect.kind === 'record') return [this.record(effect, merge)];
      if (effect.kind === 'saveClocks') return [() => this.saveChangedClocks()];
      return [this.prepare(effect)];
    });
  }

  private async saveChangedClocks(): Promise<void> {
    const clocks = this.inputs.changedClocks();
    if (!clocks.length) return;
    const summary = clocksSummary(clocks);
    await db.recordClocks.executeWithOptions(withSummary(databaseActivityOptions, summary), [
      this.inputs.clocksInput(clocks),
    ]);
  }

  /** Carries the effects out now, one after the other (each prepared just before it runs). */
  async carryOut(effects: Effect[]): Promise<void> {
    for (const effect of effects) await this.prepare(effect)();
  }

  /**
   * An effect ready to carry out later: what it says (the record's stage and snapshot, an email's values)
   * is taken from the state now, when the step is taken; clocks are saved as they are when it runs.
   */
  prepare(effect: Effect): () => Promise<void> {
    const { state, profile } = this;
    switch (effect.kind) {
      case 'record':
        return this.record(effect);
      case 'notifyCustomer': {
        const input = this.inputs.customerEmailInput(effect);
        return async () => {
          await mail.notifyCustomer.executeWithOptions(withSummary(mailActivityOptions, customerEmailSummary(effect)), [
            input,
          ]);
          if (effect.then) clockTrigger(state, profile, effect.then, Date.now());
        };
      }
      case 'notifyStaff': {
        const input = this.inputs.staffEmailInput(effect);
        const patch = PATCHED_EMAILS[effect.event];
        return async () => {
          if (patch && !patched(patch)) return;
          await mail.notifyStaff.executeWithOptions(withSummary(mailActivityOptions, staffEmailSummary(effect)), [
            input,
          ]);
          if (effect.then) clockTrigger(state, profile, effect.then, Date.now());
        };
      }
      default:
        return () => this.run(effect);
    }
  }

  private async run(effect: Exclude<Effect, { kind: 'record' | 'notifyCustomer' | 'notifyStaff' }>): Promise<void> {
    const { state, children } = this;
    const number = state.number;
    switch (effect.kind) {
      case 'saveClocks':
        await db.recordClocks.executeWithOptions(withSummary(databaseActivityOptions, 'save SLA clocks'), [
          this.inputs.clocksInput(),
        ]);
        return;
      case 'startLadder':
        return children.startLadder(effect.clock, effect.seq, effect.reason, effect.values);
      case 'stopLadder':
        return children.stopLadder(effect.seq, effect.reason);
      case 'startEmergency':
        return children.startEmergency(state);
      case 'signalEmergency':
        return children.temporaryPlanRecorded(effect.temporaryPlanAt);
      case 'archive': {
        const { closedAt, reason, retentionYears } = effect;
        await db.archiveComplaint.executeWithOptions(withSummary(databaseActivityOptions, archiveSummary(reason)), [
          { number, closedAt, retentionYears, reason },
        ]);
        return;
      }
      case 'startCorrectiveAction':
        return children.startCorrectiveAction(state, effect);
      case 'startRecall':
        return children.startRecall(state, effect);
      case 'openLinkedComplaint':
        return children.startLinkedComplaint(state, effect.reason);
      case 'startRetention':
        // Complaints archived before the retention clock existed end without one.
        if (patched(PATCHES.retentionTimer.id)) await children.startRetention(effect.retainUntil);
        return;
    }
  }

  /** The record of a step; `withClocks`: in one activity with the clocks that changed (answer-first). */
  private record(effect: RecordEffect, withClocks = false): () => Promise<void> {
    const { input, summary } = this.inputs.recordInput(effect);
    if (!withClocks)
      return async () => {
        await db.recordAction.executeWithOptions(withSummary(databaseActivityOptions, summary), [input]);
      };
    return async () => {
      const clocks = this.inputs.changedClocks();
      await db.recordStep.executeWithOptions(withSummary(databaseActivityOptions, summary), [
        { action: input, clocks: clocks.length ? this.inputs.clocksInput(clocks) : undefined },
      ]);
    };
  }
}
