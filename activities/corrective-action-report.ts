import crypto from 'node:crypto';
import type { CorrectiveActionStatus } from '../domain/corrective-action-contract';
import type { Label } from '../domain/labels';
import type { Language } from '../domain/registration';
import type { PrismaClient } from '../infra/database';
import { loadComplaint, type ActivityDeps } from './deps';
import { renderCustomerEmail, valuesFor } from './email-templates';
import { deliverThroughOutbox, outboxKey, type DeliveryOutcome, type OutboxSubject } from './outbox';
import { asInterim, buildEightDReport } from './report/eight-d-report';
import { renderReportHtml } from './report/render-html';
import { DEFAULT_REPORT_FONT_FILE, renderReportPdf } from './report/render-pdf';
import { templateFor, type ReportSettings } from './report/templates';

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

/** The report's file name: `QR25-04-<number>.pdf` (the record's code and the corrective action's number). */
export function reportFileName(carNumber: string, extension: 'pdf' | 'html'): string {
  return `QR25-04-${carNumber}.${extension}`;
}

type StoredReport = NonNullable<Awaited<ReturnType<PrismaClient['correctiveActionReport']['findUnique']>>>;

/**
 * The 8D report (QR25-04): rendered once per corrective action and round (HTML and PDF, in the customer's
 * language or its template's), kept in the archive (`corrective_action_report`), and sent to the customer with
 * the PDF attached through the outbox — once, whatever the retries.
 */
export function createCorrectiveActionReportActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  const settings: ReportSettings = deps.reports ?? { fontFile: DEFAULT_REPORT_FONT_FILE, templates: {} };

  /** The archived report of this round, rendered and stored by the first attempt that got here. */
  async function archivedReport(
    input: CorrectiveActionReportInput,
    complaint: Awaited<ReturnType<typeof loadComplaint>>,
  ): Promise<StoredReport> {
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

  /** Emails the customer a report of the corrective action with its PDF, through the outbox (once per event). */
  async function mailReport(
    input: CorrectiveActionReportInput,
    complaint: Awaited<ReturnType<typeof loadComplaint>>,
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
        settings,
        timeZone: deps.timeZone,
        now,
        format: 'pdf',
      });
      const event = `report-interim#${input.status.round}`;
      const email = { kind: 'corrective_action_interim' as const, event, title: report.title };
      return {
        delivery: await mailReport(input, complaint, email, { filename: report.filename, content: report.body }),
      };
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
      const report = await archivedReport(input, complaint);
      const about = correctiveActionSubject(input.status.number);
      const event = reportEvent(input.status.round);
      const email = { kind: 'corrective_action_report' as const, event, title: report.title };
      const pdf = { filename: reportFileName(input.status.number, 'pdf'), content: Buffer.from(report.pdf) };
      const delivery = await mailReport(input, complaint, email, pdf);
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

/** A stored report as the API serves it. */
export interface LoadedReport {
  carNumber: string;
  complaintNumber: string;
  round: number;
  language: string;
  title: string;
  sha256: string;
  createdAt: Date;
  /** `application/pdf` or `text/html; charset=utf-8`. */
  contentType: string;
  filename: string;
  body: Buffer;
}

/**
 * The archived report of a corrective action (its latest round) as HTML or PDF, or undefined when none was
 * made yet (for `GET /api/v1/corrective-actions/{number}/report`).
 */
export async function loadCorrectiveActionReport(
  prisma: PrismaClient,
  carNumber: string,
  format: 'html' | 'pdf',
): Promise<LoadedReport | undefined> {
  const row = await prisma.correctiveActionReport.findFirst({
    where: { carNumber },
    orderBy: { round: 'desc' },
    select: {
      carNumber: true,
      complaintNumber: true,
      round: true,
      language: true,
      title: true,
      sha256: true,
      createdAt: true,
      html: format === 'html',
      pdf: format === 'pdf',
    },
  });
  if (!row) return undefined;
  const { html, pdf, ...meta } = row;
  return {
    ...meta,
    contentType: format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    filename: reportFileName(carNumber, format),
    body: format === 'pdf' ? Buffer.from(pdf) : Buffer.from(html, 'utf8'),
  };
}

/**
 * The report of a corrective action not closed yet, rendered on request from its live status and marked
 * interim (the disciplines done so far); nothing is archived or sent.
 */
export async function renderInterimReport(input: {
  status: CorrectiveActionStatus;
  complaint: {
    number: string;
    customerName: string;
    productModel: string;
    serialNumber: string | null;
    batchNumber: string | null;
    customerLanguage: string;
  } | null;
  profile: { id: string; name: Label };
  settings: ReportSettings;
  timeZone: string;
  now: Date;
  format: 'html' | 'pdf';
}): Promise<LoadedReport> {
  const { status, complaint, settings, now, format } = input;
  const template = complaint ? templateFor(settings.templates, complaint.customerName) : undefined;
  const done = [...new Set(status.disciplines.map((d) => d.discipline))];
  const report = asInterim(
    buildEightDReport(
      {
        status,
        complaint: {
          number: complaint?.number ?? '—',
          customer: complaint?.customerName ?? '—',
          product: complaint?.productModel ?? '—',
          serialNumber: complaint?.serialNumber,
          batchNumber: complaint?.batchNumber,
          language: (complaint?.customerLanguage ?? 'zh-CN') as Language,
        },
        profile: input.profile,
        generatedAt: now,
        timeZone: input.timeZone,
      },
      template,
    ),
    done,
  );
  const body =
    format === 'pdf'
      ? await renderReportPdf(report, { fontFile: settings.fontFile, createdAt: now })
      : Buffer.from(renderReportHtml(report), 'utf8');
  return {
    carNumber: status.number,
    complaintNumber: complaint?.number ?? '',
    round: status.round,
    language: report.language,
    title: report.title,
    sha256: crypto.createHash('sha256').update(body).digest('hex'),
    createdAt: now,
    contentType: format === 'pdf' ? 'application/pdf' : 'text/html; charset=utf-8',
    filename: reportFileName(status.number, format),
    body,
  };
}
