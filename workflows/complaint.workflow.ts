import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';
import { ACTION_NAMES } from '../domain/actions';
import {
  actionUpdates,
  searchAttributes,
  statusQuery,
  type ActionRequest,
  type ComplaintStatus,
  type ComplaintWorkflowInput,
  type ComplaintWorkflowResult,
} from '../domain/complaint-contract';
import { durationMs } from '../domain/duration';
import {
  applyAction,
  checkAction,
  close,
  enterStage,
  initialState,
  meetDeadline,
  openActions,
  runningDeadlines,
  type ComplaintState,
  type Effect,
} from '../domain/lifecycle';
import type { Actor } from '../domain/roles';
import { batchWindowDays, evaluateSeverity } from '../domain/severity';
import { FINAL_STAGES, STAGE_LABELS, type Stage } from '../domain/stages';
import { dueAt } from '../domain/working-time';

const retry = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
const { notifyCustomer, notifyStaff } = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '15 seconds',
  retry,
});
const { recordAction, countBatchUnits, archiveComplaint } = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '10 seconds',
  retry,
});

const SYSTEM: Actor = { id: 'system', role: 'admin' };

/** One complaint, from registration to archive, run by its pinned process profile. */
export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintWorkflowResult> {
  const { profile, number } = input;
  const registeredMs = Date.parse(input.registeredAt);
  const state: ComplaintState = initialState(profile, {
    number,
    registeredAt: input.registeredAt,
    channel: input.channel,
    warranty: input.warranty,
    facts: input.facts,
  });
  let actionSeq = 0;
  let version = 0;
  let busy = false;

  const status = (): ComplaintStatus => ({
    number,
    profile: { id: profile.id, version: profile.version, hash: input.profileHash },
    stage: state.stage,
    statusLine: statusLine(),
    severity: state.severity,
    severityReasons: state.severityReasons,
    type: state.type,
    department: state.department,
    ownerRoles: state.ownerRoles,
    warranty: state.warranty,
    serviceMode: state.serviceMode,
    objectionRounds: state.objectionRounds,
    openActions: openActions(state, profile),
    deadlines: runningDeadlines(state),
    history: state.history.slice(-30),
    closeReason: state.closeReason,
    reopenedAs: state.reopenedAs,
  });

  function statusLine(): string {
    const next = runningDeadlines(state)[0];
    if (!next) return STAGE_LABELS[state.stage];
    const due = new Intl.DateTimeFormat('sv-SE', {
      timeZone: profile.calendar.timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(next.dueAt));
    return `${STAGE_LABELS[state.stage]} — ${next.name.replace(/_/g, ' ')} due ${due}`;
  }

  function publish(): void {
    const next = runningDeadlines(state)[0];
    const pairs: SearchAttributeUpdatePair[] = [
      { key: searchAttributes.stage, value: state.stage },
      { key: searchAttributes.severity, value: state.severity },
      { key: searchAttributes.profile, value: profile.id },
      { key: searchAttributes.overdue, value: false },
      { key: searchAttributes.nextDeadline, value: next ? new Date(next.dueAt) : null },
    ];
    if (state.type) pairs.push({ key: searchAttributes.type, value: state.type });
    if (state.department) pairs.push({ key: searchAttributes.department, value: state.department });
    upsertSearchAttributes(pairs);
    setCurrentDetails(statusLine());
  }

  async function carryOut(effects: Effect[], action: string, actor: Actor, before: Stage): Promise<void> {
    actionSeq += 1;
    const seq = actionSeq;
    const forms = effects.flatMap((e) => (e.kind === 'form' ? [{ kind: e.form, data: e.data }] : []));
    await recordAction({
      number,
      seq,
      action,
      actor,
      stageBefore: before,
      stageAfter: state.stage,
      at: new Date().toISOString(),
      forms,
      snapshot: {
        stage: state.stage,
        severity: state.severity,
        type: state.type,
        department: state.department,
        ownerRoles: state.ownerRoles,
      },
    });
    for (const effect of effects) {
      if (effect.kind === 'notifyCustomer') {
        await notifyCustomer({
          number,
          event: effect.event,
          key: `${effect.event}#${seq}`,
          note: effect.note,
          values: values(),
        });
      } else if (effect.kind === 'notifyStaff') {
        await notifyStaff({
          number,
          event: effect.event,
          key: `${effect.event}#${seq}`,
          to: effect.to,
          note: effect.note,
        });
      }
    }
    version += 1;
    publish();
  }

  const scale =
    profile.satisfaction.kind === 'score'
      ? `${profile.satisfaction.min}–${profile.satisfaction.max}`
      : profile.satisfaction.levels.map((l) => l.label.en).join(' / ');
  /** Template values only the workflow knows: severity, owner deadline, satisfaction scale, retention. */
  const values = () => ({
    severity: state.severity,
    due: runningDeadlines(state)[0]?.dueAt,
    scale,
    retention: String(profile.retentionYears),
  });

  function refuse(refusal: { type: string; message: string }): never {
    throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
  }

  setHandler(statusQuery, status);
  for (const name of ACTION_NAMES) {
    setHandler(
      actionUpdates[name],
      async (request: ActionRequest) => {
        await condition(() => !busy);
        busy = true;
        try {
          const checked = checkAction(state, profile, name, request.actor, request.payload);
          if ('type' in checked) refuse(checked);
          const before = state.stage;
          const effects = applyAction(state, profile, name, checked.payload, request.actor, Date.now());
          await carryOut(effects, name, request.actor, before);
        } finally {
          busy = false;
        }
        return status();
      },
      {
        validator: (request: ActionRequest) => {
          const checked = checkAction(state, profile, name, request.actor, request.payload);
          if ('type' in checked) refuse(checked);
        },
      },
    );
  }

  upsertSearchAttributes([
    { key: searchAttributes.complaintNumber, value: number },
    { key: searchAttributes.customer, value: input.customerName },
    { key: searchAttributes.productModel, value: input.productModel },
    ...(input.batchNumber ? [{ key: searchAttributes.batch, value: input.batchNumber }] : []),
  ]);
  publish();

  // Registration: batch count for the batch-defect rule, acknowledgement, the departments told.
  const windowDays = batchWindowDays(profile);
  if (windowDays && input.batchNumber) {
    state.batchDefectiveUnits = await countBatchUnits({
      batchNumber: input.batchNumber,
      windowDays,
      until: input.registeredAt,
    });
    const verdict = evaluateSeverity(profile, { ...input.facts, batchDefectiveUnits: state.batchDefectiveUnits });
    state.severity = verdict.severity;
    state.severityReasons = verdict.reasons;
    const response = profile.deadlines.responseBySeverity?.[state.severity];
    if (response) {
      state.deadlines = state.deadlines.filter((d) => d.name !== 'response');
      state.deadlines.push({
        name: 'response',
        startedAt: input.registeredAt,
        dueAt: new Date(dueAt(registeredMs, response, profile.calendar)).toISOString(),
      });
    }
  }
  const promised = runningDeadlines(state).find(
    (d) => d.name === 'first_contact' || d.name === 'response' || d.name === 'answer',
  );
  await notifyCustomer({
    number,
    event: 'acknowledgement',
    key: 'acknowledgement',
    values: { promise: promised?.dueAt },
  });
  meetDeadline(state, 'acknowledge', Date.now());
  const told = [...profile.notifications.onRegistration, ...profile.notifications.copyOnRegistration];
  if (told.length) await notifyStaff({ number, event: 'registered', key: 'registered', to: told, values: values() });
  meetDeadline(state, 'notify_owners', Date.now());
  enterStage(state, profile, 'triage', Date.now(), { action: 'register', actor: SYSTEM.id });
  await carryOut([], 'register', SYSTEM, 'registered');

  // Timers of the stages that wait on time rather than on people.
  while (!FINAL_STAGES.includes(state.stage)) {
    const seen = version;
    const stage = state.stage;
    const timeout =
      stage === 'invalid_notice' && profile.invalidComplaint
        ? durationMs(profile.invalidComplaint.objectionWindow, Date.now(), profile.calendar)
        : stage === 'execution' && profile.progressUpdateEvery
          ? durationMs(profile.progressUpdateEvery, Date.now(), profile.calendar)
          : undefined;
    let changed = true;
    if (timeout === undefined) await condition(() => version !== seen);
    else changed = await condition(() => version !== seen, timeout);
    if (changed || busy) continue;
    await condition(() => !busy);
    busy = true;
    try {
      if (state.stage === 'invalid_notice') {
        const effects: Effect[] = [];
        close(
          state,
          profile,
          effects,
          Date.now(),
          'invalid; no objection within the window',
          SYSTEM,
          'objection_window_elapsed',
        );
        await carryOut(effects, 'objection_window_elapsed', SYSTEM, 'invalid_notice');
      } else if (state.stage === 'execution') {
        state.progressReports += 1;
        await carryOut(
          [
            {
              kind: 'notifyCustomer',
              event: 'progress',
              seq: state.progressReports,
              note: 'scheduled progress report',
            },
          ],
          'scheduled_progress_report',
          SYSTEM,
          'execution',
        );
      }
    } finally {
      busy = false;
    }
  }

  await condition(allHandlersFinished);
  const closedAt = new Date().toISOString();
  await archiveComplaint({
    number,
    closedAt,
    retentionYears: profile.retentionYears,
    reason: state.closeReason ?? 'closed',
  });
  enterStage(state, profile, 'archived', Date.now(), { action: 'archive', actor: SYSTEM.id });
  await carryOut([], 'archive', SYSTEM, 'closed');

  return {
    number,
    finalStage: state.stage,
    closedAt,
    reason: state.closeReason ?? 'closed',
    reopenedAs: state.reopenedAs,
  };
}
