/** The service visit (003 §2.2–2.3): the engineer dispatched, arrival on site. */
import { lazy, z } from '../../lazy-zod';
import { localized, visitKit } from '../../labels';
import { defineAction, fixedRoles, text } from '../define-action';
import { ENGINEER_MAILBOX } from '../state';

/** A field engineer as the directory lists them. */
export const engineerSchema = lazy(() => z.object({ name: text(), region: text(), qualification: text() }).strict());
const engineer = engineerSchema;

export const dispatchEngineer = defineAction({
  stages: ['dispatch'],
  // 003 §2.2.1: the service supervisor dispatches (the API matches the engineer by region and qualification).
  roles: fixedRoles('department_head', 'customer_service', 'technical_support'),
  schema: () => z.object({ engineer: engineer().optional(), note: text().optional() }).strict(),
  refuse: (_state, _profile, p) =>
    p.engineer ? undefined : 'dispatch needs an engineer (no engineer of the region is qualified for this product)',
  apply(step, p) {
    const { state } = step;
    state.engineer = p.engineer;
    step.form('dispatch', p);
    const arrival = state.deadlines.find((d) => d.name === 'arrival' && !d.metAt);
    step.effects.push({
      kind: 'notifyStaff',
      event: 'dispatch',
      key: `dispatch#${state.actionSeq}`,
      to: [...new Set(['technical_support', ...state.ownerRoles])],
      note: p.engineer!.name,
      due: arrival?.dueAt,
    });
    // 003 §2.2: the engineer is told where to go, by when, and what to bring.
    step.effects.push({
      kind: 'notifyStaff',
      event: 'engineer_visit',
      key: `engineer_visit#${state.actionSeq}`,
      to: [`${ENGINEER_MAILBOX}${p.engineer!.name}`],
      note: p.engineer!.name,
      due: arrival?.dueAt,
      values: { engineer: p.engineer!.name, region: p.engineer!.region, ...localized('bring', visitKit(step.profile)) },
    });
    step.move('execution', `engineer ${p.engineer!.name} dispatched`);
  },
});

export const recordArrival = defineAction({
  stages: ['execution'],
  roles: fixedRoles('repair', 'technical_support'),
  schema: () => z.object({ note: text().optional() }).strict(),
  refuse(state) {
    if (state.serviceMode !== 'on_site') return 'arrival applies to on-site service only';
    return state.arrivedAt ? 'the engineer has already arrived' : undefined;
  },
  apply(step, p) {
    step.state.arrivedAt = new Date(step.nowMs).toISOString();
    step.form('arrival', { ...p, engineer: step.state.engineer?.name });
  },
});
