import { ApplicationFailure } from '@temporalio/common';
import type { CustomerEvent, StaffEvent } from '../domain/complaint/state';
import { joined, LIST_KIND_NAMES, localized, ROLE_NAMES } from '../domain/labels';
import type { Language, Registration } from '../domain/registration';
import type { Role } from '../domain/roles';
import type { AnswerPurpose } from '../domain/complaint/customer-asks';
import { createLinkToken, linkUrl, STATUS_LINK_DAYS, type LinkPurpose } from '../infra/customer-links';
import { resolveMailboxes } from '../infra/directory';
import { relatedComplaints, type RelatedComplaint, type RepeatReason } from '../infra/related-complaints';
import { ActivityErrors, loadComplaint, type ActivityDeps } from './deps';
import type { MailAttachment } from '../infra/mailer';
import { preliminaryReport, type PreliminaryReportForm } from '../reports/preliminary-report';
import { DEFAULT_REPORT_FONT_FILE, renderReportPdf } from '../reports/render-pdf';
import {
  formatDate,
  formatInstant,
  renderCustomerEmail,
  renderStaffEmail,
  valuesFor,
  type TemplateValues,
} from '../mail/email-templates';
import {
  complaintSubject,
  deliverThroughOutbox,
  isOutboxSubject,
  type DeliveryOutcome,
  type OutboxSubject,
} from '../mail/outbox';

function defined(values: TemplateValues = {}): TemplateValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/** The outbox subject of an email: `about` when given (a child process of the complaint), else the complaint. */
function subjectOf(number: string, about: OutboxSubject | undefined): OutboxSubject {
  const subject = about ?? complaintSubject(number);
  if (!isOutboxSubject(subject)) {
    throw ApplicationFailure.nonRetryable(
      `not an outbox subject: ${JSON.stringify(subject)}`,
      ActivityErrors.invalidOutboxSubject,
    );
  }
  return subject;
}

const REPEAT_REASONS: Record<RepeatReason, Record<Language, string>> = {
  same_serial: { 'zh-CN': '同一序列号', en: 'same serial' },
  same_lot: { 'zh-CN': '同一批次', en: 'same lot' },
  same_model_and_cause: { 'zh-CN': '同型号同原因', en: 'same model and cause' },
};

/** "202610-004 (same serial), …" in the reader's language. */
function repeatsLine(related: RelatedComplaint[], language: Language): string {
  const separator = language === 'zh-CN' ? '；' : '; ';
  const open = language === 'zh-CN' ? '（' : ' (';
  const close = language === 'zh-CN' ? '）' : ')';
  const joiner = language === 'zh-CN' ? '、' : ', ';
  return related
    .map((r) => `${r.number}${open}${r.reasons.map((reason) => REPEAT_REASONS[reason][language]).join(joiner)}${close}`)
    .join(separator);
}

type StoredComplaint = Awaited<ReturnType<typeof loadComplaint>>;

/** What the plan says that an email quotes. */
interface PlanData {
  summary?: string;
  customerRemedy?: string[];
}

/** The complaint's latest plan, if it has one. */
async function latestPlan({ prisma }: ActivityDeps, complaintNumber: string): Promise<PlanData | undefined> {
  const form = await prisma.complaintForm.findFirst({
    where: { complaintNumber, kind: 'plan' },
    orderBy: { seq: 'desc' },
  });
  return form?.data as PlanData | undefined;
}

/** The complaint's record and plan as template values (codes named in both languages, instants as ISO). */
function complaintValues(complaint: StoredComplaint, plan: PlanData | undefined, note?: string): TemplateValues {
  const registration = (complaint.registration ?? {}) as unknown as Partial<Registration>;
  return {
    number: complaint.number,
    customer: complaint.customerName,
    product: complaint.productModel,
    description: complaint.description,
    phone: registration.customer?.phone,
    region: registration.customer?.region,
    serial: registration.product?.serialNumber,
    batch: registration.product?.batchNumber,
    // the registration form's fields the seeds list (000 二(一), 003 §2.1.1, 004 §5.1.1)
    address: registration.customer?.address,
    purchased: registration.product?.purchaseDate,
    impact: registration.impact,
    expectedBy: registration.expectedResolutionBy,
    defectRate: registration.defectRate === undefined ? undefined : String(registration.defectRate),
    quantitySold: registration.quantitySold === undefined ? undefined : String(registration.quantitySold),
    ...localized('listKind', registration.listKind && LIST_KIND_NAMES[registration.listKind]),
    registered: complaint.createdAt.toISOString(),
    received: (registration.receivedAt ? new Date(registration.receivedAt) : complaint.createdAt).toISOString(),
    severity: complaint.severity ?? '—',
    ...localized('owner', joined(complaint.ownerRoles.flatMap((r) => ROLE_NAMES[r as Role] ?? []))),
    profile: `${complaint.profileId} v${complaint.profileVersion}`,
    plan: plan?.summary,
    remedy: plan?.customerRemedy?.join('; '),
    note,
  };
}

