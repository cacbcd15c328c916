/**
 * One corrective action (8D / CAPA), from opening to closure: each discipline a validated update with its
 * own clock (warning, breach, escalation ladder), approvals per block, steps back, effectiveness verified
 * after implementation with a new round when it was not effective, the 8D report to the customer at the end.
 * Rules live in domain/corrective-action; this file only orchestrates.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import {
  CAR_ACTION_NAMES,
  carActionUpdates,
  carSearchAttributes,
  carStatusQuery,
  carTags,
  type CarActionName,
  type CarActionRequest,
  type CorrectiveActionInput,
  type CorrectiveActionResult,
} from '../../domain/corrective-action-contract';
import { searchAttributes } from '../../domain/complaint-contract';
import { isOverdue } from '../../domain/clocks';
import { applyCarAction, checkCarAction } from '../../domain/corrective-action/actions';
import {
  clocksDue,
  escalationLevelReached,
  ladderFinished,
  nextCarWake,
  opened,
} from '../../domain/corrective-action/events';
import { newCarState, type CarEffect, type CarState } from '../../domain/corrective-action/state';
import { carStatus } from '../../domain/corrective-action/status';
import { escalationLevelSignal } from '../../domain/escalation-contract';
import { StepQueue } from '../complaint/step-queue';
import { CarEffects } from './effects';
import { carDetails, carTimerSummary } from './web-ui';

const finished = (state: CarState) => state.phase === 'closed' || state.phase === 'cancelled';

export async function correctiveActionWorkflow(input: CorrectiveActionInput): Promise<CorrectiveActionResult> {
  const { profile } = input;
  const state = newCarState(input);
  let changed = false;
  const publish = createCarPublisher(input);
  const effects = new CarEffects(state, input, (seq) => {
    ladderFinished(state, seq);
    changed = true;
  });
  const queue = new StepQueue(
    () => {
      changed = true;
      publish(state);
    },
    (error) => {
      state.needsAttention = error.slice(0, 300);
      publish(state);
    },
  );
  const take = (list: CarEffect[]) => {
    queue.push(effects.prepare(list));
    changed = true;
    publish(state);
  };
  const status = () => ({ ...carStatus(state, input), pendingEffects: queue.pending });
  const check = (name: CarActionName, request: CarActionRequest) => {
    const checked = checkCarAction(state, profile, name, request.actor, request.payload);
    if ('type' in checked)
      throw ApplicationFailure.create({ type: checked.type, message: checked.message, nonRetryable: true });
    return checked.payload;
  };

  setHandler(carStatusQuery, status);
  setHandler(escalationLevelSignal, ({ level }) => {
    escalationLevelReached(state, level);
    publish(state);
  });
  for (const name of CAR_ACTION_NAMES) {
    const handler = (request: CarActionRequest) => {
      take(applyCarAction(state, profile, name, check(name, request), request.actor, Date.now()));
      return status();
    };
    setHandler(carActionUpdates[name], handler, {
      validator: (request: CarActionRequest) => void check(name, request),
    });
  }

  take(opened(state, input, Date.now()));
  while (!finished(state)) {
    changed = false;
    const wake = nextCarWake(state);
    if (wake === undefined) {
      await condition(() => changed);
      continue;
    }
    const summary = carTimerSummary(state, profile, wake);
    if (await condition(() => changed, Math.max(0, wake - Date.now()), { summary })) continue;
    take(clocksDue(state, profile, Date.now()));
  }

  await condition(allHandlersFinished);
  await queue.idle();
  await condition(() => effects.laddersRunning() === 0);
  return {
    number: state.number,
    phase: state.phase as 'closed' | 'cancelled',
    rounds: state.round,
    closedAt: state.closedAt!,
    reason: state.closeReason!,
  };
}

/** Search attributes (only those that changed) and the Web UI's current details (what it is, where it stands). */
function createCarPublisher(input: CorrectiveActionInput): (state: CarState) => void {
  const sent = new Map<string, string>();
  if (input.complaintNumber)
    upsertSearchAttributes([{ key: searchAttributes.complaintNumber, value: input.complaintNumber }]);
  return (state) => {
    const pairs: SearchAttributeUpdatePair[] = [
      {
        key: carSearchAttributes.tags,
        value: carTags({
          phase: state.phase,
          discipline: state.current,
          owner: state.owner.role,
          source: input.source,
        }),
      },
      { key: carSearchAttributes.overdue, value: isOverdue(state.deadlines) },
      { key: searchAttributes.department, value: state.owner.department },
    ];
    const fresh = pairs.filter((pair) => {
      const value = JSON.stringify(pair.value);
      if (sent.get(pair.key.name) === value) return false;
      sent.set(pair.key.name, value);
      return true;
    });
    if (fresh.length) upsertSearchAttributes(fresh);
    setCurrentDetails(carDetails(state, input));
  };
}
