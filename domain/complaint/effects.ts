/**
 * What a step asks the workflow to do after it (records with their forms, emails to the customer or staff,
 * children started or stopped, clocks saved, the archive), and the events and forms those effects name.
 */
import type { Actor, Party } from '../roles';
import type { Stage } from '../stages';
import type { AnswerPurpose } from './customer-ask';

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
  | 'corrective_action_interim'
  | 'parts_consent_request'
  | 'service_confirmation_request'
  | 'preliminary_report';

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
  | 'monthly_report'
  | 'diagnosis'
  | 'plan_proposed'
  | 'plan_approved'
  | 'survey_result'
  | 'nonconforming_lot';

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
  | 'praise'
  | 'escalation_blame'
  | 'temporary_plan'
  | 'emergency'
  | 'dispatch'
  | 'arrival'
  | 'recall'
  | 'corrective_action'
  | 'parts_consent_request'
  | 'parts_consent'
  | 'service_confirmation_request'
  | 'service_confirmation'
  | 'preliminary_report'
  | 'local_check_request';

/** A stored form. */
export interface Form {
  kind: FormKind;
  data: unknown;
}

/**
 * Clock events the workflow reports back once an effect is carried out (the mail has gone out): the two of
 * registration, and `sent:<event>` for an email a profile's clock rule is met by.
 */
export type AfterEffect = 'acknowledged' | 'owners_notified' | `sent:${string}`;

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
  /** 004 §5.3 b): the complaint is taken up as a new one, linked to it, opened by the procedure itself. */
  | { kind: 'openLinkedComplaint'; reason: string }
  | { kind: 'saveClocks' };
