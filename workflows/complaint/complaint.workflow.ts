/**
 * One complaint, from registration to archive, run by its pinned process profile. The workflow only
 * orchestrates: every rule is in the domain reducer (actions, system events); every effect it returns
 * is carried out here in order, one step at a time.
 */
import { Mutex } from 'async-mutex';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { ComplaintActivities } from '../../activities';
import { ACTION_NAMES, applyAction, checkAction, type ActionName } from '../../domain/complaint/actions';
import {
  attentionNeeded,
  newComplaintState,
  type ComplaintState,
  type Effect,
  type Refusal,
} from '../../domain/complaint/state';
import { complaintStatus } from '../../domain/complaint/status';
import { applySystemEvent, dueEvents, nextWake, type SystemEvent } from '../../domain/complaint/system-events';
import {
  applyLinkAnswer,
  checkLinkAnswer,
  isChecked,
  linkAnswerOutcome,
  questionOf,
  refuseLinkAnswer,
  type CustomerAnswerName,
  type LinkAnswer,
} from '../../domain/complaint/customer-answers';
import {
  actionUpdates,
  CUSTOMER_ANSWER_NAMES,
  customerAnswerSignals,
  linkAnswerCheckQuery,
  linkAnswerOutcomeQuery,
  linkQuestionQuery,
  statusQuery,
  type ActionRequest,
  type ComplaintWorkflowInput,
  type ComplaintWorkflowResult,
} from '../../domain/complaint-contract';
import { escalationLevelSignal } from '../../domain/escalation-contract';
import { carProgressSignal } from '../../domain/corrective-action-contract';
import { batchWindowDays } from '../../domain/severity';
import { FINAL_STAGES } from '../../domain/stages';
import { fitSummary } from '../../domain/ui-summary';
import { databaseActivityOptions } from '../activity-options';
import type { Profile } from '../../domain/profile-schema';
import { Children } from './children';
import { pinnedProfile } from './pinned-profile';
import { EffectRunner } from './effects';
import { createPublisher, publishIdentity } from './publish';
import { StepQueue } from './step-queue';
import { PATCHES } from '../patches';

const { countBatchUnits } = proxyActivities<ComplaintActivities>(databaseActivityOptions);

function refuse(refusal: Refusal): never {
  throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
}

export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintWorkflowResult> {
  const { profile, gate } = await pinnedProfile(input);
  // Complaints started before SLA clocks existed keep running without timers, ladders or clock records.
  const clocksOn = patched(PATCHES.slaClocks.id) && profile.clocks !== undefined;
  // Complaints started before it carried each step's effects out before answering; newer ones answer first.
  const answerFirst = patched(PATCHES.answerFirst.id);
  // From it, a step's records, clocks and emails go in one activity (one round trip instead of one per effect).
  const oneActivityPerStep = answerFirst && patched(PATCHES.oneActivityPerStep.id);
  const state = newComplaintState(profile, input, clocksOn);
  const publish = createPublisher();
  /** Answer-first: taken at once by handlers, so only the older complaints need a lock. */
  const lock = new Mutex();
  /** Set by every step, so the wake loop looks at the clocks again. */
  let changed = false;
  let registered = false;
  const children = new Children(input, profile, (seq, result) => {
    applySystemEvent(state, profile, { kind: 'ladderFinished', seq, result }, Date.now());
    changed = true;
  });
  const effects = new EffectRunner(state, profile, children, oneActivityPerStep);
  const queue = new StepQueue(
    () => {
      changed = true;
      publish(state, profile);
    },
    (error) => {
      // the first failure is told to the owners and operations; the status says so until staff look
      if (!state.needsAttention) queue.push(effects.prepareStep(attentionNeeded(state, error)));
      state.needsAttention = error.slice(0, 300);
      publish(state, profile);
    },
  );

  /** A step taken: its effects carried out now (older complaints) or queued behind the answer. */
  async function take(list: Effect[]): Promise<void> {
    if (!list.length) return;
    if (answerFirst) queue.push(effects.prepareStep(list));
    else await effects.carryOut(list);
    changed = true;
    publish(state, profile);
  }
  const happen = (event: SystemEvent) => take(applySystemEvent(state, profile, event, Date.now()));
  const status = () => ({ ...complaintStatus(state, profile, input.profileHash), pendingEffects: queue.pending });

  function check(name: ActionName, request: ActionRequest) {
    const checked = checkAction(state, profile, name, request.actor, request.payload);
    return 'type' in checked ? refuse(checked) : checked.payload;
  }
  async function act(name: ActionName, request: ActionRequest) {
    if (answerFirst && !registered) await condition(() => registered);
    const payload = check(name, request);
    await take(applyAction(state, profile, name, payload, request.actor, Date.now()));
    return status();
  }

  /** The customer's answer by link: taken like staff's action, or kept as refused (a signal cannot refuse). */
  async function answerByLink(name: CustomerAnswerName, link: LinkAnswer) {
    if (!registered) await condition(() => registered);
    if (linkAnswerOutcome(state, link.linkId)) return; // the same link again: its first answer stands
    const checked = checkLinkAnswer(state, profile, name, link, Date.now());
    if (isChecked(checked)) return take(applyLinkAnswer(state, profile, name, link, checked, Date.now()));
    refuseLinkAnswer(state, name, link, checked, Date.now());
    publish(state, profile);
  }

  setHandler(statusQuery, status);
  answerLinkQueries(state, profile);
  for (const name of CUSTOMER_ANSWER_NAMES) {
    const handler = (link: LinkAnswer) =>
      answerFirst ? answerByLink(name, link) : lock.runExclusive(() => answerByLink(name, link));
    setHandler(customerAnswerSignals[name], handler);
  }
  hearChildren(state, profile, (list) => {
    void take(list);
    publish(state, profile);
  });
  for (const name of ACTION_NAMES) {
    const handler = (request: ActionRequest) =>
      answerFirst ? act(name, request) : lock.runExclusive(() => act(name, request));
    // An action sent while registration is still being taken waits for it and is checked then.
    const validator = (request: ActionRequest) => void (answerFirst && !registered ? undefined : check(name, request));
    setHandler(actionUpdates[name], handler, { validator });
    gate?.pass(name, handler);
  }
  gate?.openGate();

  publishIdentity(input);
  publish(state, profile);
  await lock.runExclusive(() => register(input, profile, happen));
  registered = true;

  while (!FINAL_STAGES.includes(state.stage)) {
    changed = false;
    const wake = nextWake(state, profile);
    if (!wake) {
      await condition(() => changed);
      continue;
    }
    const woken = await condition(() => changed, Math.max(0, wake.at - Date.now()), {
      summary: fitSummary(wake.summary),
    });
    if (woken) continue;
    await lock.runExclusive(async () => {
      for (const event of dueEvents(state, Date.now())) await happen(event);
    });
  }

  await condition(allHandlersFinished);
  await queue.idle();
  await children.laddersFinished();
  const emergency = await children.finishEmergency(state.closeReason ?? 'closed');
  if (emergency) await happen({ kind: 'emergencyFinished', result: emergency });
  await happen({ kind: 'archive', closedAt: new Date().toISOString() });
  await queue.idle();
  return resultOf(input, state);
}

