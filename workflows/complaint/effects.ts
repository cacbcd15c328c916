/**
 * Carries out the effects the reducer returned, in order, each an activity or a child workflow with a
 * summary a manager can read in the Web UI's timeline.
 */
import { patched, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities';
import { clockTrigger } from '../../domain/complaint/clock-table';
import type { ComplaintState, Effect, StaffEvent } from '../../domain/complaint/state';
import { templateValues } from '../../domain/complaint/status';
import type { Profile } from '../../domain/profile-schema';
import { STAGE_LABELS } from '../../domain/stages';
import { databaseActivityOptions, mailActivityOptions } from '../activity-options';
import type { Children } from './children';

const mail = proxyActivities<ComplaintActivities>(mailActivityOptions);
const db = proxyActivities<ComplaintActivities>(databaseActivityOptions);
const withSummary = (options: ActivityOptions, summary: string): ActivityOptions => ({ ...options, summary });
const words = (s: string) => s.replace(/_/g, ' ');

/**
 * Emails added after complaints were already running, with the patch that marks histories that have them:
 * a complaint that took the step before the email existed replays without it.
 */
const PATCHED_EMAILS: Partial<Record<StaffEvent, string>> = { engineer_visit: 'engineer-visit-email' };

export class EffectRunner {
  constructor(
    private readonly state: ComplaintState,
    private readonly profile: Profile,
    private readonly children: Children,
  ) {}

  /** Clocks as last handed to the database (answer-first complaints save only those that changed). */
  private readonly savedClocks = new Map<string, string>();

  /**
   * A step's effects, prepared now, to carry out later in order (answer-first complaints). The record and
   * the clocks go in one activity and one transaction unless an email between them meets a clock; the
   * clocks sent are those changed since they were last sent, as they are when it runs.
   */
  prepareStep(effects: Effect[]): Array<() => Promise<void>> {
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

  private changedClocks() {
    return this.state.deadlines.filter((clock) => {
      const key = `${clock.name}@${clock.startedAt}`;
      const json = JSON.stringify(clock);
      if (this.savedClocks.get(key) === json) return false;
      this.savedClocks.set(key, json);
      return true;
    });
  }

  private clocksInput(clocks = this.state.deadlines) {
    const { state, profile } = this;
    const department = state.department ?? 'unassigned';
    const owner = state.ownerRoles.join(',') || 'unassigned';
    return { number: state.number, department, owner, clocks, performance: profile.performance };
  }

  private async saveChangedClocks(): Promise<void> {
    const clocks = this.changedClocks();
    if (!clocks.length) return;
    const summary = `save SLA clocks: ${clocks.map((c) => words(c.name)).join(', ')}`;
    await db.recordClocks.executeWithOptions(withSummary(databaseActivityOptions, summary), [this.clocksInput(clocks)]);
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
    const number = state.number;
    switch (effect.kind) {
      case 'record':
        return this.record(effect);
      case 'notifyCustomer': {
        const { event, key, note, ask } = effect;
        const values = { ...templateValues(state, profile), ...effect.values };
        return async () => {
          await mail.notifyCustomer.executeWithOptions(
            withSummary(mailActivityOptions, `email customer: ${words(event)}${ask ? ' (with an answer link)' : ''}`),
            [{ number, event, key, note, values, ...(ask ? { ask } : {}) }],
          );
          if (effect.then) clockTrigger(state, profile, effect.then, Date.now());
        };
      }
      case 'notifyStaff': {
        const { event, key, to, note } = effect;
        const summary = `email ${to.join(', ')}: ${words(event)}${note ? ` (${words(note)})` : ''}`;
        const values = { ...templateValues(state, profile, effect.due), ...effect.values };
        const patch = PATCHED_EMAILS[event];
        return async () => {
          if (patch && !patched(patch)) return;
          await mail.notifyStaff.executeWithOptions(withSummary(mailActivityOptions, summary), [
            { number, event, key, to, note, values },
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
          this.clocksInput(),
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
        await db.archiveComplaint.executeWithOptions(withSummary(databaseActivityOptions, `archive: ${reason}`), [
          { number, closedAt, retentionYears, reason },
        ]);
        return;
      }
      case 'startCorrectiveAction':
        return children.startCorrectiveAction(state, effect);
      case 'startRecall':
        return children.startRecall(state, effect);
      case 'startRetention':
        // Complaints archived before the retention clock existed end without one.
        if (patched('retention-timer')) await children.startRetention(effect.retainUntil);
        return;
    }
  }

  /** The record of a step; `withClocks`: in one activity with the clocks that changed (answer-first). */
  private record(effect: Extract<Effect, { kind: 'record' }>, withClocks = false): () => Promise<void> {
    const { state } = this;
    const move = effect.stageBefore === state.stage ? STAGE_LABELS[state.stage] : `→ ${STAGE_LABELS[state.stage]}`;
    const summary = `record ${words(effect.action)} (${move})`;
    const input = {
      number: state.number,
      seq: effect.seq,
      action: effect.action,
      actor: effect.actor,
      stageBefore: effect.stageBefore,
      stageAfter: state.stage,
      at: new Date().toISOString(),
      forms: effect.forms,
      snapshot: {
        stage: state.stage,
        severity: state.severity,
        type: state.type,
        department: state.department,
        ownerRoles: [...state.ownerRoles],
      },
    };
    if (!withClocks)
      return async () => {
        await db.recordAction.executeWithOptions(withSummary(databaseActivityOptions, summary), [input]);
      };
    return async () => {
      const clocks = this.changedClocks();
      await db.recordStep.executeWithOptions(withSummary(databaseActivityOptions, summary), [
        { action: input, clocks: clocks.length ? this.clocksInput(clocks) : undefined },
      ]);
    };
  }
}
