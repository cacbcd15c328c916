/**
 * One month's quality report run (issue 13; seed 004 §5.7), `monthly-report-<YYYYMM>`: the month's figures, a
 * standalone corrective action for each top-three defect cause, the quality improvement plan meeting notice to
 * the departments of the repeats and batch defects, the PDF report to management. Orchestration only: what to
 * open, whom to tell and what to say is domain/monthly-report/monthly-actions.ts. Every step is idempotent (request keys,
 * outbox keys), so the month run again — by the schedule's catch-up, a backfill — opens and sends nothing new.
 */
import { proxyActivities, setCurrentDetails, setHandler, type ActivityOptions } from '@temporalio/workflow';
import type { StaffNoticeActivities } from '../../activities';
import type { MonthlyReportRunActivities } from '../../activities/monthly-report';
import {
  monthlyReportStatusQuery,
  monthlyReportSubject,
  monthlyReportSummary,
  type MonthlyReportInput,
  type MonthlyReportResult,
  type MonthlyReportStatus,
} from '../../domain/monthly-report-contract';
import {
  MANAGEMENT_RECIPIENTS,
  managementValues,
  meetingComplaints,
  meetingItems,
  meetingRecipients,
  meetingValues,
  topThreeOpenings,
} from '../../domain/monthly-report/monthly-actions';
import { databaseActivityOptions, mailActivityOptions, withSummary } from '../activity-options';

/** The figures of a large month take a while (aggregates over a million complaints: seconds to a minute). */
const figuresOptions: ActivityOptions = { ...databaseActivityOptions, startToCloseTimeout: '5 minutes' };
/** An opening waits up to 5 s for Temporal to take the corrective action's start. */
const openingOptions: ActivityOptions = { ...databaseActivityOptions, startToCloseTimeout: '30 seconds' };
/** The PDF is rendered before it is sent. */
const reportMailOptions: ActivityOptions = { ...mailActivityOptions, startToCloseTimeout: '2 minutes' };

const { monthlyReportFigures, complaintDepartments, openMonthlyCorrectiveAction, mailMonthlyReport } =
  proxyActivities<MonthlyReportRunActivities>(databaseActivityOptions);
const { notifyStaffOf } = proxyActivities<StaffNoticeActivities>(mailActivityOptions);

/** Options with the summary the Web UI shows on the run's timeline. */

export async function monthlyReportWorkflow(input: MonthlyReportInput): Promise<MonthlyReportResult> {
  const { month } = input;
  const status: MonthlyReportStatus = {
    month,
    trigger: input.trigger,
    phase: 'figures',
    topThree: [],
    correctiveActions: [],
    meetingItems: 0,
    meetingTo: [],
    managementTo: [],
  };
  setHandler(monthlyReportStatusQuery, () => status);
  const shown = monthlyReportSummary(month);

  const report = await monthlyReportFigures.executeWithOptions(withSummary(figuresOptions, `figures of ${month}`), [
    month,
  ]);

  // one after another, so the corrective actions are numbered in the Pareto's order
  const openings = topThreeOpenings(report);
  status.topThree = openings.map(({ rank, cause, productModel, complaints }) => ({
    rank,
    cause,
    productModel,
    complaints,
  }));
  status.phase = 'corrective_actions';
  for (const opening of openings) {
    const { rank, defect, cause, profileId, productModel, complaints } = opening;
    const opened = await openMonthlyCorrectiveAction.executeWithOptions(
      withSummary(openingOptions, `corrective action for top-3 #${rank}: ${defect ?? cause} · ${productModel}`),
      [{ opening }],
    );
    status.correctiveActions.push({ rank, defect, cause, profileId, productModel, complaints, ...opened });
    setCurrentDetails(`${shown}: corrective actions ${status.correctiveActions.map((c) => c.number).join(', ')}`);
  }

  status.phase = 'meeting';
  const items = meetingItems(report);
  status.meetingItems = items.length;
  let meetingSent = 0;
  if (items.length) {
    const departments = await complaintDepartments({ numbers: meetingComplaints(items) });
    status.meetingTo = meetingRecipients(items, departments);
    const notice = await notifyStaffOf.executeWithOptions(
      withSummary(
        mailActivityOptions,
        `email ${status.meetingTo.join(', ')}: quality improvement plan meeting (${items.length})`,
      ),
      [
        {
          number: month,
          event: 'quality_meeting',
          key: 'meeting',
          to: status.meetingTo,
          values: meetingValues(month, items),
          about: monthlyReportSubject(month),
        },
      ],
    );
    meetingSent = notice.sent;
  }

  status.phase = 'management';
  const management = { to: [] as string[], sent: 0, alreadySent: 0 };
  if (input.mailManagement !== false) {
    status.managementTo = management.to = report.statisticsTo ?? [...MANAGEMENT_RECIPIENTS];
    const mailed = await mailMonthlyReport.executeWithOptions(
      withSummary(reportMailOptions, `email ${management.to.join(', ')}: the PDF report`),
      [{ report, to: management.to, values: managementValues(report, status.correctiveActions, items.length) }],
    );
    management.sent = mailed.sent;
    management.alreadySent = mailed.alreadySent;
  }

  status.phase = 'done';
  setCurrentDetails(
    `${shown}: done — corrective actions ${status.correctiveActions.map((c) => c.number).join(', ') || 'none'}; ` +
      `meeting ${status.meetingTo.join(', ') || 'none'}; report to ${management.to.join(', ') || 'nobody'}`,
  );
  return {
    month,
    correctiveActions: status.correctiveActions,
    meeting: { items: items.length, to: status.meetingTo, sent: meetingSent },
    management,
  };
}