function resultOf(input: ComplaintWorkflowInput, state: ComplaintState): ComplaintWorkflowResult {
  return {
    number: input.number,
    finalStage: state.stage,
    closedAt: state.history.at(-1)!.at,
    reason: state.closeReason ?? 'closed',
    reopenedAs: state.reopenedAs,
  };
}

/** The customer's page asks the complaint whether a link's question is open and how an answer went. */
function answerLinkQueries(state: ComplaintState, profile: Profile): void {
  setHandler(linkAnswerCheckQuery, (name, link) => {
    const checked = checkLinkAnswer(state, profile, name, link, Date.now());
    return isChecked(checked) ? { ok: true } : { ok: false, refusal: checked };
  });
  setHandler(linkQuestionQuery, (purpose, link) => {
    const question = questionOf(state, profile, purpose, link, Date.now());
    return 'code' in question ? { ok: false, refusal: question } : { ok: true, question };
  });
  setHandler(linkAnswerOutcomeQuery, (linkId) => linkAnswerOutcome(state, linkId) ?? null);
}

/** What the complaint's children tell it: an 8D's progress, an escalation ladder's level (its effects to `take`). */
function hearChildren(state: ComplaintState, profile: Profile, take: (effects: Effect[]) => void): void {
  setHandler(carProgressSignal, (progress) => {
    const car = state.correctiveActions.find((c) => c.number === progress.number);
    if (car) car.progress = progress;
  });
  setHandler(escalationLevelSignal, ({ clock, level }) => {
    // a profile's clock rules may start a clock when a ladder reaches a role (002 §4.3): its effects queue
    // behind the answer (older profiles' ladders change nothing but the level)
    take(applySystemEvent(state, profile, { kind: 'escalationLevel', level, clock }, Date.now()));
  });
}

/** Registration: the batch count for the batch-defect rule, then the registration step. */
async function register(
  input: ComplaintWorkflowInput,
  profile: Profile,
  happen: (event: SystemEvent) => Promise<void>,
) {
  const windowDays = batchWindowDays(profile);
  const batchDefectiveUnits =
    windowDays && input.batchNumber
      ? await countBatchUnits({
          batchNumber: input.batchNumber,
          productModel: input.productModel,
          windowDays,
          until: input.registeredAt,
        })
      : undefined;
  await happen({
    kind: 'registered',
    registeredAt: input.registeredAt,
    facts: input.facts,
    batchDefectiveUnits,
    registeredBy: input.registeredBy,
  });
}
