import crypto from 'node:crypto';
import type { CorrectiveActionStatus } from '../domain/corrective-action-contract';
import type { Label } from '../domain/labels';
import type { Language } from '../domain/registration';
import { createLinkToken, linkUrl, STATUS_LINK_DAYS } from '../infra/customer-links';
import type { PrismaClient } from '../infra/database';
import { loadComplaint, type ActivityDeps } from './deps';
import { renderCustomerEmail, valuesFor } from '../mail/email-templates';
import { deliverThroughOutbox, outboxKey, type DeliveryOutcome, type OutboxSubject } from '../mail/outbox';
import { buildEightDReport } from '../reports/eight-d-report';
import { renderReportHtml } from '../reports/render-html';
import { DEFAULT_REPORT_FONT_FILE, renderReportPdf } from '../reports/render-pdf';
import { templateFor, type ReportSettings } from '../reports/templates';
import { renderInterimReport, reportFileName } from '../reports/stored-report';

/** What the report activity is given: the complaint, the corrective action as it closed, the procedure's name. */
export interface CorrectiveActionReportInput {
  complaintNumber: string;
  status: CorrectiveActionStatus;
  profile: { id: string; name: Label };
}

/** The outbox subject of a corrective action's emails. */
export function correctiveActionSubject(carNumber: string): OutboxSubject {
  return { kind: 'corrective_action', id: carNumber };
}

/** The outbox event of the report email of a round. */
export const reportEvent = (round: number) => `report#${round}`;

type StoredReport = NonNullable<Awaited<ReturnType<PrismaClient['correctiveActionReport']['findUnique']>>>;

type StoredComplaint = Awaited<ReturnType<typeof loadComplaint>>;

/** The report's font and the customers' templates; Debian's font and none unless configured. */
function reportSettings(deps: ActivityDeps): ReportSettings {
  return deps.reports ?? { fontFile: DEFAULT_REPORT_FONT_FILE, templates: {} };
}

/** The archived report of this round, rendered and stored by the first attempt that got here. */
async function archivedReport(
  deps: ActivityDeps,
  input: CorrectiveActionReportInput,
  complaint: StoredComplaint,
): Promise<StoredReport> {
  const { prisma } = deps;
  const settings = reportSettings(deps);
  const where = { carNumber_round: { carNumber: input.status.number, round: input.status.round } };
  const stored = await prisma.correctiveActionReport.findUnique({ where });
  if (stored) return stored;
  const createdAt = deps.now();
  const template = templateFor(settings.templates, complaint.customerName);
  const report = buildEightDReport(
    {
      status: input.status,
      complaint: {
        number: complaint.number,
        customer: complaint.customerName,
        product: complaint.productModel,
        serialNumber: complaint.serialNumber,
        batchNumber: complaint.batchNumber,
        language: complaint.customerLanguage as Language,
      },
      profile: input.profile,
      generatedAt: createdAt,
      timeZone: deps.timeZone,
    },
    template,
  );
  const html = renderReportHtml(report);
  const pdf = await renderReportPdf(report, { fontFile: settings.fontFile, createdAt });
  // A concurrent attempt may have stored it meanwhile: the first one stays, this one reads it.
  await prisma.correctiveActionReport.createMany({
    data: [
      {
        carNumber: input.status.number,
        round: input.status.round,
        complaintNumber: complaint.number,
        language: report.language,
        template: report.template ?? null,
        title: report.title,
        html,
        pdf: new Uint8Array(pdf),
        sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
        createdAt,
      },
    ],
    skipDuplicates: true,
  });
  return prisma.correctiveActionReport.findUniqueOrThrow({ where });
}

/** The signed link to the complaint's status page, as in every customer email (none when links are off). */
function statusLink(deps: ActivityDeps, complaint: StoredComplaint): string | undefined {
  const links = deps.customerLinks;
  if (!links) return undefined;
  const expiresAt = new Date(deps.now().getTime() + STATUS_LINK_DAYS * 24 * 3_600_000);
  const { number, customerEmail } = complaint;
  return linkUrl(links.baseUrl, createLinkToken(links.secret, { number, customerEmail, purpose: 'status', expiresAt }));
}

