import type { Prisma } from '../generated/prisma/client';
import { loadComplaint, type ActivityDeps } from './deps';

/** The retention activities: the archive record of a closed complaint and anonymisation at the end. */
export function createRetentionActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /**
     * The end of the retention period: personal data of the customer is replaced in the complaint, its
     * forms keep their content (but the signed service confirmation) while the stored email bodies, their
     * attachments, the customer's replies, answers by link and the 8D reports are emptied (every subject of the
     * complaint);
     * the archive record notes when.
     */
    async anonymiseComplaint(input: { number: string }): Promise<void> {
      const complaint = await loadComplaint(prisma, input.number);
      const registration = complaint.registration as { customer?: Record<string, unknown> } & Record<string, unknown>;
      await prisma.$transaction([
        prisma.complaint.update({
          where: { number: input.number },
          data: {
            customerName: 'anonymised',
            customerEmail: `anonymised+${input.number}@invalid`,
            customerPhone: null,
            registration: {
              ...registration,
              customer: { name: 'anonymised', language: registration.customer?.language },
            } as Prisma.InputJsonValue,
          },
        }),
        prisma.outboxEmail.updateMany({
          where: { complaintNumber: input.number },
          data: { textBody: '', htmlBody: '', subject: 'anonymised' },
        }),
        // the 8D reports and the attachments that carried them name the customer: their content goes too
        prisma.outboxAttachment.deleteMany({ where: { email: { complaintNumber: input.number } } }),
        // the customer's email replies: who wrote, what and the files (the Message-ID stays: a late
        // redelivery is still recognised and not stored again)
        prisma.complaintReply.updateMany({
          where: { complaintNumber: input.number },
          data: { fromAddress: 'anonymised', subject: 'anonymised', textBody: '', htmlBody: null },
        }),
        prisma.complaintReplyAttachment.deleteMany({ where: { reply: { complaintNumber: input.number } } }),
        // what the customer answered by link (the link's id stays: a used link is still recognised), and the
        // name and address the service confirmation was signed with
        prisma.customerLinkUse.updateMany({ where: { complaintNumber: input.number }, data: { answer: {} } }),
        prisma.complaintForm.updateMany({
          where: { complaintNumber: input.number, kind: 'service_confirmation' },
          data: { data: { signedBy: 'anonymised', anonymised: true } },
        }),
        prisma.correctiveActionReport.updateMany({
          where: { complaintNumber: input.number },
          data: { html: '', pdf: new Uint8Array(0), title: 'anonymised' },
        }),
        prisma.archiveRecord.updateMany({
          where: { complaintNumber: input.number, anonymisedAt: null },
          data: { anonymisedAt: deps.now() },
        }),
      ]);
    },

    /** Writes the archive record of a closed complaint with the date until which it must be kept. */
    async archiveComplaint(input: {
      number: string;
      closedAt: string;
      retentionYears: number;
      reason: string;
    }): Promise<void> {
      const closedAt = new Date(input.closedAt);
      const retainUntil = new Date(closedAt);
      retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + input.retentionYears);
      await prisma.archiveRecord.createMany({
        data: [{ complaintNumber: input.number, closedAt, retainUntil, reason: input.reason }],
        skipDuplicates: true,
      });
    },
  };
}
