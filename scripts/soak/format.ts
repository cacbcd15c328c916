import { formatReport } from './checker';
import type { SoakResult } from './run';

/** The soak's figures and the checker's findings, as `npm run soak` prints them. */
export function formatSoak(result: SoakResult): string {
  const { options: o, load, requests, faults } = result;
  const statuses = Object.entries(requests.byStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  return [
    `Soak (seed ${o.seed}, ${o.minutes} min, ${o.clients} clients, ${o.apis} APIs, ${o.workers} workers; ${result.seconds} s in all)`,
    `  load       ${load.registrations} registrations, ${load.actions} staff actions (${load.walksFinished} walks finished, ` +
      `${load.walksStopped} stopped), ${load.correctiveActionSteps} 8D steps, ${load.recalls} recalls with ` +
      `${load.ledgerAnswers} ledger answers, ${load.linkAnswers} customer answers by link, ${load.replies} email replies, ${load.maintenanceVisits} maintenance visits, ${load.reportRuns} report backfills, ${load.bursts} bursts`,
    `  stopped    ${JSON.stringify(load.walkStops)}`,
    ...load.stopDetails.map((line) => `             ${line}`),
    `  requests   ${requests.sent} sent, ${requests.retried} retried, ${requests.unanswered} unanswered; ${statuses}`,
    `  faults     ${Object.entries(faults)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}`,
    `  stored     ${result.complaints} complaints, ${result.emails} emails caught`,
    formatReport(result.report),
  ].join('\n');
}
