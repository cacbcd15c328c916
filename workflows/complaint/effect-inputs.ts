/**
 * What each effect tells its activity, taken from the complaint's state when the step is taken (an email's
 * values, the record's stage and snapshot), and how the Web UI's timeline names it.
 */
import type { ComplaintState, Deadline, Effect, StaffEvent } from '../../domain/complaint/state';
import { templateValues } from '../../domain/complaint/status';
import type { Profile } from '../../domain/profile-schema';
import { STAGE_LABELS } from '../../domain/stages';
import { recipientsOnce } from '../../domain/ui-summary';
import { PATCHES } from '../patches';

export type CustomerEmail = Extract<Effect, { kind: 'notifyCustomer' }>;
export type StaffEmail = Extract<Effect, { kind: 'notifyStaff' }>;
export type RecordEffect = Extract<Effect, { kind: 'record' }>;

const words = (s: string) => s.replace(/_/g, ' ');
export const customerEmailSummary = (effect: CustomerEmail) =>
  `email customer: ${words(effect.event)}${effect.ask ? ' (with an answer link)' : ''}`;
export const staffEmailSummary = (effect: StaffEmail) =>
  `email ${recipientsOnce(effect.to)}: ${words(effect.event)}${effect.note ? ` (${words(effect.note)})` : ''}`;
export const clocksSummary = (clocks: Deadline[]) => `save SLA clocks: ${clocks.map((c) => words(c.name)).join(', ')}`;
export const archiveSummary = (reason: string) => `archive: ${reason}`;

/**
 * Emails added after complaints were already running, with the patch that marks histories that have them:
 * a complaint that took the step before the email existed replays without it.
 */
export const PATCHED_EMAILS: Partial<Record<StaffEvent, string>> = { engineer_visit: PATCHES.engineerVisitEmail.id };

/** The inputs of a complaint's effects. */
export class EffectInputs {
  constructor(
    private readonly state: ComplaintState,
    private readonly profile: Profile,
  ) {}

  /** Clocks as last handed to the database (answer-first complaints save only those that changed). */
  private readonly savedClocks = new Map<string, string>();

  /** The clocks changed since they were last handed to the database (marked handed now). */
  changedClocks() {
    return this.state.deadlines.filter((clock) => {
      const key = `${clock.name}@${clock.startedAt}`;
      const json = JSON.stringify(clock);
      if (this.savedClocks.get(key) === json) return false;
      this.savedClocks.set(key, json);
      return true;
    });
  }

  /** The clocks activity's input: `clocks` with the complaint's department and owners now. */
  clocksInput(clocks = this.state.deadlines) {
    const { state, profile } = this;
    const department = state.department ?? 'unassigned';
    const owner = state.ownerRoles.join(',') || 'unassigned';
    return { number: state.number, department, owner, clocks, performance: profile.performance };
  }

  /** A step's record as the activity takes it (taken from the state now) and its summary in the Web UI. */
  recordInput(effect: RecordEffect) {
    const { state } = this;
    const move = effect.stageBefore === state.stage ? STAGE_LABELS[state.stage] : `→ ${STAGE_LABELS[state.stage]}`;
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
    return { input, summary: `record ${words(effect.action)} (${move})` };
  }

  /** An email's input, its values taken from the state now (when the step is taken). */
  customerEmailInput(effect: CustomerEmail) {
    const { event, key, note, ask } = effect;
    const values = { ...templateValues(this.state, this.profile), ...effect.values };
    return { number: this.state.number, event, key, note, values, ...(ask ? { ask } : {}) };
  }

  /** A staff email's input, its values taken from the state now. */
  staffEmailInput(effect: StaffEmail) {
    const { event, key, to, note } = effect;
    const values = { ...templateValues(this.state, this.profile, effect.due), ...effect.values };
    return { number: this.state.number, event, key, to, note, values };
  }
}
