/**
 * The soak's fault loop: every so often (seeded) one fault — a worker or an API killed (SIGKILL) and started
 * again, Temporal stopped for 10–40 s, PostgreSQL or SMTP cut, PostgreSQL slowed, or a burst of registrations.
 * At most one fault at a time; each ends (the process back, the server up, the proxy restored) before the next.
 */
import type { Load } from './load';
import type { Rng } from './rng';
import type { SoakStack } from './stack';

export const FAULT_KINDS = [
  'kill-worker',
  'kill-api',
  'stop-temporal',
  'cut-database',
  'cut-smtp',
  'slow-database',
  'burst',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** Seconds between faults, drawn from [min, max]. */
  everySeconds: [number, number];
  burstSize: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Faults {
  readonly injected: Record<FaultKind, number> = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<
    FaultKind,
    number
  >;
  private stopping = false;
  private wake: () => void = () => undefined;

  constructor(
    private readonly stack: SoakStack,
    private readonly load: Load,
    private readonly rng: Rng,
    private readonly options: FaultOptions,
    private readonly say: (line: string) => void,
  ) {}

  async run(): Promise<void> {
    while (!this.stopping) {
      await this.sleep(this.rng.int(...this.options.everySeconds) * 1_000);
      if (this.stopping) break;
      const kind = this.rng.pick(FAULT_KINDS);
      this.injected[kind] += 1;
      this.say(`fault: ${kind}`);
      await this.inject(kind);
    }
  }

  /** Ends the loop; the fault under way still ends as it would. */
  stop(): void {
    this.stopping = true;
    this.wake();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async inject(kind: FaultKind): Promise<void> {
    const { stack, rng } = this;
    if (kind === 'kill-worker' || kind === 'kill-api') {
      const which = kind === 'kill-worker' ? 'worker' : 'api';
      const index = rng.pick(stack.running(which));
      await stack.kill(which, index);
      await pause(rng.int(1, 5) * 1_000);
      await stack.start(which, index);
    } else if (kind === 'stop-temporal') {
      await stack.temporal.stop();
      await pause(rng.int(10, 40) * 1_000);
      await stack.temporal.start();
    } else if (kind === 'cut-database' || kind === 'cut-smtp') {
      const proxy = kind === 'cut-database' ? stack.database : stack.smtp;
      await proxy.cut();
      await pause(rng.int(5, 20) * 1_000);
      await proxy.restore();
    } else if (kind === 'slow-database') {
      stack.database.latencyMs = rng.int(50, 200);
      await pause(rng.int(10, 30) * 1_000);
      stack.database.latencyMs = 0;
    } else await this.load.burst(this.options.burstSize);
  }
}
