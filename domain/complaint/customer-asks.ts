/**
 * The questions an email puts to the customer (issue 12): each email that asks something opens an "ask" —
 * its purpose, its key (the email's key, which the link carries) and the window to answer. A link answers
 * only the latest ask of its purpose, once, inside the window; a new email of the same purpose (a revised
 * plan) supersedes the older one and its link.
 */
import type { Profile } from '../profile-schema';
import type { ComplaintState, CustomerEvent, Effect } from './state';
import type { AnswerPurpose, CustomerAsk } from './customer-ask';

export * from './customer-ask';

const DAY_MS = 86_400_000;

/**
 * How long a link answers when the procedure sets no window for it (no seed does, but 004's objection to an
 * invalid finding: that one ends with its `objection_window` clock). Ours: long enough for a customer who
 * reads mail weekly, short enough that an old link does not decide a complaint that has moved on.
 */
export const ANSWER_WINDOW_DAYS: Record<AnswerPurpose, number> = {
  plan_decision: 14,
  quote: 14,
  parts_consent: 3,
  service_confirmation: 7,
  survey: 30,
  invalid_objection: 7,
};

/** The clock whose due instant ends an ask's window, where the procedure has one. */
const WINDOW_CLOCK: Partial<Record<AnswerPurpose, string>> = { invalid_objection: 'objection_window' };

/** The question an email asks, if any: the plan asks for a decision, or for the quote when the customer pays. */
export function purposeOf(event: CustomerEvent, state: ComplaintState): AnswerPurpose | undefined {
  switch (event) {
    case 'plan':
      return state.plan?.quote && state.plan.costBorneBy === 'customer' ? 'quote' : 'plan_decision';
    case 'invalid':
      return 'invalid_objection';
    case 'survey':
      return 'survey';
    case 'parts_consent_request':
      return 'parts_consent';
    case 'service_confirmation_request':
      return 'service_confirmation';
    default:
      return undefined;
  }
}

function windowEnd(state: ComplaintState, purpose: AnswerPurpose, nowMs: number): number {
  const clockName = WINDOW_CLOCK[purpose];
  const clock = clockName && [...state.timers, ...state.deadlines].find((c) => c.name === clockName && !c.metAt);
  return clock ? Date.parse(clock.dueAt) : nowMs + ANSWER_WINDOW_DAYS[purpose] * DAY_MS;
}

/**
 * Opens an ask for every email of a finished step that asks something (after the step's moves, so a window
 * clock the step started counts), replacing the older ask of the same purpose; the email carries it.
 */
export function openAsks(state: ComplaintState, _profile: Profile, effects: Effect[], nowMs: number): void {
  for (const effect of effects) {
    if (effect.kind !== 'notifyCustomer') continue;
    const purpose = purposeOf(effect.event, state);
    if (!purpose) continue;
    const ask: CustomerAsk = {
      purpose,
      key: effect.key,
      askedAt: new Date(nowMs).toISOString(),
      stage: state.stage,
      expiresAt: new Date(windowEnd(state, purpose, nowMs)).toISOString(),
      ...(effect.note ? { note: effect.note } : {}),
    };
    state.asks = [...(state.asks ?? []).filter((a) => a.purpose !== purpose), ask];
    effect.ask = { purpose, expiresAt: ask.expiresAt };
  }
}

/** The questions a link may still answer: asked in the stage the complaint is in, not yet answered. */
export function pendingAsks(state: ComplaintState): CustomerAsk[] {
  return state.asks.filter((a) => a.stage === state.stage && !a.answeredAt);
}
