import { ApplicationFailure } from '@temporalio/common';
import type { PrismaClient } from '../infra/database';
import type { Directory } from '../infra/directory';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';

/** What the activities are built over; tests pass fakes or real ones. */
export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  now: () => Date;
  timeZone: string;
  directory: Directory;
}

/** Error types the workflow treats as business failures (never retried). */
export const ActivityErrors = {
  complaintNotFound: 'ComplaintNotFound',
  invalidOutboxSubject: 'InvalidOutboxSubject',
} as const;

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
