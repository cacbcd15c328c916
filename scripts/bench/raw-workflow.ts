/** The raw baseline: a workflow that does nothing but answer an update, so its round trip is Temporal's own. */
import {
  condition,
  defineUpdate,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { searchAttributes } from '../../domain/complaint-search-attributes';

export const touchUpdate = defineUpdate<number, [string]>('touch');
/** An update that also emits the commands a staff action's answer carries: an activity, a search attribute, details. */
export const commandsUpdate = defineUpdate<number, [string]>('commands');
export const finishUpdate = defineUpdate<void>('finish');

/** The raw worker's one activity: does nothing. */
export const rawActivities = { async rawRecord(_touch: number): Promise<void> {} };

const { rawRecord } = proxyActivities<typeof rawActivities>({ startToCloseTimeout: '10 seconds' });

export async function rawWorkflow(): Promise<void> {
  let touches = 0;
  let finished = false;
  const records: Array<Promise<void>> = [];
  setHandler(touchUpdate, () => ++touches);
  setHandler(commandsUpdate, (stage) => {
    touches += 1;
    records.push(rawRecord(touches));
    upsertSearchAttributes([{ key: searchAttributes.stage, value: `${stage}-${touches}` }]);
    setCurrentDetails(`touched ${touches} times`);
    return touches;
  });
  setHandler(finishUpdate, () => {
    finished = true;
  });
  await condition(() => finished);
  await Promise.all(records);
}

/** The raw timer: sleeps `ms` and answers how late (ms) its timer fired, as the workflow saw it. */
export async function rawTimerWorkflow(ms: number): Promise<number> {
  const due = Date.now() + ms;
  await sleep(ms);
  return Date.now() - due;
}
