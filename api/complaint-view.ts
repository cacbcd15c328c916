/** A complaint as the API returns it: the stored record, with the workflow's live status when it was read. */
import type { ComplaintStatus } from '../domain/complaint-contract';
import type { Registration } from '../domain/registration';
import type { RelatedComplaint } from '../infra/related-complaints';
import type { ComplaintRecord } from './complaint-store';

/** What the API returns for one complaint. */
export interface ComplaintView {
  number: string;
  workflowId: string;
  stage: string;
  severity: string | null;
  type: string | null;
  department: string | null;
  profile: { id: string; version: number; hash: string };
  linkedFrom: string | null;
  createdAt: string;
  /** When the complaint reached the company: `registration.receivedAt`, else the registration time. */
  receivedAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  workflowStarted: boolean;
  registration: unknown;
  live: ComplaintStatus | null;
  /** Why `live` is null: the worker or Temporal did not answer (the rest is the stored record). */
  liveUnavailable?: string;
  /** Earlier complaints of the same unit, lot, or model and cause (read of one complaint only). */
  related?: RelatedComplaint[];
}

/** The stored record with the live status (null: not read, or not answered). */
export function toView(complaint: ComplaintRecord, live: ComplaintStatus | null): ComplaintView {
  const registration = complaint.registration as unknown as Registration;
  return {
    number: complaint.number,
    workflowId: complaint.workflowId,
    stage: live?.stage ?? complaint.stage,
    severity: live?.severity ?? complaint.severity,
    type: live?.type ?? complaint.complaintType,
    department: live?.department ?? complaint.department,
    profile: { id: complaint.profileId, version: complaint.profileVersion, hash: complaint.profileHash },
    linkedFrom: complaint.linkedFrom,
    createdAt: complaint.createdAt.toISOString(),
    receivedAt: (registration.receivedAt ? new Date(registration.receivedAt) : complaint.createdAt).toISOString(),
    acknowledgedAt: complaint.acknowledgedAt?.toISOString() ?? null,
    closedAt: complaint.closedAt?.toISOString() ?? null,
    workflowStarted: complaint.workflowStartedAt !== null,
    registration: complaint.registration,
    live,
  };
}

/** JSON equality regardless of key order (jsonb does not keep it). */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([x], [y]) => (x < y ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
