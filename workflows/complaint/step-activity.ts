/**
 * One activity per run of a step's records, clocks and emails (complaints from patch `one-activity-per-step`):
 * one round trip through Temporal instead of one per effect. Child workflows keep their place in between.
 */
import { patched, proxyActivities } from '@temporalio/workflow';
import type { ComplaintActivities, StepPart } from '../../activities';
import { clockTrigger } from '../../domain/complaint/clock-table';
import type { AfterEffect, ComplaintState, Effect } from '../../domain/complaint/state';
import type { Profile } from '../../domain/profile-schema';
import { databaseActivityOptions, mailActivityOptions, withSummary } from '../activity-options';
import {
  clocksSummary,
  customerEmailSummary,
  PATCHED_EMAILS,
  staffEmailSummary,
  type CustomerEmail,
  type EffectInputs,
  type RecordEffect,
  type StaffEmail,
} from './effect-inputs';

const { carryOutStep } = proxyActivities<ComplaintActivities>(databaseActivityOptions);

type Task = () => Promise<void>;
/** Effects the step activity carries out together. */
const IN_STEP_ACTIVITY = new Set<Effect['kind']>(['record', 'saveClocks', 'notifyCustomer', 'notifyStaff']);
/** A part, prepared when the step is taken and completed when it runs; undefined when there is nothing to do. */
type PreparedPart = () => { part: StepPart; summary: string; then?: AfterEffect } | undefined;

export class StepActivities {
  constructor(
    private readonly state: ComplaintState,
    private readonly profile: Profile,
    private readonly inputs: EffectInputs,
  ) {}

  /**
   * A step's effects as tasks: each run of records, clocks and emails one activity, any other effect the task
   * `other` makes of it, in order. Emails that meet a clock may share a run (the clocks are met when it is
   * done), but records and clocks after them go in the next run, so the clocks saved there are met.
   */
  prepare(effects: Effect[], other: (effect: Effect) => Task): Task[] {
    const tasks: Task[] = [];
    let run: Effect[] = [];
    const endRun = () => {
      if (run.length) tasks.push(this.runTask(run));
      run = [];
    };
    for (const effect of effects) {
      const meets = run.some((e) => 'then' in e && e.then);
      if (!IN_STEP_ACTIVITY.has(effect.kind) || (meets && (effect.kind === 'record' || effect.kind === 'saveClocks')))
        endRun();
      if (IN_STEP_ACTIVITY.has(effect.kind)) run.push(effect);
      else tasks.push(other(effect));
    }
    endRun();
    return tasks;
  }

  /** One activity for a run; a part that failed for good is reported (thrown) after the rest are done. */
  private runTask(effects: Effect[]): Task {
    const withClocks = effects.some((e) => e.kind === 'record') && effects.some((e) => e.kind === 'saveClocks');
    const prepared = effects.flatMap((effect): PreparedPart[] => {
      if (effect.kind === 'record') return [this.recordPart(effect, withClocks)];
      if (effect.kind === 'saveClocks') return withClocks ? [] : [() => this.clocksPart()];
      if (effect.kind === 'notifyCustomer') return [this.customerEmailPart(effect)];
      if (effect.kind === 'notifyStaff') return [this.staffEmailPart(effect)];
      return [];
    });
    return async () => {
      const parts = prepared.flatMap((prepare) => prepare() ?? []);
      if (!parts.length) return;
      const emails = parts.filter((p) => p.part.activity.startsWith('notify')).length;
      // an email's 15 s and 5 s for each other part: an attempt that overruns is presumed dead, and its retry
      // marks an email caught mid-send uncertain rather than send it twice
      const options = withSummary(
        {
          ...(emails ? mailActivityOptions : databaseActivityOptions),
          ...(emails && { startToCloseTimeout: (15 + 5 * (parts.length - 1)) * 1000 }),
        },
        parts.map((p) => p.summary).join('; '),
      );
      const outcomes = await carryOutStep.executeWithOptions(options, [
        { number: this.state.number, parts: parts.map((p) => p.part) },
      ]);
      const failures: string[] = [];
      outcomes.forEach((outcome, i) => {
        const { summary, then } = parts[i]!;
        if (!outcome.done) failures.push(`${summary}: ${outcome.error}`);
        else if (then) clockTrigger(this.state, this.profile, then, Date.now());
      });
      if (failures.length) throw new Error(failures.join('; '));
    };
  }

  private recordPart(effect: RecordEffect, withClocks: boolean): PreparedPart {
    const { input, summary } = this.inputs.recordInput(effect);
    return () => {
      const clocks = withClocks ? this.inputs.changedClocks() : [];
      const step = { action: input, clocks: clocks.length ? this.inputs.clocksInput(clocks) : undefined };
      return { part: { activity: 'recordStep', input: step }, summary };
    };
  }

  private clocksPart() {
    const clocks = this.inputs.changedClocks();
    if (!clocks.length) return undefined;
    const input = this.inputs.clocksInput(clocks);
    return { part: { activity: 'recordClocks', input } as const, summary: clocksSummary(clocks) };
  }

  private customerEmailPart(effect: CustomerEmail): PreparedPart {
    const input = this.inputs.customerEmailInput(effect);
    const summary = customerEmailSummary(effect);
    return () => ({ part: { activity: 'notifyCustomer', input }, summary, then: effect.then });
  }

  private staffEmailPart(effect: StaffEmail): PreparedPart {
    const input = this.inputs.staffEmailInput(effect);
    const patch = PATCHED_EMAILS[effect.event];
    return () => {
      if (patch && !patched(patch)) return undefined;
      return { part: { activity: 'notifyStaff', input }, summary: staffEmailSummary(effect), then: effect.then };
    };
  }
}
