/**
 * What the soak's clients saw (scripts/soak): every request the API answered with a 2xx, as the client knows it.
 * The invariant checker (scripts/soak/checker.ts) reads the stack against this log, never against the
 * clients' own guesses: a request that got no answer (a dropped connection, a 503 or 504 after all retries) is
 * not here, and may or may not have been taken.
 */

/** A registration answered 201 or 200 (an Idempotency-Key seen before). */
export interface LoggedRegistration {
  idempotencyKey: string;
  number: string;
  profileId: string;
  /** The member of staff who registered it (the token's staff id). */
  staffId: string;
  at: string;
}

/** A staff action answered 200: the stage the answer gave. */
export interface LoggedAction {
  number: string;
  action: string;
  idempotencyKey: string;
  stageAfter: string;
  at: string;
}

/** A customer's answer by link that the page confirmed (its link id, `jti`). */
export interface LoggedLinkAnswer {
  number: string;
  jti: string;
  purpose: string;
  at: string;
}

/** An 8D step answered 200. */
export interface LoggedCorrectiveActionStep {
  carNumber: string;
  action: string;
  idempotencyKey: string;
  at: string;
}

/** A recall ledger answer (acknowledge, return, correct, destroy, credit) answered 200. */
export interface LoggedLedgerAnswer {
  recallNumber: string;
  ordinal: number;
  action: string;
  idempotencyKey: string;
  at: string;
}

/** A customer's email reply the inbound listener accepted (250), by its Message-ID. */
export interface LoggedReply {
  number: string;
  messageId: string;
  at: string;
}

/** A unit of the installed base registered due within the lead time (201). */
export interface LoggedInstalledUnit {
  serial: string;
  dueOn: string;
  at: string;
}

/** A maintenance visit answered 200, with the next due date it gave. */
export interface LoggedMaintenanceVisit {
  orderId: string;
  serial: string;
  idempotencyKey: string;
  nextDueDate: string;
  at: string;
}

/** A run of the monthly report's backfill that finished. */
export interface LoggedReportRun {
  month: string;
  at: string;
}

export interface LoadLog {
  registrations: LoggedRegistration[];
  actions: LoggedAction[];
  linkAnswers: LoggedLinkAnswer[];
  correctiveActionSteps: LoggedCorrectiveActionStep[];
  ledgerAnswers: LoggedLedgerAnswer[];
  replies: LoggedReply[];
  installedUnits: LoggedInstalledUnit[];
  maintenanceVisits: LoggedMaintenanceVisit[];
  reportRuns: LoggedReportRun[];
}

export const emptyLoadLog = (): LoadLog => ({
  registrations: [],
  actions: [],
  linkAnswers: [],
  correctiveActionSteps: [],
  ledgerAnswers: [],
  replies: [],
  installedUnits: [],
  maintenanceVisits: [],
  reportRuns: [],
});