/**
 * Values for templates: the complaint's record, its plan (given by the workflow, read only for workflows
 * that do not give it) and the workflow's own values; in the reader's language, instants as dates in the
 * company's zone (COMPLAINT_TIMEZONE: registrations record no zone of the customer's).
 */
async function templateValues(
  deps: ActivityDeps,
  complaint: StoredComplaint,
  language: Language,
  input: { note?: string; values?: TemplateValues },
): Promise<TemplateValues> {
  const given = defined(input.values);
  const plan = 'plan' in given ? undefined : await latestPlan(deps, complaint.number);
  return valuesFor({ ...complaintValues(complaint, plan, input.note), ...given }, language, deps.timeZone);
}

/**
 * The signed links of a customer email: the status page, and the answer to the question it asks (single-use,
 * bound to the email's key) with its deadline. None when links are off. The links bind the complaint and the
 * customer (the email address is not in them).
 */
function customerLinkValues(
  deps: ActivityDeps,
  complaint: StoredComplaint,
  language: Language,
  input: { key: string; ask?: { purpose: AnswerPurpose; expiresAt: string } },
): TemplateValues {
  const links = deps.customerLinks;
  if (!links) return {};
  const { number, customerEmail } = complaint;
  const link = (purpose: LinkPurpose, expiresAt: Date, askKey?: string) =>
    linkUrl(links.baseUrl, createLinkToken(links.secret, { number, customerEmail, purpose, expiresAt, askKey }));
  const statusLink = link('status', new Date(deps.now().getTime() + STATUS_LINK_DAYS * 24 * 3_600_000));
  if (!input.ask) return { statusLink };
  const expiresAt = new Date(input.ask.expiresAt);
  return {
    statusLink,
    answerLink: link(input.ask.purpose, expiresAt, input.key),
    answerBy: formatInstant(expiresAt, language, deps.timeZone),
  };
}

/** 004 §5.6 b): the latest preliminary report of the complaint as a PDF in the customer's language. */
async function preliminaryReportPdf(
  deps: ActivityDeps,
  complaint: StoredComplaint,
  language: Language,
): Promise<MailAttachment[]> {
  const form = await deps.prisma.complaintForm.findFirst({
    where: { complaintNumber: complaint.number, kind: 'preliminary_report' },
    orderBy: { seq: 'desc' },
  });
  if (!form)
    throw ApplicationFailure.nonRetryable(`complaint ${complaint.number} has no preliminary report`, 'NoReport');
  const now = deps.now();
  const report = preliminaryReport(
    form.data as unknown as PreliminaryReportForm,
    { number: complaint.number, customer: complaint.customerName, product: complaint.productModel },
    language,
    formatDate(now, language, deps.timeZone),
  );
  const content = await renderReportPdf(report, {
    fontFile: deps.reports?.fontFile ?? DEFAULT_REPORT_FONT_FILE,
    createdAt: now,
  });
  return [{ filename: `preliminary-report-${complaint.number}.pdf`, contentType: 'application/pdf', content }];
}

/**
 * A staff email to every mailbox of `to` (department directory), each in its reader's language (values made
 * once per language), through the outbox: once per subject, key and recipient.
 */
