/**
 * What the complaint workflow knows of a complaint, and the effects a step asks the workflow to carry
 * out. Pure data: the reducer (actions, system events) changes the state and returns effects.
 */
import type { Deadline } from '../clocks';
import type { Profile } from '../profile-schema';
import type { Actor, Party, Role } from '../roles';
import type { AnswerPurpose, CustomerAsk } from './customer-asks';
import { evaluateSeverity, type SeverityFacts } from '../severity';
import type { Stage } from '../stages';
import type { EscalationResult } from '../escalation-contract';
import type { EmergencyResult } from '../emergency-contract';
import type { CarProgress } from '../corrective-action-contract';

export type { Deadline } from '../clocks';

/** Events on which the customer is written to. */
export type CustomerEvent =
  | 'acknowledgement'
  | 'owner_assigned'
  | 'invalid'
  | 'plan'
  | 'progress'
  | 'completed'
  | 'survey'
  | 'closed'
  | 'withdrawn'
  | 'reopened'
  | 'force_majeure'
  | 'corrective_action_report'
  | 'parts_consent_request'
  | 'service_confirmation_request';

/** Events on which staff are written to. */
export type StaffEvent =
  | 'registered'
  | 'assignment'
  | 'approval_request'
  | 'escalation'
  | 'low_satisfaction'
  | 'sla_warning'
  | 'dispatch'
  | 'call_ahead'
  | 'engineer_visit'
  | 'escalation_level'
  | 'emergency'
  | 'needs_attention'
  | 'corrective_action'
  | 'recall'
  | 'customer_reply'
  | 'customer_answered'
  | 'quality_meeting'
  | 'monthly_report';

/** Recipient id of a field engineer's own mailbox (department directory): `engineer:<name>`. */
export const ENGINEER_MAILBOX = 'engineer:';

/** Forms stored in PostgreSQL, one kind per documented record. */
export type FormKind =
  | 'classification'
  | 'verification'
  | 'objection'
  | 'diagnosis'
  | 'plan'
  | 'approval'
  | 'customer_decision'
  | 'arbitration'
  | 'payment'
  | 'progress'
  | 'processing'
  | 'result_verification'
  | 'survey'
  | 'follow_up'
  | 'closure'
  | 'clock_pause'
  | 'clock_resume'
  | 'escalation_request'
  | 'escalation'
  | 'temporary_plan'
  | 'emergency'
  | 'dispatch'
  | 'arrival'
  | 'recall'
  | 'corrective_action'
  | 'parts_consent_request'
  | 'parts_consent'
  | 'service_confirmation_request'
  | 'service_confirmation';

/** A stored form. */
export interface Form {
  kind: FormKind;
  data: unknown;
}

/** Clock events the workflow reports back once an effect is carried out (the mail has gone out). */
export type AfterEffect = 'acknowledged' | 'owners_notified';

/** Something the workflow must do after a step, in order. */
export type Effect =
  | { kind: 'record'; seq: number; action: string; actor: Party; stageBefore: Stage; forms: Form[] }
  | {
      kind: 'notifyCustomer';
      event: CustomerEvent;
      key: string;
      note?: string;
      /** Template values of this mail alone (the acknowledgement's promised contact time). */
      values?: Record<string, string | undefined>;
      then?: AfterEffect;
      /** The question the email asks: its link answers it until `expiresAt`. */
      ask?: { purpose: AnswerPurpose; expiresAt: string };
    }
  | {
      kind: 'notifyStaff';
      event: StaffEvent;
      key: string;
      to: string[];
      note?: string;
      due?: string;
      /** Template values of this mail alone (labels of a system note, the engineer's visit). */
      values?: Record<string, string | undefined>;
      then?: AfterEffect;
    }
  | {
      kind: 'startLadder';
      clock: string;
      seq: number;
      reason: string;
      /** Template values of the ladder's emails (the reason in each language, the missed due time). */
      values?: Record<string, string | undefined>;
    }
  | { kind: 'stopLadder'; clock: string; seq: number; reason: string }
  | { kind: 'startEmergency' }
  | { kind: 'signalEmergency'; temporaryPlanAt: string }
  | { kind: 'archive'; closedAt: string; reason: string; retentionYears: number }
  | { kind: 'startRetention'; retainUntil: string }
  | {
      kind: 'startCorrectiveAction';
      number: string;
      actor: Actor;
      reason: string;
      technical: boolean;
      rootCauseKnown: boolean;
      suggestedActions?: string[];
    }
  | {
      kind: 'startRecall';
      seq: number;
      actor: Actor;
      risk: string;
      remedy: string;
      lots: string[];
      serials: string[];
      deadline?: string;
    }
  | { kind: 'saveClocks' };

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
  stage: Stage;
  channel: string;
  /** SLA clocks run (false for complaints started before clocks existed). */
  clocksOn: boolean;
  severity: string;
  severityReasons: string[];
  batchDefectiveUnits: number;
  batchNumber?: string;
  type?: string;
  department?: string;
  ownerRoles: Role[];
  warranty: 'in' | 'out' | 'unknown';
  faultCategory?: 'hardware' | 'software' | 'misuse';
  cause?: string;
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
    quote?: { amount: number; currency: string };
    repairQuantity?: number;
    engineer?: { name: string; region: string; qualification: string };
    suggestedRemedy: string[];
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
  serviceConfirmation?: { signedBy: string; signedAt: string; address?: string; via: 'link' | 'staff' };
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
  channel: string;
  warranty: 'in' | 'out' | 'unknown';
  facts: SeverityFacts;
  /** The product's batch (a recall of the complaint recalls it). */
  batchNumber?: string;
}

/** The state of a complaint just registered, with its provisional severity (clocks start on registration). */
export function newComplaintState(profile: Profile, input: Registration, clocksOn: boolean): ComplaintState {
  const verdict = evaluateSeverity(profile, input.facts);
  return {
    number: input.number,
    stage: 'registered',
    channel: input.channel,
    clocksOn,
    severity: verdict.severity,
    severityReasons: verdict.reasons,
    batchDefectiveUnits: input.facts.batchDefectiveUnits ?? 0,
    batchNumber: input.batchNumber,
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
