/**
 * The steps that fill in a discipline (D1–D8): the owner (or the quality manager) submits the current one; its
 * clock is met; then its block waits for approval, or the next discipline starts. Also where it stands, for
 * refusals.
 */
import type * as Zod from 'zod';
import type { Profile } from '../profile-schema';
import type { Discipline } from './action-names';
import { define } from './define-car-action';
import { DISCIPLINE_FORMS } from './discipline-forms';
import { DISCIPLINE_NAMES, PRELIMINARY_CLOCK, disciplineClock, sectionOf, type CarState } from './state';
import { carLabel, type CarStep } from './step';

/** Fills in a discipline: its clock met; then its block's approval, or the next discipline. */
export function disciplineAction(discipline: Discipline) {
  const schema: () => Zod.ZodType = DISCIPLINE_FORMS[discipline];
  return define({
    roles: (state, profile) => [ruleOf(profile, discipline)?.owner ?? state.owner.role, 'quality_manager'],
    schema,
    invalid: (profile, payload) => (discipline === 'D7' ? missingDocuments(profile, payload) : undefined),
    conflict: (state, profile) => {
      if (!ruleOf(profile, discipline)) return `the ${carLabel(profile)} form of this procedure has no ${discipline}`;
      if (state.phase !== 'open' || state.current !== discipline)
        return `${discipline} is not the discipline to fill in now (${whereItStands(state)})`;
      return undefined;
    },
    apply(step, payload) {
      const { state } = step;
      state.disciplines.push({
        discipline,
        round: state.round,
        data: payload,
        submittedAt: new Date(step.nowMs).toISOString(),
        by: step.actor.id,
      });
      step.meet(disciplineClock(discipline, state.round));
      if (discipline === 'D4') step.meet(PRELIMINARY_CLOCK);
      if (discipline === 'D3') routeRework(step, payload as { scopes: Array<{ reworked: number }> });
      step.note(DISCIPLINE_NAMES[discipline].en);
      const approver = ruleOf(step.profile, discipline)!.approver;
      if (!approver) return step.advanceAfter(discipline);
      const block = blockEndingAt(step.profile, discipline);
      state.phase = 'awaiting_approval';
      state.current = undefined;
      state.awaitingApproval = { disciplines: block, approver, since: new Date(step.nowMs).toISOString() };
      const names = block.map((d) => DISCIPLINE_NAMES[d]);
      step.tellOwner(
        {
          'zh-CN': `${carLabel(step.profile)} ${state.number}：请审批 ${names.map((n) => n['zh-CN']).join('、')}`,
          en: `${carLabel(step.profile)} ${state.number}: please approve ${names.map((n) => n.en).join(', ')}`,
        },
        [approver],
      );
    },
  });
}

/** 004 §5.7 a): the prevention step names the documents the procedure requires updated. */
function missingDocuments(profile: Profile, payload: unknown): string | undefined {
  const kinds = new Set((payload as { documents: Array<{ kind: string }> }).documents.map((d) => d.kind));
  const missing = sectionOf(profile).requiredPreventionDocuments.filter((k) => !kinds.has(k));
  return missing.length ? `documents: this procedure requires ${missing.join(', ')} updated` : undefined;
}

export const ruleOf = (profile: Profile, d: Discipline) => sectionOf(profile).disciplines.find((r) => r.id === d);

/** The disciplines approved together with `last`: those since the previous approver's discipline. */
function blockEndingAt(profile: Profile, last: Discipline): Discipline[] {
  const rules = sectionOf(profile).disciplines;
  const end = rules.findIndex((r) => r.id === last);
  let start = end;
  while (start > 0 && !rules[start - 1]!.approver) start -= 1;
  return rules.slice(start, end + 1).map((r) => r.id);
}

/** 004 §5.2 e): rework under the threshold by engineering, at or above it scheduled by planning. */
function routeRework(step: CarStep, containment: { scopes: Array<{ reworked: number }> }) {
  const routing = step.profile.repairRouting;
  const reworked = containment.scopes.reduce((sum, s) => sum + s.reworked, 0);
  if (!routing || reworked === 0) return;
  const to = reworked >= routing.threshold ? routing.atOrAbove : routing.below;
  step.effects.push({
    kind: 'notifyStaff',
    event: 'corrective_action',
    key: `car-rework#${step.state.actionSeq}`,
    to: [to],
    note: {
      'zh-CN': `${carLabel(step.profile)} ${step.state.number}：${reworked} 件需返工，请安排`,
      en: `${carLabel(step.profile)} ${step.state.number}: ${reworked} pcs to rework; please schedule it`,
    },
  });
}

/** Where the corrective action stands, for refusals. */
export function whereItStands(state: CarState): string {
  if (state.phase === 'open') return `current: ${state.current}`;
  if (state.phase === 'awaiting_approval')
    return `awaiting approval of ${state.awaitingApproval!.disciplines.join('–')}`;
  if (state.phase === 'verification') return 'awaiting effectiveness verification';
  return state.phase;
}
