/**
 * The fleet (issue 27): several API processes and workers on one Temporal server and one PostgreSQL take a
 * burst of registrations split across the APIs while the workers are SIGKILLed and started again in rotation;
 * then the soak's invariant checker over what the APIs answered: every complaint numbered once and running once,
 * every email sent once, every workflow where it should be (in triage: the burst only registers) with nothing
 * left half done. `npm run bench -- --fleet` runs it at full size, `test/integration/fleet.test.ts` smaller.
 */
import { BUILT_IN_PROFILES } from '../../domain/profiles';
import { pool } from '../bench/measure';
import type { CheckReport } from '../soak/checker';
import { SoakClient, type ClientCounts } from '../soak/client';
import { Load } from '../soak/load';
import { emptyLoadLog } from '../soak/load-log';
import { Rng } from '../soak/rng';
import { checkStack, everythingBack } from '../soak/run';
import { SOAK_TIME_ZONE, startSoakStack, type SoakStack } from '../soak/stack';

export interface FleetOptions {
  complaints: number;
  apis: number;
  workers: number;
  /** Worker kills, spread evenly over the burst (by registrations answered), worker after worker. */
  kills: number;
  /** Registrations in flight at once. */
  concurrency: number;
  settleSeconds: number;
  say: (line: string) => void;
}

export interface FleetResult {
  options: Omit<FleetOptions, 'say'>;
  registered: number;
  /** Seconds from the first registration to the last answer, and registrations answered per second. */
  burstSeconds: number;
  perSecond: number;
  kills: number;
  requests: ClientCounts;
  complaints: number;
  /** Complaints whose row is not in triage once the fleet settled. */
  notInTriage: string[];
  emails: number;
  report: CheckReport;
}

/**
 * Kills worker after worker (restarting each after 2 s) each time another share of the burst is answered; kills
 * still due when the burst is answered follow at once, while the workers carry out the registrations' effects.
 */
async function killInRotation(stack: SoakStack, answered: () => number, options: FleetOptions, done: () => boolean) {
  let kills = 0;
  while (kills < options.kills) {
    if (done() || answered() >= ((kills + 1) * options.complaints) / (options.kills + 1)) {
      const index = kills % options.workers;
      options.say(`killing worker ${index} at ${answered()} registrations`);
      await stack.kill('worker', index);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await stack.start('worker', index);
      kills += 1;
    } else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return kills;
}

export async function runFleet(options: FleetOptions): Promise<FleetResult> {
  const { say, ...shown } = options;
  const stack = await startSoakStack({ apis: options.apis, workers: options.workers });
  try {
    say(`fleet up: ${options.apis} APIs, ${options.workers} workers; ${options.complaints} registrations`);
    const client = new SoakClient(() => stack.apiUrls(), stack.tokens);
    const log = emptyLoadLog();
    const customers = { mail: () => stack.catcher.messages, apis: () => stack.apiUrls(), replyPorts: () => [] };
    const operations = { temporal: stack.client, taskQueue: stack.taskQueue, timeZone: SOAK_TIME_ZONE };
    const rng = new Rng(27);
    const load = new Load(client, log, rng, customers, operations);
    const started = Date.now();
    let finished = false;
    const killing = killInRotation(
      stack,
      () => load.counts.registrations,
      options,
      () => finished,
    );
    await pool(options.complaints, options.concurrency, () => load.register(rng.pick(BUILT_IN_PROFILES).id));
    const burstSeconds = (Date.now() - started) / 1_000;
    finished = true;
    const kills = await killing;
    await everythingBack(stack);
    say(`burst answered in ${burstSeconds.toFixed(1)} s; ${kills} kills; checking`);
    return await checkStack(stack, log, options.settleSeconds, async (report, prisma) => {
      const rows = await prisma.complaint.findMany({ select: { number: true, stage: true } });
      return {
        options: shown,
        registered: load.counts.registrations,
        burstSeconds,
        perSecond: load.counts.registrations / burstSeconds,
        kills,
        requests: client.counts,
        complaints: rows.length,
        notInTriage: rows.filter((r) => r.stage !== 'triage').map((r) => `${r.number} (${r.stage})`),
        emails: stack.catcher.messages.length,
        report,
      };
    });
  } finally {
    await stack.stop();
  }
}
