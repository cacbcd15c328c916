import { formatReport } from '../soak/checker';
import { runFleet, type FleetResult } from './run';

/** The fleet's figures and the checker's findings, as `npm run bench -- --fleet` prints them. */
export function formatFleet(result: FleetResult): string {
  const { options: o, requests } = result;
  const split = Object.values(requests.byApi).join(' / ');
  const statuses = Object.entries(requests.byStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  const triage = result.notInTriage.length
    ? `not in triage: ${result.notInTriage.slice(0, 20).join(', ')}`
    : 'all in triage';
  return [
    `Fleet: ${o.apis} APIs, ${o.workers} workers on one Temporal and one PostgreSQL; ${o.complaints} registrations at concurrency ${o.concurrency}`,
    `  burst      ${result.registered} answered in ${result.burstSeconds.toFixed(1)} s (${result.perSecond.toFixed(1)}/s); answers by API ${split}`,
    `  kills      ${result.kills} worker kills in rotation (SIGKILL, started again 2 s later)`,
    `  requests   ${requests.sent} sent, ${requests.retried} retried, ${requests.unanswered} unanswered; ${statuses}`,
    `  stored     ${result.complaints} complaints, ${triage}; ${result.emails} emails caught`,
    formatReport(result.report),
  ].join('\n');
}

/** `npm run bench -- --fleet [--fleet-complaints 2000] [--fleet-kills 6]`: exit code 1 on any violation. */
export async function benchFleet(complaints: number, kills: number): Promise<number> {
  const result = await runFleet({
    complaints,
    kills,
    apis: 2,
    workers: 3,
    concurrency: 40,
    settleSeconds: 600,
    say: (line) => process.stderr.write(`fleet: ${line}\n`),
  });
  process.stdout.write(`${formatFleet(result)}\n`);
  const wrong = result.report.violations.length || result.notInTriage.length || result.registered !== complaints;
  return wrong ? 1 : 0;
}
