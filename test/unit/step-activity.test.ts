import { ApplicationFailure } from '@temporalio/common';
import { createStepActivities, type StepPart, type StepParts } from '../../activities/step';
import type { RecordActionInput } from '../../activities';

/** Parts that log what they did; `fail` decides per call whether (and how) one fails. */
function loggingParts(fail: (what: string) => Error | undefined = () => undefined) {
  const done: string[] = [];
  const part = (name: string) => async (input: { key?: string; action?: RecordActionInput }) => {
    const what = `${name}:${input.key ?? input.action?.action ?? 'clocks'}`;
    const error = fail(what);
    if (error) throw error;
    done.push(what);
  };
  const parts = {
    recordStep: part('record'),
    recordClocks: part('clocks'),
    notifyCustomer: part('customer'),
    notifyStaff: part('staff'),
  } as unknown as StepParts;
  return { parts, done };
}

const action = { action: 'classify' } as RecordActionInput;
const step: StepPart[] = [
  { activity: 'recordStep', input: { action } },
  { activity: 'notifyStaff', input: { number: 'n', event: 'registered', key: 'owners', to: ['sales'] } },
  { activity: 'notifyCustomer', input: { number: 'n', event: 'owner_assigned', key: 'customer' } },
];

test('a step runs its parts in order and says each is done', async () => {
  const { parts, done } = loggingParts();
  const outcomes = await createStepActivities(parts).carryOutStep({ number: 'n', parts: step });
  expect(done).toEqual(['record:classify', 'staff:owners', 'customer:customer']);
  expect(outcomes).toEqual([{ done: true }, { done: true }, { done: true }]);
});

test('a part that fails for good is reported and the parts after it still run', async () => {
  const { parts, done } = loggingParts((what) =>
    what === 'staff:owners' ? ApplicationFailure.nonRetryable('no such mailbox', 'Rejected') : undefined,
  );
  const outcomes = await createStepActivities(parts).carryOutStep({ number: 'n', parts: step });
  expect(done).toEqual(['record:classify', 'customer:customer']);
  expect(outcomes).toEqual([{ done: true }, { done: false, error: 'no such mailbox' }, { done: true }]);
});

test('a transient failure fails the whole step, so the activity retries it (the parts are idempotent)', async () => {
  let smtpDown = true;
  const { parts, done } = loggingParts((what) =>
    what === 'customer:customer' && smtpDown ? ApplicationFailure.retryable('SMTP unreachable') : undefined,
  );
  const steps = createStepActivities(parts);
  const activity = (input: { number: string; parts: StepPart[] }) => steps.carryOutStep(input);
  await expect(activity({ number: 'n', parts: step })).rejects.toThrow('SMTP unreachable');
  smtpDown = false;
  await expect(activity({ number: 'n', parts: step })).resolves.toHaveLength(3);
  expect(done.filter((d) => d === 'customer:customer')).toHaveLength(1);
});