/** Emails the customer a report of the corrective action with its PDF, through the outbox (once per event). */
async function mailReport(
  deps: ActivityDeps,
  input: CorrectiveActionReportInput,
  complaint: StoredComplaint,
  email: { kind: 'corrective_action_report' | 'corrective_action_interim'; event: string; title: string },
  pdf: { filename: string; content: Buffer },
): Promise<DeliveryOutcome> {
  const language = complaint.customerLanguage as Language;
  const values = valuesFor(
    {
      number: complaint.number,
      customer: complaint.customerName,
      product: complaint.productModel,
      car: input.status.number,
      form: input.status.form === 'capa' ? 'CAPA' : '8D',
      report: email.title,
      statusLink: statusLink(deps, complaint),
    },
    language,
    deps.timeZone,
  );
  return deliverThroughOutbox(deps, {
    complaintNumber: complaint.number,
    about: correctiveActionSubject(input.status.number),
    event: email.event,
    recipient: complaint.customerEmail,
    language,
    ...renderCustomerEmail(email.kind, language, values),
    attachments: [{ ...pdf, contentType: 'application/pdf' }],
  });
}

/**
 * The 8D report (QR25-04): rendered once per corrective action and round (HTML and PDF, in the customer's
 * language or its template's), kept in the archive (`corrective_action_report`), and sent to the customer with
 * the PDF attached through the outbox — once, whatever the retries.
 */
export function createCorrectiveActionReportActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  return {
    /**
     * 004 §5.6 b): the report once the true cause is found, rendered from the corrective action's status and
     * marked interim (not archived); emailed once per round (`report-interim#<round>`).
     */
    async sendInterimCorrectiveActionReport(
      input: CorrectiveActionReportInput,
    ): Promise<{ delivery: DeliveryOutcome }> {
      const complaint = await loadComplaint(prisma, input.complaintNumber);
      const now = deps.now();
      const report = await renderInterimReport({
        ...input,
        complaint,
        settings: reportSettings(deps),
        timeZone: deps.timeZone,
        now,
        format: 'pdf',
      });
      const event = `report-interim#${input.status.round}`;
      const email = { kind: 'corrective_action_interim' as const, event, title: report.title };
      const pdf = { filename: report.filename, content: report.body };
      return { delivery: await mailReport(deps, input, complaint, email, pdf) };
    },

    /**
     * Renders and archives the report of a closed corrective action and emails it to the customer as a PDF
     * attachment. Safe to retry: the archived report is reused and the outbox key (`corrective_action:<number>:
     * report#<round>:<customer>`) sends the email once. A complaint not in the database is a non-retryable
     * failure. `sentAt`: when SMTP took the email (for a `rejected` or `uncertain` delivery, see `delivery`:
     * when it was last attempted).
     */
    async sendCorrectiveActionReport(
      input: CorrectiveActionReportInput,
    ): Promise<{ sentAt: string; delivery?: DeliveryOutcome }> {
      const complaint = await loadComplaint(prisma, input.complaintNumber);
      const report = await archivedReport(deps, input, complaint);
      const about = correctiveActionSubject(input.status.number);
      const event = reportEvent(input.status.round);
      const email = { kind: 'corrective_action_report' as const, event, title: report.title };
      const pdf = { filename: reportFileName(input.status.number, 'pdf'), content: Buffer.from(report.pdf) };
      const delivery = await mailReport(deps, input, complaint, email, pdf);
      if (delivery === 'rejected' || delivery === 'uncertain')
        deps.logger.error({ car: input.status.number, delivery }, 'the 8D report email was not surely delivered');
      const row = await prisma.outboxEmail.findUniqueOrThrow({
        where: { idempotencyKey: outboxKey(about, event, complaint.customerEmail) },
        select: { sentAt: true, claimedAt: true },
      });
      return { sentAt: (row.sentAt ?? row.claimedAt ?? deps.now()).toISOString(), delivery };
    },
  };
}
