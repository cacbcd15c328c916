/**
 * The 8D report as the API serves it: the archived one of the latest round (HTML or PDF), or — before D8 — an
 * interim one rendered from the corrective action's live status. Shared by the API and the report activities.
 */
import crypto from 'node:crypto';
import type { CorrectiveActionStatus } from '../domain/corrective-action-contract';
import type { Label } from '../domain/labels';
import type { Language } from '../domain/registration';
import type { PrismaClient } from '../infra/database';
import { asInterim, buildEightDReport } from './eight-d-report';
import { renderReportHtml } from './render-html';
import { renderReportPdf } from './render-pdf';
import { templateFor, type ReportSettings } from './templates';

/** The report's file name: `QR25-04-<number>.pdf` (the record's code and the corrective action's number). */
export function reportFileName(carNumber: string, extension: 'pdf' | 'html'): string {
  return `QR25-04-${carNumber}.${extension}`;
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
