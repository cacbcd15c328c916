/** Intake: classification and routing, the validity check, the customer's objection to an invalid finding. */
import { z } from '../../lazy-zod';
import { severityFacts } from '../../severity-facts';
import { evaluateSeverity, maxSeverity } from '../../severity';
import { recomputeForSeverity } from '../../clocks';
import { defineAction, fixedRoles, text, unknownSeverity } from '../define-action';
import { hasStage } from '../transitions';
import { ENGINEER_MAILBOX, type Effect } from '../state';
import { engineerSchema } from './dispatch';
import { label, localized } from '../../labels';

/** What the local staff bring to a check of the customer's facts (000 二(二)). */
const LOCAL_CHECK_KIT = label(
  '投诉登记表及核实要点：故障现象、是否操作不当、故障部件是否为原厂配件',
  'the complaint form and what to check: the fault, misuse, whether the failed part is original',
);

export const classify = defineAction({
  stages: ['triage'],
  roles: fixedRoles('customer_service', 'quality_manager'),
  schema: () =>
    z
      .object({
        type: z.string().min(1),
        crossDepartment: z.boolean().default(false),
        faultCategory: z.enum(['hardware', 'software', 'misuse']).optional(),
        warranty: z.enum(['in', 'out']).optional(),
        facts: severityFacts().default({}),
        severity: z.string().min(1).optional(),
        note: text().optional(),
      })
      .strict(),
  refuse(_state, profile, p) {
    if (!profile.complaintTypes.some((t) => t.id === p.type))
      return `type must be one of ${profile.complaintTypes.map((t) => t.id).join(', ')}`;
    if (p.crossDepartment && !profile.crossDepartment) return 'this procedure has no cross-department task force';
    return unknownSeverity(profile, p.severity);
  },
  apply(step, p) {
    const { state, profile } = step;
    const type = profile.complaintTypes.find((t) => t.id === p.type)!;
    const verdict = evaluateSeverity(profile, { ...p.facts, batchDefectiveUnits: state.batchDefectiveUnits });
    const before = state.severity;
    state.severity = p.severity ? maxSeverity(profile, verdict.severity, p.severity) : verdict.severity;
    state.severityReasons =
      p.severity && state.severity === p.severity && p.severity !== verdict.severity
        ? ['set by staff']
        : verdict.reasons;
    state.type = type.id;
    state.faultCategory = p.faultCategory;
    if (p.warranty) state.warranty = p.warranty;
    if (p.crossDepartment && profile.crossDepartment) {
      state.department = profile.crossDepartment.department;
      state.ownerRoles = [profile.crossDepartment.leadRole];
    } else {
      state.department = type.department;
      state.ownerRoles = profile.ownersBySeverity[state.severity] ?? [type.ownerRole];
    }
    if (profile.dispatch && p.faultCategory) {
      const urgent = profile.dispatch.onSiteForSeverities?.includes(state.severity);
      state.serviceMode = profile.dispatch.remoteFor.includes(p.faultCategory) && !urgent ? 'remote' : 'on_site';
    }
    recomputeForSeverity(profile, state.deadlines, state.severity, step.nowMs);
    if (state.severity !== before) step.trigger(`rated:${state.severity}`);
    step.form('classification', {
      ...p,
      severity: state.severity,
      severityReasons: state.severityReasons,
      department: state.department,
      ownerRoles: state.ownerRoles,
      assistDepartments: type.assistDepartments,
      serviceMode: state.serviceMode,
    });
    // The departments the profile says assist on this type (000: sales and customer service verify, repair
    // executes) are copied on the assignment.
    step.tellStaff('assignment', [...state.ownerRoles, state.department, ...type.assistDepartments]);
    step.tellCustomer('owner_assigned');
    step.move('validity_check');
  },
});

/** 000 二(二): for a cross-region product the sales rep asks the local technical staff to check on site. */
export const requestLocalCheck = defineAction({
  stages: ['validity_check'],
  roles: fixedRoles('sales'),
  // the API names the engineer of the customer's region when staff name none (domain/engineer-matching.ts)
  schema: () => z.object({ engineer: engineerSchema().optional(), note: text() }).strict(),
  unavailable: (_state, profile) => (profile.localCheck ? undefined : 'this procedure has no local check'),
  refuse: (_state, _profile, p) =>
    p.engineer ? undefined : "engineer: no engineer of the customer's region is listed; name one",
  apply(step, p) {
    const engineer = p.engineer!;
    step.form('local_check_request', p);
    step.tellStaff('engineer_visit', [`${ENGINEER_MAILBOX}${engineer.name}`], p.note);
    const visit = step.effects.at(-1) as Extract<Effect, { kind: 'notifyStaff' }>;
    visit.values = {
      engineer: engineer.name,
      region: engineer.region,
      // the visit email lists what to bring and check: the kit and the sales rep's request
      ...localized('bring', label(`${LOCAL_CHECK_KIT['zh-CN']}；${p.note}`, `${LOCAL_CHECK_KIT.en}; ${p.note}`)),
    };
  },
});

export const checkValidity = defineAction({
  stages: ['validity_check'],
  roles: fixedRoles('quality_manager', 'technical_support', 'sales'),
  schema: () =>
    z
      .object({ valid: z.boolean(), reason: text(), customerContacted: z.boolean(), contactNote: text().optional() })
      .strict(),
  // 000 and 001 have no invalid finding: misuse is a diagnosed cause, charged to the customer.
  refuse: (state, profile, p) =>
    !p.valid && !hasStage(profile, state, 'invalid_notice')
      ? 'this procedure has no invalid finding: investigate and record the cause (misuse) in the diagnosis'
      : undefined,
  apply(step, p) {
    step.form('verification', p);
    if (p.customerContacted) step.trigger('customer_contacted');
    if (p.valid) step.move('investigation');
    else {
      step.tellCustomer('invalid', p.reason);
      step.move('invalid_notice', p.reason);
    }
  },
});

export const customerObjects = defineAction({
  stages: ['invalid_notice'],
  customersAnswer: true,
  roles: fixedRoles('customer_service', 'sales'),
  schema: () => z.object({ note: text() }).strict(),
  apply(step, p) {
    step.form('objection', p);
    step.move('investigation', 'customer objected to the invalid finding');
  },
});
