import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '../infra/database';
import type { Directory } from '../infra/directory';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';
import type { ProfileRegistry } from '../infra/profile-registry';
import type { ReportSettings } from '../reports/templates';

/** What the activities are built over; tests pass fakes or real ones. */
export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  directory: Directory;
  /** The 8D report's font and customer templates (REPORT_FONT_FILE, REPORT_TEMPLATES_FILE); default: Debian's font, none. */
  reports?: ReportSettings;
  /** The sender address (MAIL_FROM): where consignees answer a recall notice unless `recallAnswer` says otherwise. */
  mailFrom?: string;
  /** How consignees answer a recall notice (RECALL_ANSWER_EMAIL, RECALL_ANSWER_PHONE). */
  recallAnswer?: { email: string; phone?: string };
  /** REPLY_MAILBOX: the customer's emails of a complaint say Reply-To its plus-address (mail/outbox.ts). */
  replyMailbox?: string;
  /**
   * Signs the status link in the customer's emails (CUSTOMER_LINK_SECRET, PUBLIC_BASE_URL); none, no link.
   */
  customerLinks?: { secret: string; baseUrl: string };
  /** The profiles and task queue of standalone corrective actions opened by an activity (the monthly report's top 3). */
  standalone?: { profiles: ProfileRegistry; taskQueue: string };
}

/** Error types the workflow treats as business failures (never retried). */
export const ActivityErrors = {
  complaintNotFound: 'ComplaintNotFound',
  invalidOutboxSubject: 'InvalidOutboxSubject',
  unstorableText: 'UnstorableText',
} as const;

/**
 * A database error that no retry can cure, as a non-retryable failure: the complaint is missing (a foreign
 * key or the row to update), or text PostgreSQL cannot store (a NUL byte, a lone surrogate). Else the error.
 */
export function permanentDatabaseFailure(error: unknown, number: string): unknown {
  const code = (error as { code?: string }).code;
  const message = String((error as Error).message ?? error);
  if (code === 'P2003' || code === 'P2025')
    return ApplicationFailure.nonRetryable(
      `complaint ${number} is not in the database`,
      ActivityErrors.complaintNotFound,
    );
  if (/22P05|22021|unsupported Unicode escape|invalid byte sequence/i.test(message))
    return ApplicationFailure.nonRetryable(
      `text PostgreSQL cannot store: ${message.slice(0, 200)}`,
      ActivityErrors.unstorableText,
    );
  return error;
}

/** The stored complaint, or a non-retryable failure when it is not in the database. */
export async function loadComplaint(prisma: PrismaClient, number: string) {
  const complaint = await prisma.complaint.findUnique({ where: { number } });
  if (!complaint) {
    throw ApplicationFailure.nonRetryable(
      `complaint ${number} is not in the database`,
      ActivityErrors.complaintNotFound,
    );
  }
  return complaint;
}
