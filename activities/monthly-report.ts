/**
 * The activities of the monthly report's run (issue 13; seed 004 §5.7): the month's figures, a top-three
 * item's standalone corrective action opened through the API's own opening (row first, numbered from the
 * month's sequence, its workflow started once), the departments of the repeats' complaints, and the PDF report
 * emailed to management through the outbox. The meeting notice is the mail activities' `notifyStaffOf`.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { openStandalone } from '../infra/corrective-action-opening';
import { Refusal } from '../domain/refusal';
import { monthlyReportSubject } from '../domain/monthly-report-contract';
import { MONTHLY_REPORT_ACTOR, type TopThreeOpening } from '../domain/monthly-report/monthly-actions';
import type { MonthlyReport } from '../domain/monthly-report/monthly-report';
import { namingOrder, reportNames } from '../domain/monthly-report/report-words';
import { BUILT_IN_PROFILES } from '../domain/profiles';
import type { Language } from '../domain/registration';
import { resolveMailboxes } from '../infra/directory';
import type { ActivityDeps } from './deps';
import { renderStaffEmail, valuesFor, type TemplateValues } from '../mail/email-templates';
import { deliverThroughOutbox } from '../mail/outbox';
import { createMonthlyReportActivities } from '../reports/monthly-figures';
import { renderMonthlyReportPdf } from '../reports/monthly-report-pdf';
import { DEFAULT_REPORT_FONT_FILE } from '../reports/render-pdf';

/** Business failures of the monthly report's activities (never retried). */
export const MonthlyReportErrors = {
  /** The worker was built without the profiles and task queue of standalone corrective actions. */
  noStandaloneOpening: 'NoStandaloneOpening',
  /** The default profile cannot open one (no corrective-action form, an unknown severity). */
  openingRefused: 'MonthlyTop3OpeningRefused',
} as const;

/** The outbox event of the management email of a month. */
export const MANAGEMENT_EMAIL_EVENT = 'report';

/** The PDF's file name: `monthly-report-<YYYYMM>.pdf` (as `GET /api/v1/reports/monthly/{month}` names it). */
export const monthlyReportFileName = (month: string) => `monthly-report-${month}.pdf`;

/** The procedure a top-three item's corrective action opens under: its complaints' one with a form, else the default. */
function standaloneProfile(
  profiles: NonNullable<ActivityDeps['standalone']>['profiles'],
  profileId: string | undefined,
): string | undefined {
  return profileId && profiles.get(profileId)?.profile.correctiveAction ? profileId : undefined;
}

/** The month's PDF in each reader's language, rendered once per language. */
function pdfsByLanguage(deps: ActivityDeps, report: MonthlyReport, names: ReturnType<typeof reportNames>) {
  const pdfs = new Map<Language, Promise<Buffer>>();
  return (language: Language): Promise<Buffer> => {
    let pdf = pdfs.get(language);
    if (!pdf) {
      pdf = renderMonthlyReportPdf(report, {
        fontFile: deps.reports?.fontFile ?? DEFAULT_REPORT_FONT_FILE,
        createdAt: new Date(report.generatedAt),
        reading: { language, names },
      });
      pdfs.set(language, pdf);
    }
    return pdf;
  };
}

export function createMonthlyReportRunActivities(deps: ActivityDeps) {
  const { prisma } = deps;
  const figures = createMonthlyReportActivities({
    prisma,
    timeZone: deps.timeZone,
    now: deps.now,
    profiles: deps.standalone?.profiles,
  });
  const names = reportNames(deps.standalone ? namingOrder(deps.standalone.profiles) : BUILT_IN_PROFILES);

  return {
    /** Every figure of the month `YYYYMM`, counted in the company's time zone. */
    async monthlyReportFigures(month: string): Promise<MonthlyReport> {
      return figures.monthlyReportFigures(month);
    },

    /**
     * Opens the standalone corrective action of a top-three item under its request key (month, cause, model):
     * a second run finds the first one (`created: false`). A row whose workflow did not start yet (Temporal
     * busy) fails the attempt, and the retry starts it.
     */
    async openMonthlyCorrectiveAction(input: {
      opening: TopThreeOpening;
    }): Promise<{ number: string; created: boolean }> {
      const standalone = deps.standalone;
      if (!standalone)
        throw ApplicationFailure.nonRetryable(
          'this worker cannot open standalone corrective actions (no profiles given)',
          MonthlyReportErrors.noStandaloneOpening,
        );
      const { opening } = input;
      const opened = await openStandalone(
        { prisma, temporal: Context.current().client, ...standalone, timeZone: deps.timeZone, now: deps.now },
        {
          source: 'monthly_top3',
          // 004 §5.7 c): under the procedure of the complaints it comes from (CR-MP25: its 8D), where it has a form
          profileId: standaloneProfile(standalone.profiles, opening.profileId),
          reason: opening.reason,
          product: { model: opening.productModel, quantityAffected: opening.units },
          technical: opening.technical,
          rootCauseKnown: false,
        },
        MONTHLY_REPORT_ACTOR,
        opening.requestKey,
      ).catch((error: unknown) => {
        if (error instanceof Refusal)
          throw ApplicationFailure.nonRetryable(error.message, MonthlyReportErrors.openingRefused);
        throw error;
      });
      if (!opened.started) throw new Error(`corrective action ${opened.number} is stored; its workflow did not start`);
      return { number: opened.number, created: opened.created };
    },

    /** The department of each complaint (null: not routed yet); numbers not in the database are left out. */
    async complaintDepartments(input: { numbers: string[] }): Promise<Record<string, string | null>> {
      const rows = await prisma.complaint.findMany({
        where: { number: { in: input.numbers } },
        select: { number: true, department: true },
      });
      return Object.fromEntries(rows.map((r) => [r.number, r.department]));
    },

    /**
     * Emails the month's PDF report to the mailboxes of `to` (roles or departments), each in its reader's
     * language (the email and the PDF), through the outbox: once per month and recipient, whatever the runs
     * and retries.
     */
    async mailMonthlyReport(input: {
      report: MonthlyReport;
      to: string[];
      values: TemplateValues;
    }): Promise<{ sent: number; alreadySent: number; unknown: string[] }> {
      const { recipients, unknown } = resolveMailboxes(deps.directory, input.to);
      if (unknown.length) deps.logger.warn({ month: input.report.month, unknown }, 'no mailbox in the directory');
      const pdfIn = pdfsByLanguage(deps, input.report, names);
      const counted = { sent: 0, alreadySent: 0, unknown };
      for (const recipient of recipients) {
        const email = renderStaffEmail(
          'monthly_report',
          recipient.language,
          valuesFor(input.values, recipient.language, deps.timeZone),
        );
        const outcome = await deliverThroughOutbox(deps, {
          complaintNumber: null,
          about: monthlyReportSubject(input.report.month),
          event: MANAGEMENT_EMAIL_EVENT,
          recipient: recipient.email,
          language: recipient.language,
          ...email,
          attachments: [
            {
              filename: monthlyReportFileName(input.report.month),
              contentType: 'application/pdf',
              content: await pdfIn(recipient.language),
            },
          ],
        });
        if (outcome === 'sent') counted.sent += 1;
        else if (outcome === 'already_sent') counted.alreadySent += 1;
        else
          deps.logger.error(
            { month: input.report.month, outcome },
            'the monthly report email was not surely delivered',
          );
      }
      return counted;
    },
  };
}

/** The activity interface the monthly report's workflow proxies. */
export type MonthlyReportRunActivities = ReturnType<typeof createMonthlyReportRunActivities>;
