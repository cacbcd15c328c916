/**
 * Contract of preventive maintenance (seed 003 §1.2, §3.1): the daily due-visits run a Temporal Schedule
 * starts, and one maintenance order workflow per due visit. IDs, inputs, the status query and the staff
 * updates; nothing else spells these names.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { COMPLAINT_TASK_QUEUE } from './complaint-contract';
import type { Language } from './registration';
import type { Actor, Role } from './roles';
import { fitSummary } from './ui-summary';

/** Maintenance runs on the complaints' task queue (one worker deployment). */
export const MAINTENANCE_TASK_QUEUE = COMPLAINT_TASK_QUEUE;

/** The daily schedule that starts maintenance orders (`temporal schedule describe --schedule-id …`). */
export const MAINTENANCE_SCHEDULE_ID = 'maintenance-due-visits';

/** The workflow type the schedule starts (workflows/maintenance/due-visits.workflow.ts). */
export const MAINTENANCE_DUE_WORKFLOW_TYPE = 'maintenanceDueVisitsWorkflow';

/** Workflow ID prefix of the schedule's runs (Temporal appends the scheduled time). */
export const MAINTENANCE_DUE_RUN_ID = 'maintenance-due-visits';

/** A serial number as the installed base stores it: letters, digits, `.`, `_`, `-` (it is part of an ID). */
export const SERIAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A calendar date `YYYY-MM-DD` (in the company's time zone). */
export const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const ORDER_ID = /^maintenance-([A-Za-z0-9][A-Za-z0-9._-]{0,63})-(\d{6})$/;

/** Workflow ID of the maintenance order of a visit: `maintenance-<serial>-<YYYYMM of the due date>`. */
export function maintenanceOrderId(serial: string, dueDate: string): string {
  if (!SERIAL_PATTERN.test(serial)) throw new TypeError(`not a serial number: ${serial}`);
  if (!DATE_PATTERN.test(dueDate)) throw new TypeError(`not a date: ${dueDate}`);
  return `maintenance-${serial}-${dueDate.slice(0, 4)}${dueDate.slice(5, 7)}`;
}

/** True for a maintenance order's ID. */
export function isMaintenanceOrderId(id: string): boolean {
  return ORDER_ID.test(id);
}

/** What a maintenance order's emails are about in the outbox (`maintenance:<order id>:<event>:<recipient>`). */
export function maintenanceSubject(orderId: string): { kind: 'maintenance'; id: string } {
  return { kind: 'maintenance', id: orderId };
}

/** One level of the overdue ladder: told `afterDays` after the visit deadline. */
export interface MaintenanceEscalationLevel {
  afterDays: number;
  notify: string[];
}

/** The rules a maintenance order runs by, pinned in its input (domain/maintenance/settings.ts). */
export interface MaintenanceSettings {
  source: string;
  /** The schedule starts an order this many days before the due date. */
  leadDays: number;
  /** The customer is told this many days before the due date, at `noticeHour` in the company's zone. */
  noticeDaysBefore: number;
  noticeHour: number;
  /** The visit is recorded by the end of the due date plus this many days, or it is overdue. */
  visitWithinDays: number;
  escalation: MaintenanceEscalationLevel[];
  /** The engineer calls the customer this long before arriving (003 §2.2.2). */
  callAheadMinutes: number;
  /** Told when no engineer of the region is qualified for the product. */
  dispatchTo: string[];
  assignRoles: Role[];
  visitRoles: Role[];
}

/** The customer of an installed unit. */
export interface MaintenanceCustomer {
  name: string;
  email: string;
  language: Language;
  region: string;
  address?: string;
}

/** What a maintenance order is started with. */
export interface MaintenanceOrderInput {
  orderId: string;
  serial: string;
  productModel: string;
  customer: MaintenanceCustomer;
  intervalMonths: 6 | 12;
  /** The visit's due date (YYYY-MM-DD, company zone). */
  dueDate: string;
  timeZone: string;
  settings: MaintenanceSettings;
}

/** An engineer as the department directory lists them. */
export interface MaintenanceEngineer {
  name: string;
  region: string;
  qualification: string;
}

/** One item of the visit's checklist (seed 003 §1.2: inspect, clean, calibrate). */
export interface ChecklistItem {
  done: boolean;
  note?: string;
}

export const CHECKLIST_ITEMS = ['inspect', 'clean', 'calibrate'] as const;
export type ChecklistItemName = (typeof CHECKLIST_ITEMS)[number];

/** The visit as the engineer records it. */
export interface MaintenanceVisit {
  visitedAt: string;
  engineer: string;
  checklist: Record<ChecklistItemName, ChecklistItem>;
  /** The customer's typed name: the signed confirmation (003 §2.3.3). */
  signedBy: string;
  note?: string;
}

export interface AssignEngineerRequest {
  actor: Actor;
  engineer: MaintenanceEngineer;
}

export interface RecordVisitRequest {
  actor: Actor;
  visit: Omit<MaintenanceVisit, 'engineer'> & { engineer?: string };
}

export type MaintenancePhase = 'awaiting_engineer' | 'scheduled' | 'visited';

/** The live state (the `maintenanceStatus` query). */
export interface MaintenanceStatus {
  orderId: string;
  serial: string;
  dueDate: string;
  phase: MaintenancePhase;
  engineer?: MaintenanceEngineer;
  noticeAt: string;
  noticeSentAt?: string;
  deadline: string;
  overdue: boolean;
  escalationLevel: number;
  visit?: MaintenanceVisit;
  /** The installed base's next due date once the visit is recorded. */
  nextDueDate?: string;
  statusLine: string;
  /** Open actions and the roles that may take them. */
  openActions: Array<{ action: MaintenanceActionName; roles: Role[] }>;
}

export type MaintenanceActionName = 'assignEngineer' | 'recordVisit';

export interface MaintenanceOrderResult {
  orderId: string;
  visit: MaintenanceVisit;
  nextDueDate: string;
  escalationLevel: number;
}

export const maintenanceStatusQuery = defineQuery<MaintenanceStatus>('maintenanceStatus');

/** Update: staff name the engineer (none of the region was qualified, or another one goes). */
export const assignEngineerUpdate = defineUpdate<MaintenanceStatus, [AssignEngineerRequest]>(
  'maintenance.assignEngineer',
);

/** Update: the engineer's visit, with its checklist and the customer's signed confirmation. */
export const recordVisitUpdate = defineUpdate<MaintenanceStatus, [RecordVisitRequest]>('maintenance.recordVisit');

/** What the schedule's run is started with. */
export interface DueVisitsInput {
  /** Orders start for visits due within this many days (the settings' `leadDays` unless given). */
  leadDays?: number;
  timeZone: string;
  /** Set by continue-as-new: the last due date looked at, the last unit handled and what was counted so far. */
  until?: string;
  after?: { dueDate: string; serial: string };
  counted?: DueVisitsResult;
}

/** What one run did. */
export interface DueVisitsResult {
  started: number;
  alreadyStarted: number;
}

/** A due visit as the installed base gives it: the order's input without the pinned settings. */
export type DueVisit = Omit<MaintenanceOrderInput, 'settings' | 'timeZone'>;

/** Web UI summary: "Maintenance SN-1 (HX-300) — Acme — due 2026-12-08". */
export function maintenanceSummary(
  input: Pick<MaintenanceOrderInput, 'serial' | 'productModel' | 'customer' | 'dueDate'>,
) {
  return fitSummary(
    `Maintenance ${input.serial} (${input.productModel}) — ${input.customer.name} — due ${input.dueDate}`,
  );
}
