import type { SearchAttributeUpdatePair } from '@temporalio/common';
import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { ComplaintActivities } from '../activities';
import { ACTION_NAMES } from '../domain/actions';
import { isOverdue, nextClockEvent, takeDueClockEvents, type Deadline } from '../domain/clocks';
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
import { complaintClosedSignal, emergencyWorkflowId, temporaryPlanSignal } from '../domain/emergency-contract';
import {
  escalationLevelSignal,
  escalationWorkflowId,
  stopEscalationSignal,
  type EscalationResult,
} from '../domain/escalation-contract';
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
import { recomputeForSeverity, newClock } from '../domain/clocks';
import { retentionWorkflowId } from '../domain/retention-contract';
import { FINAL_STAGES, STAGE_LABELS, type Stage } from '../domain/stages';
import { databaseActivityOptions, mailActivityOptions } from './activity-options';
import { emergencyWorkflow } from './emergency.workflow';
import { escalationWorkflow } from './escalation.workflow';
import { retentionWorkflow } from './retention.workflow';

const { notifyCustomer, notifyStaff } = proxyActivities<ComplaintActivities>(mailActivityOptions);
const { recordAction, recordClocks, countBatchUnits, archiveComplaint } =
  proxyActivities<ComplaintActivities>(databaseActivityOptions);

const SYSTEM: Actor = { id: 'system', role: 'admin' };
/** The emergency response runs its own clock and escalation; the generic ladder leaves it alone. */
const TEMPORARY_PLAN_CLOCK = 'temporary_plan';

interface Ladder {
  handle: ChildWorkflowHandle<typeof escalationWorkflow>;
  clock: string;
  stage: Stage;
  stopping: boolean;
}

