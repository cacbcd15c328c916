import { ApplicationFailure } from '@temporalio/common';
import type { Deadline } from '../domain/clocks';
import { monthKey } from '../domain/complaint-number';
import type { CustomerEvent, StaffEvent } from '../domain/lifecycle';
import type { Actor } from '../domain/roles';
import type { Language } from '../domain/registration';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from '../infra/database';
import { resolveMailboxes, type Directory } from '../infra/directory';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';
import { renderCustomerEmail, renderStaffEmail, type TemplateValues } from './email-templates';
import { deliverThroughOutbox, type DeliveryOutcome } from './outbox';

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
} as const;

/** An action as the workflow records it: audit entry, forms and the list-view snapshot, in one transaction. */
export interface RecordActionInput {
  number: string;
  seq: number;
  action: string;
  actor: Actor;
  stageBefore: string;
  stageAfter: string;
  at: string;
  forms: Array<{ kind: string; data: unknown }>;
  snapshot: { stage: string; severity: string; type?: string; department?: string; ownerRoles: string[] };
}

function defined(values: TemplateValues = {}): TemplateValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/** Builds the activities of the complaint workflow. */
export function createActivities(deps: ActivityDeps) {
  const { prisma } = deps;

  async function loadComplaint(number: string) {
    const complaint = await prisma.complaint.findUnique({ where: { number } });
    if (!complaint) {
      throw ApplicationFailure.nonRetryable(
        `complaint ${number} is not in the database`,
        ActivityErrors.complaintNotFound,
      );
    }
    return complaint;
  }

  function formatInstant(instant: Date, language: Language): string {
    return new Intl.DateTimeFormat(language, {
      timeZone: deps.timeZone,
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }).format(instant);
  }

  /** Values for templates: the complaint's record, its latest plan, and its next running deadline. */
  async function templateValues(number: string, language: Language, note?: string): Promise<TemplateValues> {
    const complaint = await loadComplaint(number);
    const plan = await prisma.complaintForm.findFirst({
      where: { complaintNumber: number, kind: 'plan' },
      orderBy: { seq: 'desc' },
    });
    const planData = plan?.data as { summary?: string; customerRemedy?: string[] } | undefined;
    const deadline = (complaint.registration as { deadline?: string } | null)?.deadline;
    return {
      number,
      customer: complaint.customerName,
      product: complaint.productModel,
      description: complaint.description,
      registered: formatInstant(complaint.createdAt, language),
      severity: complaint.severity ?? '—',
      owner: complaint.ownerRoles.map((r) => deps.directory.mailboxes[r]?.[0]?.name ?? r).join(', ') || '—',
      profile: `${complaint.profileId} v${complaint.profileVersion}`,
      plan: planData?.summary,
      remedy: planData?.customerRemedy?.join('; '),
      note,
      deadline,
    };
  }

  return {
    /** Emails the customer about an event, through the outbox (at most once per key). */
    async notifyCustomer(input: {
      number: string;
      event: CustomerEvent;
      key: string;
      note?: string;
      values?: TemplateValues;
    }): Promise<DeliveryOutcome> {
      const complaint = await loadComplaint(input.number);
      const language = complaint.customerLanguage as Language;
      const values = { ...(await templateValues(input.number, language, input.note)), ...defined(input.values) };
      for (const key of ['promise', 'due'] as const) {
        const iso = values[key];
        if (iso && /^\d{4}-\d\d-\d\dT/.test(iso)) values[key] = formatInstant(new Date(iso), language);
      }
      const email = renderCustomerEmail(input.event, language, values);
      const outcome = await deliverThroughOutbox(deps, {
        complaintNumber: complaint.number,
        event: input.key,
        recipient: complaint.customerEmail,
        language,
        ...email,
      });
      if (input.event === 'acknowledgement' && (outcome === 'sent' || outcome === 'already_sent')) {
        await prisma.complaint.updateMany({
          where: { number: complaint.number, acknowledgedAt: null },
          data: { acknowledgedAt: deps.now() },
        });
      }
      return outcome;
    },

    /** Emails the mailboxes of roles or departments (department directory), once per key and recipient. */
    async notifyStaff(input: {
      number: string;
      event: StaffEvent;
      key: string;
      to: string[];
      note?: string;
      values?: TemplateValues;
    }): Promise<{ sent: number; unknown: string[] }> {
      const { recipients, unknown } = resolveMailboxes(deps.directory, input.to);
      if (unknown.length) deps.logger.warn({ number: input.number, unknown }, 'no mailbox in the directory');
      let sent = 0;
      for (const recipient of recipients) {
        const values = {
          ...(await templateValues(input.number, recipient.language, input.note)),
          ...defined(input.values),
        };
        if (values.due && /^\d{4}-\d\d-\d\dT/.test(values.due))
          values.due = formatInstant(new Date(values.due), recipient.language);
        const email = renderStaffEmail(input.event, recipient.language, values);
        const outcome = await deliverThroughOutbox(deps, {
          complaintNumber: input.number,
          event: input.key,
          recipient: recipient.email,
          language: recipient.language,
          ...email,
        });
        if (outcome === 'sent') sent += 1;
      }
      return { sent, unknown };
    },

    /** Writes the audit entry, the forms and the list-view snapshot of one action; a retry changes nothing. */
    async recordAction(input: RecordActionInput): Promise<void> {
      await loadComplaint(input.number);
      await prisma.$transaction(async (tx) => {
        const audit = await tx.auditEntry.createMany({
          data: [
            {
              complaintNumber: input.number,
              seq: input.seq,
              action: input.action,
              actorId: input.actor.id,
              actorRole: input.actor.role,
              stageBefore: input.stageBefore,
              stageAfter: input.stageAfter,
              at: new Date(input.at),
            },
          ],
          skipDuplicates: true,
        });
        if (audit.count === 0) return;
        if (input.forms.length) {
          await tx.complaintForm.createMany({
            data: input.forms.map((f) => ({
              complaintNumber: input.number,
              seq: input.seq,
              kind: f.kind,
              data: f.data as Prisma.InputJsonValue,
              actorId: input.actor.id,
              actorRole: input.actor.role,
              createdAt: new Date(input.at),
            })),
            skipDuplicates: true,
          });
        }
        await tx.complaint.update({
          where: { number: input.number },
          data: {
            stage: input.snapshot.stage,
            severity: input.snapshot.severity,
            complaintType: input.snapshot.type ?? null,
            department: input.snapshot.department ?? null,
            ownerRoles: input.snapshot.ownerRoles,
            closedAt: input.snapshot.stage === 'closed' ? new Date(input.at) : undefined,
          },
        });
      });
    },

    /**
     * Saves the complaint's clocks; a clock breached for the first time is counted against its department
     * and owner for the month of its due date: the department's first in that month is a warning, every
     * further one a penalty (seed 002 ch. 7).
     */
    async recordClocks(input: {
      number: string;
      department: string;
      owner: string;
      clocks: Deadline[];
    }): Promise<{ newBreaches: number }> {
      await loadComplaint(input.number);
      let newBreaches = 0;
      for (const clock of input.clocks) {
        await prisma.$transaction(async (tx) => {
          const key = { complaintNumber: input.number, name: clock.name, startedAt: new Date(clock.startedAt) };
          const data = {
            dueAt: new Date(clock.dueAt),
            warnAt: new Date(clock.warnAt),
            durationAmount: clock.duration.amount,
            durationUnit: clock.duration.unit,
            pausedMs: BigInt(clock.pausedMs),
            pausedAt: clock.pausedAt ? new Date(clock.pausedAt) : null,
            warnedAt: clock.warnedAt ? new Date(clock.warnedAt) : null,
            breachedAt: clock.breachedAt ? new Date(clock.breachedAt) : null,
            metAt: clock.metAt ? new Date(clock.metAt) : null,
            breachMs: clock.breachMs !== undefined ? BigInt(clock.breachMs) : null,
            department: input.department,
            owner: input.owner,
          };
          await tx.slaClock.upsert({
            where: { complaintNumber_name_startedAt: key },
            create: { ...key, ...data },
            update: data,
          });
          if (!clock.breachedAt) return;
          const month = monthKey(new Date(clock.dueAt), deps.timeZone);
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${month}:${input.department}`}))`;
          const already = await tx.performanceEntry.findUnique({
            where: {
              complaintNumber_clock_clockStartedAt: {
                complaintNumber: input.number,
                clock: clock.name,
                clockStartedAt: key.startedAt,
              },
            },
          });
          if (already) return;
          const earlier = await tx.performanceEntry.count({ where: { month, department: input.department } });
          await tx.performanceEntry.create({
            data: {
              month,
              department: input.department,
              owner: input.owner,
              complaintNumber: input.number,
              clock: clock.name,
              clockStartedAt: key.startedAt,
              kind: earlier === 0 ? 'warning' : 'penalty',
            },
          });
          newBreaches += 1;
        });
      }
      return { newBreaches };
    },

    /** Units of a batch reported defective within the window ending at `until` (this complaint included). */
    async countBatchUnits(input: { batchNumber: string; windowDays: number; until: string }): Promise<number> {
      const until = new Date(input.until);
      const from = new Date(until.getTime() - input.windowDays * 86_400_000);
      const result = await prisma.complaint.aggregate({
        _sum: { quantityAffected: true },
        where: { batchNumber: input.batchNumber, createdAt: { gte: from, lte: until } },
      });
      return result._sum.quantityAffected ?? 0;
    },

    /**
     * The end of the retention period: personal data of the customer is replaced in the complaint, its
     * forms keep their content but the stored email bodies are emptied; the archive record notes when.
     */
    async anonymiseComplaint(input: { number: string }): Promise<void> {
      const complaint = await loadComplaint(input.number);
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

/** The activity interface the workflow proxies. */
export type ComplaintActivities = ReturnType<typeof createActivities>;