async function mailStaff(
  deps: ActivityDeps,
  input: { event: StaffEvent; key: string; to: string[] },
  about: OutboxSubject,
  complaintNumber: string | null,
  valuesIn: (language: Language) => Promise<TemplateValues>,
): Promise<{ sent: number; unknown: string[] }> {
  const { recipients, unknown } = resolveMailboxes(deps.directory, input.to);
  if (unknown.length) deps.logger.warn({ about, unknown }, 'no mailbox in the directory');
  const byLanguage = new Map<Language, TemplateValues>();
  let sent = 0;
  for (const recipient of recipients) {
    const values = byLanguage.get(recipient.language) ?? (await valuesIn(recipient.language));
    byLanguage.set(recipient.language, values);
    const email = renderStaffEmail(input.event, recipient.language, values);
    const outcome = await deliverThroughOutbox(deps, {
      complaintNumber,
      about,
      event: input.key,
      recipient: recipient.email,
      language: recipient.language,
      ...email,
    });
    if (outcome === 'sent') sent += 1;
  }
  return { sent, unknown };
}

/** The email activities: customer and staff emails rendered from templates, sent through the outbox. */
export function createMailActivities(deps: ActivityDeps) {
  return { ...createCustomerMailActivities(deps), ...createStaffMailActivities(deps) };
}

function createCustomerMailActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /**
     * Emails the customer about an event, through the outbox (at most once per subject, key and recipient).
     * `about` names a child process of the complaint (8D, recall) the email belongs to; default the complaint.
     */
    async notifyCustomer(input: {
      number: string;
      event: CustomerEvent;
      key: string;
      note?: string;
      values?: TemplateValues;
      about?: OutboxSubject;
      /** The question the email asks: its link (single-use, bound to this email's key) answers it until then. */
      ask?: { purpose: AnswerPurpose; expiresAt: string };
    }): Promise<DeliveryOutcome> {
      const about = subjectOf(input.number, input.about);
      const complaint = await loadComplaint(prisma, input.number);
      const language = complaint.customerLanguage as Language;
      const values = await templateValues(deps, complaint, language, input);
      Object.assign(values, customerLinkValues(deps, complaint, language, input));
      const email = renderCustomerEmail(input.event, language, values);
      const attachments =
        input.event === 'preliminary_report' ? await preliminaryReportPdf(deps, complaint, language) : [];
      const outcome = await deliverThroughOutbox(deps, {
        complaintNumber: complaint.number,
        about,
        event: input.key,
        recipient: complaint.customerEmail,
        language,
        ...email,
        attachments,
      });
      if (input.event === 'acknowledgement' && (outcome === 'sent' || outcome === 'already_sent')) {
        await prisma.complaint.updateMany({
          where: { number: complaint.number, acknowledgedAt: null },
          data: { acknowledgedAt: deps.now() },
        });
      }
      return outcome;
    },
  };
}

function createStaffMailActivities(deps: ActivityDeps) {
  return {
    /**
     * Emails staff about a process of its own, with no complaint behind it (a standalone corrective action):
     * the template's values are the workflow's alone; once per subject, key and recipient.
     */
    async notifyStaffOf(input: {
      number: string;
      event: StaffEvent;
      key: string;
      to: string[];
      note?: string;
      values?: TemplateValues;
      about: OutboxSubject;
    }): Promise<{ sent: number; unknown: string[] }> {
      const own = { number: input.number, note: input.note, ...defined(input.values) };
      return mailStaff(deps, input, subjectOf(input.number, input.about), null, async (language) =>
        valuesFor(own, language, deps.timeZone),
      );
    },

    /** Emails the mailboxes of roles or departments (department directory), once per subject, key and recipient. */
    async notifyStaff(input: {
      number: string;
      event: StaffEvent;
      key: string;
      to: string[];
      note?: string;
      values?: TemplateValues;
      about?: OutboxSubject;
    }): Promise<{ sent: number; unknown: string[] }> {
      const about = subjectOf(input.number, input.about);
      const complaint = await loadComplaint(deps.prisma, input.number);
      // a new complaint: the earlier ones of the same unit or lot, for the staff who take it on
      const related = input.event === 'registered' ? await relatedComplaints(deps.prisma, complaint, 5) : [];
      return mailStaff(deps, input, about, input.number, async (language) => {
        const values = await templateValues(deps, complaint, language, input);
        if (related.length) values.repeats = repeatsLine(related, language);
        return values;
      });
    },
  };
}
