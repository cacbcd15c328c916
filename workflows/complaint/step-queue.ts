/**
 * Answer first, then carry out: a step's effects are prepared when the step is taken (so an update can
 * answer at once) and carried out here in order, one step after the other, exactly as they were queued.
 */
import { condition, log } from '@temporalio/workflow';

type Task = () => Promise<void>;

export class StepQueue {
  private readonly steps: Task[][] = [];
  private draining = false;
  /** Effects queued and not yet carried out (shown in the status as `pendingEffects`). */
  pending = 0;

  /** `onStepDone` runs after each step's effects (they may have met clocks: the wake loop looks again). */
  constructor(
    private readonly onStepDone: () => void,
    /** Told of an effect that failed for good (the complaint needs attention). */
    private readonly onFailure: (error: string) => void,
  ) {}

  push(tasks: Task[]): void {
    if (!tasks.length) return;
    this.steps.push(tasks);
    this.pending += tasks.length;
    if (!this.draining) void this.drain();
  }

  /** Resolves once every queued effect has been carried out. */
  idle(): Promise<void> {
    return condition(() => this.pending === 0);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.steps.length) {
      for (const task of this.steps.shift()!) {
        try {
          await task();
        } catch (error) {
          // Only a failure that retrying cannot cure reaches here (activities retry transient ones): it is
          // logged and the queue goes on, so one bad effect never wedges the complaint.
          log.error('an effect failed for good', { error: String(error) });
          this.onFailure(String((error as Error).cause ?? error));
        }
        this.pending -= 1;
      }
      this.onStepDone();
    }
    this.draining = false;
  }
}
