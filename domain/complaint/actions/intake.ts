/** Intake: classification and routing, the validity check, the customer's objection to an invalid finding. */
import { z } from '../../lazy-zod';
import { severityFacts } from '../../severity-facts';
import { evaluateSeverity, maxSeverity } from '../../severity';
import { recomputeForSeverity } from '../../clocks';
import { defineAction, fixedRoles, text, unknownSeverity } from '../define-action';
import { hasStage } from '../transitions';

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
