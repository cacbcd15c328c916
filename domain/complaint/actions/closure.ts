/** Closure: the satisfaction callback, the follow-up, reopening as a new complaint, withdrawal. */
import type * as Zod from 'zod';
import { lazy, z } from '../../lazy-zod';
import { CLOSE_REASONS, label, type Label } from '../../labels';
import type { Profile } from '../../profile-schema';
import { defineAction, fixedRoles, OPEN_STAGES, text } from '../define-action';
import { creditOf } from '../performance-credit';
import { hasStage } from '../transitions';

/** The survey's answer, as staff record it and as the customer gives it by link. */
export const surveySchema = lazy(() =>
  z
    .object({
      level: z.string().min(1).optional(),
      score: z.number().optional(),
      comments: text().optional(),
      reason: text().optional(),
      /** 002 §7.1: the customer praised the handling, in their words. */
      praise: text().optional(),
      /** 003 §2.4.1: the engineer's attitude, punctuality and how well the fault was resolved, on the survey's scale. */
      aspects: z
        .object({ attitude: z.number().int(), punctuality: z.number().int(), resolution: z.number().int() })
        .strict()
        .optional(),
    })
    .strict(),
);

const ASPECT_NAMES = {
  attitude: ['服务态度', 'attitude'],
  punctuality: ['及时性', 'punctuality'],
  resolution: ['解决效果', 'resolution'],
} as const;

function aspectsRefusal(aspects: Record<string, number> | undefined, min: number, max: number): string | undefined {
  const out = Object.entries(aspects ?? {}).find(([, v]) => v < min || v > max);
  return out && `aspects.${out[0]}: a whole number from ${min} to ${max}`;
}

/** The survey's result as the service team reads it: the score or level, the aspects, the reason. */
function surveyNote(profile: Profile, p: Zod.infer<ReturnType<typeof surveySchema>>): Label {
  const scale = profile.satisfaction;
  const score = `${p.score}/${scale.kind === 'score' ? scale.max : ''}`;
  const overall = (scale.kind === 'levels' && scale.levels.find((l) => l.id === p.level)?.label) || label(score, score);
  const aspects = Object.entries(ASPECT_NAMES).flatMap(([k, name]) =>
    p.aspects ? [[name, p.aspects[k as keyof typeof ASPECT_NAMES]] as const] : [],
  );
  const zh = [`总体 ${overall['zh-CN']}`, ...aspects.map(([[zhName], v]) => `${zhName} ${v}`)].join('，');
  const en = [`overall ${overall.en}`, ...aspects.map(([[, enName], v]) => `${enName} ${v}`)].join(', ');
  return p.reason ? label(`${zh}（原因：${p.reason}）`, `${en} (reason: ${p.reason})`) : label(zh, en);
}

function isSatisfied(profile: Profile, survey: Zod.infer<ReturnType<typeof surveySchema>>): boolean {
  const scale = profile.satisfaction;
  return scale.kind === 'levels' ? scale.satisfied.includes(survey.level!) : survey.score! >= scale.followUpBelow;
}

export const recordSurvey = defineAction({
  stages: ['satisfaction'],
  customersAnswer: true,
  roles: fixedRoles('customer_service'),
  schema: surveySchema,
  refuse(_state, profile, p, actor) {
    const scale = profile.satisfaction;
    if (scale.kind === 'levels') {
      if (!p.level || !scale.levels.some((l) => l.id === p.level))
        return `level must be one of ${scale.levels.map((l) => l.id).join(', ')}`;
      if (!scale.satisfied.includes(p.level) && !p.reason)
        return 'a reason is required when the customer is not satisfied';
      return aspectsRefusal(p.aspects, 1, 10);
    }
    if (p.score === undefined || p.score < scale.min || p.score > scale.max || !Number.isInteger(p.score))
      return `score must be a whole number from ${scale.min} to ${scale.max}`;
    if (p.score < scale.followUpBelow && !p.reason)
      return `a reason is required for a score below ${scale.followUpBelow}`;
    if (!p.aspects && scale.aspects && actor.role !== 'customer')
      return 'aspects: the callback scores attitude, punctuality and resolution';
    return aspectsRefusal(p.aspects, scale.min, scale.max);
  },
  apply(step, p) {
    const { state, profile } = step;
    state.satisfied = isSatisfied(profile, p);
    step.form('survey', { ...p, satisfied: state.satisfied });
    // 002 §7.1: the customer's own praise is credited to the department that handled it
    if (p.praise && profile.performance?.praise) step.form('praise', creditOf(state, p.praise));
    // 003 §2.4.1: every result goes to the service team leader, not only the bad ones
    const told = profile.notifications.onSurvey ?? [];
    if (told.length) step.tellStaff('survey_result', told, surveyNote(profile, p));
    const followUp = hasStage(profile, state, 'follow_up');
    if (!state.satisfied) {
      step.tellStaff('low_satisfaction', [...state.ownerRoles, 'department_head'], p.reason);
      if (profile.closeWhen === 'final_decision') step.close(CLOSE_REASONS.finalDecision);
      // 004 §5.3 b): a customer still not satisfied is taken up as a new complaint, opened here and now
      else if (!followUp) {
        step.effects.push({ kind: 'openLinkedComplaint', reason: p.reason ?? CLOSE_REASONS.newComplaint.en });
        step.close(CLOSE_REASONS.newComplaint);
      } else step.move('follow_up', p.reason);
    } else if (profile.followUpCall && followUp) {
      step.move('follow_up', 'follow-up call scheduled');
    } else {
      step.close(CLOSE_REASONS.satisfied);
    }
  },
});

export const recordFollowUp = defineAction({
  stages: ['follow_up'],
  roles: fixedRoles('customer_service'),
  schema: () => z.object({ resolved: z.boolean(), note: text() }).strict(),
  apply(step, p) {
    step.form('follow_up', p);
    if (p.resolved) step.close(CLOSE_REASONS.followUpResolved);
    else step.trigger('follow_up_unresolved');
  },
});

export const reopen = defineAction({
  stages: ['verification', 'satisfaction', 'follow_up'],
  roles: fixedRoles('customer_service', 'sales'),
  schema: () => z.object({ reason: text(), newNumber: z.string().min(1) }).strict(),
  apply(step, p) {
    step.state.reopenedAs = p.newNumber;
    step.tellCustomer('reopened', p.newNumber);
    step.close(`reopened as ${p.newNumber}: ${p.reason}`, false);
  },
});

export const withdraw = defineAction({
  stages: OPEN_STAGES,
  roles: fixedRoles('customer_service', 'sales'),
  schema: () => z.object({ reason: text() }).strict(),
  apply(step, p) {
    step.tellCustomer('withdrawn');
    step.close(`withdrawn: ${p.reason}`, false);
  },
});
