/** The raw baseline: a workflow that does nothing but answer an update, so its round trip is Temporal's own. */
import { condition, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

export const touchUpdate = defineUpdate<number, [string]>('touch');
export const finishUpdate = defineUpdate<void>('finish');

export async function rawWorkflow(): Promise<void> {
  let touches = 0;
  let finished = false;
  setHandler(touchUpdate, () => ++touches);
  setHandler(finishUpdate, () => {
    finished = true;
  });
  await condition(() => finished);
}

/** The raw timer: sleeps `ms` and answers how late (ms) its timer fired, as the workflow saw it. */
export async function rawTimerWorkflow(ms: number): Promise<number> {
  const due = Date.now() + ms;
  await sleep(ms);
  return Date.now() - due;
}
