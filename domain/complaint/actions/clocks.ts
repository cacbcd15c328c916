/** Clock actions: pause and resume (waiting on the customer, force majeure), escalation, the emergency plan. */
import { z } from '../../lazy-zod';
import { ESCALATION_REASONS } from '../../labels';
import { pauseClocks as pauseAll, resumeClocks as resumeAll } from '../../clocks';
import { defineAction, fixedRoles, OPEN_STAGES, text } from '../define-action';
import { startLadder } from '../transitions';

const iso = (ms: number) => new Date(ms).toISOString();

export const pauseClocks = defineAction({
  stages: OPEN_STAGES,
  roles: fixedRoles('customer_service', 'sales', 'quality_manager'),
  schema: () => z.object({ reason: z.enum(['waiting_on_customer', 'force_majeure']), note: text() }).strict(),
  unavailable: (state) =>
    state.clocksPaused ? `the clocks are already paused (${state.clocksPaused.reason})` : undefined,
  apply(step, p) {
    pauseAll(step.state.deadlines, step.nowMs);
    step.state.clocksPaused = { at: iso(step.nowMs), reason: p.reason, note: p.note };
    step.form('clock_pause', p);
    if (p.reason === 'force_majeure') step.tellCustomer('force_majeure', p.note);
  },
});

export const resumeClocks = defineAction({
  stages: OPEN_STAGES,
  roles: fixedRoles('customer_service', 'sales', 'quality_manager'),
  schema: () => z.object({ note: text().optional() }).strict(),
  unavailable: (state) => (state.clocksPaused ? undefined : 'the clocks are not paused'),
  apply(step, p) {
    const { state } = step;
    step.form('clock_resume', { ...p, pausedSince: state.clocksPaused?.at, reason: state.clocksPaused?.reason });
    resumeAll(step.profile, state.deadlines, step.nowMs);
    state.clocksPaused = undefined;
  },
});

export const escalate = defineAction({
  stages: OPEN_STAGES,
  roles: fixedRoles('customer_service', 'sales', 'technical_support', 'quality_manager'),
  schema: () => z.object({ reason: z.enum(['customer_agitated', 'safety_issue']), note: text() }).strict(),
  apply(step, p) {
    step.form('escalation_request', p);
    const why = ESCALATION_REASONS[p.reason];
    const label = { 'zh-CN': `${why['zh-CN']}：${p.note}`, en: `${why.en}: ${p.note}` };
    step.effects.push(startLadder(step.state, `manual-${step.state.actionSeq}`, `${p.reason}: ${p.note}`, label));
  },
});

export const recordTemporaryPlan = defineAction({
  stages: OPEN_STAGES,
  roles: fixedRoles('quality_manager', 'technical_support', 'department_head'),
  schema: () => z.object({ plan: text() }).strict(),
  unavailable(state) {
    if (!state.emergency) return 'no emergency response is running for this complaint';
    return state.emergency.temporaryPlanAt ? 'the temporary plan is already recorded' : undefined;
  },
  apply(step, p) {
    const temporaryPlanAt = iso(step.nowMs);
    step.state.emergency!.temporaryPlanAt = temporaryPlanAt;
    step.form('temporary_plan', p);
    step.effects.push({ kind: 'signalEmergency', temporaryPlanAt });
  },
});
