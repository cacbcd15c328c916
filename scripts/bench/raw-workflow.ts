/** The raw baseline: a workflow that does nothing but answer an update, so its round trip is Temporal's own. */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

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
