/**
 * Carries out the effects the reducer returned, in order, each an activity or a child workflow with a
 * summary a manager can read in the Web UI's timeline.
 */
import { patched, proxyActivities, type ActivityOptions } from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities';
import { clockTrigger } from '../../domain/complaint/clock-table';
import type { ComplaintState, Effect } from '../../domain/complaint/state';
import { templateValues } from '../../domain/complaint/status';
import type { Profile } from '../../domain/profile-schema';
import { STAGE_LABELS } from '../../domain/stages';
import { databaseActivityOptions, mailActivityOptions } from '../activity-options';
import type { Children } from './children';

const mail = proxyActivities<ComplaintActivities>(mailActivityOptions);
const db = proxyActivities<ComplaintActivities>(databaseActivityOptions);
const withSummary = (options: ActivityOptions, summary: string): ActivityOptions => ({ ...options, summary });
const words = (s: string) => s.replace(/_/g, ' ');

export class EffectRunner {
  constructor(
    private readonly state: ComplaintState,
    private readonly profile: Profile,
    private readonly children: Children,
  ) {}

  async carryOut(effects: Effect[]): Promise<void> {
    for (const effect of effects) await this.run(effect);
  }

  private async run(effect: Effect): Promise<void> {
    const { state, profile, children } = this;
    const number = state.number;
    switch (effect.kind) {
      case 'record':
        return this.record(effect);
      case 'notifyCustomer': {
        const { event, key, note } = effect;
        const values = effect.values ?? templateValues(state, profile);
        await mail.notifyCustomer.executeWithOptions(
          withSummary(mailActivityOptions, `email customer: ${words(event)}`),
          [{ number, event, key, note, values }],
        );
        if (effect.then) clockTrigger(state, profile, effect.then, Date.now());
        return;
      }
      case 'notifyStaff': {
        const { event, key, to, note } = effect;
        const summary = `email ${to.join(', ')}: ${words(event)}${note ? ` (${words(note)})` : ''}`;
        await mail.notifyStaff.executeWithOptions(withSummary(mailActivityOptions, summary), [
          { number, event, key, to, note, values: templateValues(state, profile, effect.due) },
        ]);
        if (effect.then) clockTrigger(state, profile, effect.then, Date.now());
        return;
      }
      case 'saveClocks':
        await db.recordClocks.executeWithOptions(withSummary(databaseActivityOptions, 'save SLA clocks'), [
          {
            number,
            department: state.department ?? 'unassigned',
            owner: state.ownerRoles.join(',') || 'unassigned',
            clocks: state.deadlines,
            performance: profile.performance,
          },
        ]);
        return;
      case 'startLadder':
        return children.startLadder(effect.clock, effect.seq, effect.reason);
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
      case 'startRetention':
        // Complaints archived before the retention clock existed end without one.
        if (patched('retention-timer')) await children.startRetention(effect.retainUntil);
        return;
    }
  }

  private record(effect: Extract<Effect, { kind: 'record' }>) {
    const { state } = this;
    const move = effect.stageBefore === state.stage ? STAGE_LABELS[state.stage] : `→ ${STAGE_LABELS[state.stage]}`;
    const summary = `record ${words(effect.action)} (${move})`;
    return db.recordAction.executeWithOptions(withSummary(databaseActivityOptions, summary), [
      {
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
          ownerRoles: state.ownerRoles,
        },
      },
    ]);
  }
}
