/**
 * What the complaint workflow knows of a complaint. Pure data: the reducer (actions, system events) changes
 * the state and returns effects (./effects.ts, re-exported here).
 */
import type { Deadline } from '../clocks';
import type { Profile } from '../profile-schema';
import type { Role } from '../roles';
import type { CustomerAsk } from './customer-ask';
import type { Effect } from './effects';
import { evaluateSeverity, type SeverityFacts } from '../severity';
import type { Stage } from '../stages';
import type { EscalationResult } from '../escalation-contract';
import type { EmergencyResult } from '../emergency-contract';
import type { CarProgress } from '../corrective-action-contract';

export type { Deadline } from '../clocks';

export {
  ENGINEER_MAILBOX,
  type AfterEffect,
  type CustomerEvent,
  type Effect,
  type Form,
  type FormKind,
  type StaffEvent,
} from './effects';

/** One entry of the short history. */
export interface StageChange {
  stage: Stage;
  at: string;
  action?: string;
  actor?: string;
  note?: string;
}

/** An escalation ladder the complaint runs (a child workflow). */
export interface LadderRef {
  clock: string;
  seq: number;
  /** The stage it was started in (a ladder staff started stops when the stage moves on). */
  stage: Stage;
  stopping: boolean;
}

/** Everything the workflow knows of a complaint. */
export interface ComplaintState {
  number: string;
  /** When the complaint reached the company (the registration time unless given); absent in older states. */
  receivedAt?: string;
  stage: Stage;
  channel: string;
  /** SLA clocks run (false for complaints started before clocks existed). */
  clocksOn: boolean;
  severity: string;
  severityReasons: string[];
  batchDefectiveUnits: number;
  batchNumber?: string;
  /** The customer's service region, when registered with one. */
  region?: string;
  type?: string;
  department?: string;
  ownerRoles: Role[];
  warranty: 'in' | 'out' | 'unknown';
  faultCategory?: 'hardware' | 'software' | 'misuse';
  cause?: string;
  /** The diagnosis found the root cause (false: 004 §5.6 b), a preliminary report first). */
  rootCauseFound?: boolean;
  /** The diagnosis found a technical cause (004: engineering with R&D owns its corrective action). */
  technical?: boolean;
  serviceMode?: 'remote' | 'on_site';
  /** The engineer sent on site (003 §2.2.1), once dispatched. */
  engineer?: { name: string; region: string; qualification: string };
  arrivedAt?: string;
  plan?: {
    summary: string;
    customerRemedy: string[];
    correctiveActions: string[];
    costBorneBy: 'company' | 'customer';
    completeBy?: string;
    quote?: { amount: number; currency: string };
    repairQuantity?: number;
    engineer?: { name: string; region: string; qualification: string };
    suggestedRemedy: string[];
    remedyDeviation?: string;
    repairBy?: string;
  };
  approvals: Role[];
  objectionRounds: number;
  paid: boolean;
  progressReports: number;
  satisfied?: boolean;
  closeReason?: string;
  reopenedAs?: string;
  /** Set when an effect failed for good (a record or email no retry can make): staff must look. */
  needsAttention?: string;
  /** SLA clocks: warned, breached, recorded, escalated. */
  deadlines: Deadline[];
  /** System timers (objection window, progress cadence): when one is due, a system event happens. */
  timers: Deadline[];
  clocksPaused?: { at: string; reason: 'waiting_on_customer' | 'force_majeure'; note: string };
  emergency?: { startedAt: string; temporaryPlanAt?: string };
  escalationLevel: number;
  /** 002 §7.2: the complaint's escalation has been held against its department. */
  escalationBlamed?: boolean;
  actionSeq: number;
  ladderSeq: number;
  ladders: LadderRef[];
  finishedLadders: EscalationResult[];
  emergencyResult?: EmergencyResult;
  /** Corrective actions (8D / CAPA) opened, with what each last told the complaint. */
  correctiveActions: Array<{
    number: string;
    openedAt: string;
    trigger?: 'diagnosis' | 'plan';
    progress?: CarProgress;
  }>;
  /** Recalls this complaint started (`seq` 1, 2, …; the number once its row is written). */
  recalls: Array<{ seq: number; decidedAt: string; trigger: 'severity' | 'decision'; number?: string }>;
  /** The latest question of each purpose put to the customer by email (its link answers it). */
  asks: CustomerAsk[];
  /** Every answer that came by link, applied or refused (a link's second answer is ignored). */
  linkAnswers: LinkAnswerOutcome[];
  /** 003 §2.3: the parts the customer was asked to consent to, and the answer. */
  partsConsent?: {
    parts: string[];
    cost: number;
    currency: string;
    warranty: string;
    requestedAt: string;
    answer?: { consent: boolean; at: string; via: 'link' | 'staff' };
  };
  /** 003 §2.3.3: the signed service confirmation. */
  serviceConfirmation?: {
    signedBy: string;
    signedAt: string;
    address?: string;
    satisfied?: boolean;
    via: 'link' | 'staff';
  };
  history: StageChange[];
}

/** What became of an answer that came by link. */
export interface LinkAnswerOutcome {
  linkId: string;
  /** The signal it came as. */
  answer: string;
  at: string;
  applied: boolean;
  /** Why it was refused: answered, superseded, window_closed, out_of_stage, invalid. */
  reason?: string;
  /** The refusal in words. */
  note?: string;
  /** The stage after it. */
  stage: Stage;
}

/** Why an action was refused. */
export interface Refusal {
  type: 'StageConflict' | 'Forbidden' | 'InvalidAction';
  message: string;
}

/** What the complaint was registered with. */
export interface Registration {
  number: string;
  registeredAt: string;
  /** When the complaint reached the company; the registration time when not given. */
  receivedAt?: string;
  channel: string;
  warranty: 'in' | 'out' | 'unknown';
  facts: SeverityFacts;
  /** The product's batch (a recall of the complaint recalls it). */
  batchNumber?: string;
  /** The customer's service region (003 §2.2.1: remote areas are excepted from the visit limits). */
  region?: string;
}

/** The state of a complaint just registered, with its provisional severity (clocks start on registration). */
export function newComplaintState(profile: Profile, input: Registration, clocksOn: boolean): ComplaintState {
  const verdict = evaluateSeverity(profile, input.facts);
  return {
    number: input.number,
    receivedAt: input.receivedAt ?? input.registeredAt,
    stage: 'registered',
    channel: input.channel,
    clocksOn,
    severity: verdict.severity,
    severityReasons: verdict.reasons,
    batchDefectiveUnits: input.facts.batchDefectiveUnits ?? 0,
    batchNumber: input.batchNumber,
    region: input.region,
    ownerRoles: [],
    warranty: input.warranty,
    approvals: [],
    objectionRounds: 0,
    paid: false,
    progressReports: 0,
    deadlines: [],
    timers: [],
    escalationLevel: 0,
    actionSeq: 0,
    ladderSeq: 0,
    ladders: [],
    finishedLadders: [],
    correctiveActions: [],
    recalls: [],
    asks: [],
    linkAnswers: [],
    history: [{ stage: 'registered', at: input.registeredAt }],
  };
}

/** The email telling owners and operations that a step of the complaint could not be carried out. */
export function attentionNeeded(state: ComplaintState, error: string): Effect[] {
  const to = [...state.ownerRoles, 'operations'];
  return [
    {
      kind: 'notifyStaff',
      event: 'needs_attention',
      key: `needs_attention#${state.actionSeq}`,
      to,
      note: error.slice(0, 300),
    },
  ];
}
