import { ApplicationFailure } from '@temporalio/common';
import type { Stage } from '../domain/stages';
import type { Language } from '../domain/registration';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';
import { renderCustomerEmail, type CustomerEmailEvent } from './email-templates';
import { deliverThroughOutbox, type DeliveryOutcome } from './outbox';

/** What the activities are built over; tests pass fakes or real ones. */
export interface ActivityDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  now: () => Date;
  timeZone: string;
}

/** Error types the workflow treats as business failures (never retried). */
export const ActivityErrors = {
  complaintNotFound: 'ComplaintNotFound',
} as const;

/** Builds the activities of the complaint workflow. */
export function createActivities(deps: ActivityDeps) {
  async function loadComplaint(number: string) {
    const complaint = await deps.prisma.complaint.findUnique({ where: { number } });
    if (!complaint) {
      throw ApplicationFailure.nonRetryable(
        `complaint ${number} is not in the database`,
        ActivityErrors.complaintNotFound,
      );
    }
    return complaint;
  }

  return {
    /** Emails the customer about an event, through the outbox (at most once per event). */
    async notifyCustomer(input: {
      number: string;
      event: CustomerEmailEvent;
      note?: string;
    }): Promise<DeliveryOutcome> {
      const complaint = await loadComplaint(input.number);
      const language = complaint.customerLanguage as Language;
      const email = renderCustomerEmail(input.event, language, {
        number: complaint.number,
        customerName: complaint.customerName,
        productModel: complaint.productModel,
        registeredAt: complaint.createdAt,
        timeZone: deps.timeZone,
        note: input.note,
      });
      const outcome = await deliverThroughOutbox(deps, {
        complaintNumber: complaint.number,
        event: input.event,
        recipient: complaint.customerEmail,
        language,
        ...email,
      });
      if (input.event === 'acknowledgement' && (outcome === 'sent' || outcome === 'already_sent')) {
        await deps.prisma.complaint.updateMany({
          where: { number: complaint.number, acknowledgedAt: null },
          data: { acknowledgedAt: deps.now() },
        });
      }
      return outcome;
    },

    /** Copies the workflow's current stage to the database list view. */
    async recordStage(input: { number: string; stage: Stage }): Promise<void> {
      await loadComplaint(input.number);
      await deps.prisma.complaint.update({ where: { number: input.number }, data: { stage: input.stage } });
    },
  };
}

/** The activity interface the workflow proxies. */
export type ComplaintActivities = ReturnType<typeof createActivities>;