/** One complaint, from registration to archive, run by its pinned process profile, every deadline a clock. */
export async function complaintWorkflow(input: ComplaintWorkflowInput): Promise<ComplaintWorkflowResult> {
  const { profile, number } = input;
  // Complaints started before SLA clocks existed keep running without timers, ladders or clock records.
  const clocksOn = patched('sla-clocks') && profile.clocks !== undefined;
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
  let ladderSeq = 0;
  const ladders: Ladder[] = [];
  const finishedLadders: EscalationResult[] = [];
  let emergency: ChildWorkflowHandle<typeof emergencyWorkflow> | undefined;

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
    clocksPaused: state.clocksPaused,
    overdue: isOverdue(state.deadlines),
    escalationLevel: state.escalationLevel,
    history: state.history.slice(-30),
    closeReason: state.closeReason,
    reopenedAs: state.reopenedAs,
  });

  const nextDue = (): Deadline | undefined => runningDeadlines(state).find((d) => !d.pausedAt);

  function statusLine(): string {
    if (state.clocksPaused)
      return `${STAGE_LABELS[state.stage]} — clocks paused (${state.clocksPaused.reason.replace(/_/g, ' ')})`;
    const next = nextDue();
    if (!next) return STAGE_LABELS[state.stage];
    const due = new Intl.DateTimeFormat('sv-SE', {
      timeZone: profile.calendar.timeZone,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(next.dueAt));
    const late = next.breachedAt ? ' (OVERDUE)' : '';
    return `${STAGE_LABELS[state.stage]} — ${next.name.replace(/_/g, ' ')} due ${due}${late}`;
  }

  function publish(): void {
    const next = nextDue();
    const pairs: SearchAttributeUpdatePair[] = [
      { key: searchAttributes.stage, value: state.stage },
      { key: searchAttributes.severity, value: state.severity },
      { key: searchAttributes.profile, value: profile.id },
      { key: searchAttributes.overdue, value: isOverdue(state.deadlines) },
      { key: searchAttributes.nextDeadline, value: next ? new Date(next.dueAt) : null },
      { key: searchAttributes.escalationLevel, value: state.escalationLevel },
    ];
    if (state.type) pairs.push({ key: searchAttributes.type, value: state.type });
    if (state.department) pairs.push({ key: searchAttributes.department, value: state.department });
    upsertSearchAttributes(pairs);
    setCurrentDetails(statusLine());
  }

  const scale =
    profile.satisfaction.kind === 'score'
      ? `${profile.satisfaction.min}–${profile.satisfaction.max}`
      : profile.satisfaction.levels.map((l) => l.label.en).join(' / ');
  /** Template values only the workflow knows: severity, next deadline, satisfaction scale, retention. */
  const values = (due = nextDue()?.dueAt) => ({
    severity: state.severity,
    due,
    scale,
    retention: String(profile.retentionYears),
  });

  function owners(): string[] {
    if (state.ownerRoles.length) return [...state.ownerRoles];
    return [...(profile.clocks?.escalation[0]?.notify ?? [])];
  }

  async function saveClocks(): Promise<void> {
    if (!clocksOn) return;
    await recordClocks({
      number,
      department: state.department ?? 'unassigned',
      owner: state.ownerRoles.join(',') || 'unassigned',
      clocks: state.deadlines,
    });
  }

  async function startLadder(clock: string, reason: string): Promise<void> {
    ladderSeq += 1;
    const handle = await startChild(escalationWorkflow, {
      workflowId: escalationWorkflowId(number, clock, ladderSeq),
      args: [
        {
          number,
          parentWorkflowId: workflowInfo().workflowId,
          clock,
          seq: ladderSeq,
          reason,
          levels: profile.clocks.escalation,
          calendar: profile.calendar,
        },
      ],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
    });
    const ladder: Ladder = { handle, clock, stage: state.stage, stopping: false };
    ladders.push(ladder);
    void handle.result().then((result) => {
      finishedLadders.push(result);
      ladders.splice(ladders.indexOf(ladder), 1);
      version += 1;
    });
  }

  /** Stops ladders whose clock was met, or — for ladders staff started — once the stage moved on. */
  async function stopSettledLadders(): Promise<void> {
    for (const ladder of [...ladders]) {
      if (ladder.stopping) continue;
      const clock = state.deadlines.find((d) => d.name === ladder.clock && d.breachedAt);
      const settled = clock
        ? clock.metAt !== undefined
        : state.stage !== ladder.stage || FINAL_STAGES.includes(state.stage);
      if (settled) {
        ladder.stopping = true;
        await ladder.handle.signal(
          stopEscalationSignal,
          clock ? `${ladder.clock} met` : `complaint moved to ${state.stage}`,
        );
      }
    }
  }

  async function startEmergencyIfNeeded(): Promise<void> {
    const rule = clocksOn ? profile.clocks.emergency : undefined;
    if (!rule || state.emergency || !rule.severities.includes(state.severity) || FINAL_STAGES.includes(state.stage))
      return;
    const now = Date.now();
    state.emergency = { startedAt: new Date(now).toISOString() };
    state.deadlines.push(newClock(profile, TEMPORARY_PLAN_CLOCK, rule.temporaryPlan, now));
    emergency = await startChild(emergencyWorkflow, {
      workflowId: emergencyWorkflowId(number),
      args: [
        {
          number,
          severity: state.severity,
          notify: rule.notify,
          temporaryPlan: rule.temporaryPlan,
          escalateTo: profile.clocks.escalation.at(-1)!.notify,
          calendar: profile.calendar,
        },
      ],
      parentClosePolicy: ParentClosePolicy.TERMINATE,
    });
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
    await startEmergencyIfNeeded();
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
          values: values(),
        });
      } else if (effect.kind === 'escalate') {
        await startLadder(`manual-${seq}`, effect.reason);
      } else if (effect.kind === 'emergencyPlanRecorded') {
        meetDeadline(state, TEMPORARY_PLAN_CLOCK, Date.now());
        await emergency?.signal(temporaryPlanSignal, state.emergency!.temporaryPlanAt!);
      }
    }
    await saveClocks();
    await stopSettledLadders();
    version += 1;
    publish();
  }

  /** Warnings and breaches whose time has come: each once, at its instant. */
  async function fireClocks(): Promise<void> {
    const events = takeDueClockEvents(state.deadlines, Date.now());
    if (!events.length) return;
    for (const { kind, clock } of events) {
      const key = `${kind}:${clock.name}:${clock.startedAt}`;
      if (kind === 'warning') {
        await notifyStaff({
          number,
          event: 'sla_warning',
          key,
          to: owners(),
          note: clock.name.replace(/_/g, ' '),
          values: values(clock.dueAt),
        });
      } else if (clock.name !== TEMPORARY_PLAN_CLOCK) {
        state.history.push({
          stage: state.stage,
          at: clock.dueAt,
          action: 'deadline_missed',
          actor: SYSTEM.id,
          note: clock.name,
        });
        await startLadder(clock.name, `${clock.name.replace(/_/g, ' ')} missed (due ${clock.dueAt})`);
      }
    }
    await saveClocks();
    version += 1;
    publish();
  }

  function refuse(refusal: { type: string; message: string }): never {
    throw ApplicationFailure.create({ type: refusal.type, message: refusal.message, nonRetryable: true });
  }

  setHandler(statusQuery, status);
  setHandler(escalationLevelSignal, ({ level }) => {
    if (level > state.escalationLevel) state.escalationLevel = level;
    publish();
  });
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
    recomputeForSeverity(profile, state.deadlines, state.severity, registeredMs);
    if (!state.deadlines.some((d) => d.name === 'response')) {
      const response = profile.deadlines.responseBySeverity?.[state.severity];
      if (response) state.deadlines.push(newClock(profile, 'response', response, registeredMs, 'responseBySeverity'));
    }
  }
  const promised = runningDeadlines(state).find((d) => ['first_contact', 'response', 'answer'].includes(d.name));
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

  /** When the complaint was found invalid: the objection window counts from then, whatever happens meanwhile. */
  const invalidSince = () => Date.parse(state.history.filter((entry) => entry.stage === 'invalid_notice').at(-1)!.at);

  // Wait for people, for the stage timers (objection window, progress cadence) and for the clocks.
  while (!FINAL_STAGES.includes(state.stage)) {
    const seen = version;
    const now = Date.now();
    const stageTimer =
      state.stage === 'invalid_notice' && profile.invalidComplaint
        ? invalidSince() + durationMs(profile.invalidComplaint.objectionWindow, invalidSince(), profile.calendar)
        : state.stage === 'execution' && profile.progressUpdateEvery
          ? now + durationMs(profile.progressUpdateEvery, now, profile.calendar)
          : undefined;
    const clockEvent = clocksOn ? nextClockEvent(state.deadlines) : undefined;
    const wakeAt = [stageTimer, clockEvent]
      .filter((t): t is number => t !== undefined)
      .reduce((a, b) => Math.min(a, b), Infinity);
    let changed = true;
    if (wakeAt === Infinity) await condition(() => version !== seen);
    else changed = await condition(() => version !== seen, Math.max(0, wakeAt - now));
    if (changed) continue;
    await condition(() => !busy);
    busy = true;
    try {
      if (clockEvent !== undefined && clockEvent <= Date.now()) await fireClocks();
      if (stageTimer !== undefined && stageTimer <= Date.now()) {
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
      }
    } finally {
      busy = false;
    }
  }

  await condition(allHandlersFinished);
  await condition(() => ladders.length === 0);
  const endForms: Effect[] = finishedLadders.map((r) => ({ kind: 'form', form: 'escalation', data: r }));
  if (emergency) {
    await emergency.signal(complaintClosedSignal, state.closeReason ?? 'closed');
    endForms.push({ kind: 'form', form: 'emergency', data: await emergency.result() });
  }
  const closedAt = new Date().toISOString();
  await archiveComplaint({
    number,
    closedAt,
    retentionYears: profile.retentionYears,
    reason: state.closeReason ?? 'closed',
  });
  if (clocksOn && patched('retention-timer')) {
    const retainUntil = new Date(closedAt);
    retainUntil.setUTCFullYear(retainUntil.getUTCFullYear() + profile.retentionYears);
    // Outlives this workflow on purpose: the retention clock runs for years after the archive.
    await startChild(retentionWorkflow, {
      workflowId: retentionWorkflowId(number),
      args: [{ number, retainUntil: retainUntil.toISOString() }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  enterStage(state, profile, 'archived', Date.now(), { action: 'archive', actor: SYSTEM.id });
  await carryOut(endForms, 'archive', SYSTEM, 'closed');

  return {
    number,
    finalStage: state.stage,
    closedAt,
    reason: state.closeReason ?? 'closed',
    reopenedAs: state.reopenedAs,
  };
}
