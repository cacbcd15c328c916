/**
 * What the corrective-action workflow knows, and the effects a step asks it to carry out. Pure data: the
 * actions (actions.ts) and the clock events (events.ts) change the state and return effects.
 */
import type { Deadline } from '../clocks';
import type { CarPhase, CorrectiveActionInput, DisciplineRecord, Verdict } from '../corrective-action-contract';
import type { Label } from '../labels';
import type { Profile } from '../profile-schema';
import type { Actor, Role } from '../roles';
import type { CorrectiveActionSection, Discipline } from './profile-section';

/** Names of the disciplines as reports and emails show them. */
export const DISCIPLINE_NAMES: Record<Discipline, Label> = {
  D1: { 'zh-CN': 'D1 成立小组', en: 'D1 team' },
  D2: { 'zh-CN': 'D2 问题描述', en: 'D2 problem description' },
  D3: { 'zh-CN': 'D3 临时围堵措施', en: 'D3 containment' },
  D4: { 'zh-CN': 'D4 根本原因分析', en: 'D4 root cause' },
  D5: { 'zh-CN': 'D5 永久纠正措施', en: 'D5 permanent corrective actions' },
  D6: { 'zh-CN': 'D6 实施与确认', en: 'D6 implementation and validation' },
  D7: { 'zh-CN': 'D7 预防再发生', en: 'D7 prevention' },
  D8: { 'zh-CN': 'D8 结案与表彰', en: 'D8 closure and recognition' },
};

/** Everything the workflow knows of a corrective action. */
export interface CarState {
  number: string;
  complaintNumber?: string;
  severity: string;
  phase: CarPhase;
  round: number;
  current?: Discipline;
  awaitingApproval?: { disciplines: Discipline[]; approver: Role; since: string };
  verificationDue?: string;
  owner: { role: Role; department: string; assist: string[] };
  disciplines: DisciplineRecord[];
  verdicts: Verdict[];
  preliminaryReport?: { at: string; by: string; data: unknown };
  /** Discipline clocks (`<D>`, `<D>.r<round>` from round 2), `preliminary_report`, `verification`. */
  deadlines: Deadline[];
  ladders: Array<{ clock: string; seq: number; stopping: boolean }>;
  ladderSeq: number;
  escalationLevel: number;
  actionSeq: number;
  history: Array<{ at: string; action: string; actor: string; note?: string }>;
  closedAt?: string;
  closeReason?: string;
  reportSentAt?: string;
  needsAttention?: string;
}

/** Something the workflow must do after a step, in order. */
export type CarEffect =
  | { kind: 'record'; seq: number; action: string; actor: Actor; data: unknown }
  | {
      kind: 'notifyStaff';
      key: string;
      to: string[];
      note: Label;
      event: 'corrective_action';
      due?: string;
    }
  | { kind: 'startLadder'; clock: string; seq: number; reason: Label; due: string }
  | { kind: 'stopLadder'; seq: number; reason: string }
  | { kind: 'saveClocks' }
  | { kind: 'sendReport'; interim?: boolean }
  | { kind: 'tellComplaint' };

/** Why an action was refused. */
export interface CarRefusal {
  type: 'StageConflict' | 'Forbidden' | 'InvalidAction';
  message: string;
}

/** The profile's corrective-action section (a corrective action only starts under a profile that has one). */
export function sectionOf(profile: Profile): CorrectiveActionSection {
  if (!profile.correctiveAction) throw new TypeError(`profile ${profile.id} has no corrective-action section`);
  return profile.correctiveAction;
}

/** The state of a corrective action just opened (its first discipline's clock starts in `opened`). */
export function newCarState(input: CorrectiveActionInput): CarState {
  const section = sectionOf(input.profile);
  const owner = input.technical ? section.owners.technical : section.owners.nonTechnical;
  return {
    number: input.number,
    complaintNumber: input.complaintNumber,
    severity: input.severity,
    phase: 'open',
    round: 1,
    owner: { role: owner.role, department: owner.department, assist: [...owner.assist] },
    disciplines: [],
    verdicts: [],
    deadlines: [],
    ladders: [],
    ladderSeq: 0,
    escalationLevel: 0,
    actionSeq: 0,
    history: [],
  };
}

/** The clock name of a discipline in a round. */
export const disciplineClock = (discipline: Discipline, round: number) =>
  round === 1 ? discipline : `${discipline}.r${round}`;
export const PRELIMINARY_CLOCK = 'preliminary_report';
export const verificationClock = (round: number) => (round === 1 ? 'verification' : `verification.r${round}`);
