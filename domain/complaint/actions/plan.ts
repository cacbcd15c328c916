/** Investigation and plan: the diagnosis, the proposed remedy, its approval. */
import { z } from '../../lazy-zod';
import { recomputeForSeverity } from '../../clocks';
import type { Profile } from '../../profile-schema';
import type { Role } from '../../roles';
import { companyPaysOutOfWarranty, defineAction, fixedRoles, text, textList, unknownSeverity } from '../define-action';
import type { ComplaintState } from '../state';
import { hasStage } from '../transitions';
import { correctiveActionDue } from './corrective';

const CAUSES = ['design', 'manufacturing', 'misuse', 'external'] as const;
/** Causes that make a complaint our own quality problem. */
const OUR_FAULT: readonly string[] = ['design', 'manufacturing'];

/** The diagnosis names one of the procedure's defect codes where it has a list; without a list, staff's own or none. */
function defectCodeProblem(profile: Profile, code: string | undefined): string | undefined {
  const list = profile.defectCodes;
  if (!list) return undefined;
  const ids = list.codes.map((c) => c.id);
  if (code === undefined)
    return `defectCode: the diagnosis names the defect, one of ${ids.join(', ')} (${list.section})`;
  return ids.includes(code) ? undefined : `defectCode must be one of ${ids.join(', ')}`;
}

export const submitDiagnosis = defineAction({
  stages: ['investigation'],
  roles: fixedRoles('technical_support', 'quality_manager'),
  schema: () =>
    z
      .object({
        cause: z.enum(CAUSES),
        technical: z.boolean().default(true),
        rootCauseFound: z.boolean().default(true),
        analysis: z.discriminatedUnion('method', [
          z.object({ method: z.literal('five_why'), whys: z.array(text()).min(1).max(10) }).strict(),
          z
            .object({
              method: z.literal('six_m'),
              man: text().optional(),
              machine: text().optional(),
              material: text().optional(),
              method6m: text().optional(),
              environment: text().optional(),
              measurement: text().optional(),
            })
            .strict(),
        ]),
        evidence: z
          .object({
            returnedProductInspection: text().optional(),
            batchTrace: text().optional(),
            labRetest: text().optional(),
            /** 000 二(三): the product's factory test report and its repair history, when there is one. */
            factoryTestReport: text().optional(),
            repairHistory: text().optional(),
          })
          .strict()
          .default({}),
        findings: text(),
        severity: z.string().min(1).optional(),
        serviceMode: z.enum(['remote', 'on_site']).optional(),
        /** The defect, from the procedure's list (004 §5.7 c)). */
        defectCode: z.string().trim().min(1).max(100).optional(),
        /** The defect affects orders still to ship (004 §5.7 b): a quality improvement plan meeting). */
        affectsLaterOrders: z.boolean().optional(),
      })
      .strict(),
  refuse: (_state, profile, p) => unknownSeverity(profile, p.severity) ?? defectCodeProblem(profile, p.defectCode),
  apply(step, p) {
    const { state, profile } = step;
    state.cause = p.cause;
    if (p.severity) {
      const before = state.severity;
      state.severity = p.severity;
      recomputeForSeverity(profile, state.deadlines, state.severity, step.nowMs);
      if (state.severity !== before) step.trigger(`rated:${state.severity}`);
    }
    if (p.serviceMode) state.serviceMode = p.serviceMode;
    // 004 5.6 b): a major complaint without a root cause needs a written preliminary report and test plan.
    state.rootCauseFound = p.rootCauseFound;
    if (!p.rootCauseFound) step.trigger('no_root_cause');
    state.technical = p.technical;
    step.form('diagnosis', { ...p, severity: state.severity });
    // 000 二(三): the diagnosis report goes to sales, customer service and the quality manager; 004 §5.6 a): the
    // preliminary finding to sales/commerce (a clock of the profile may be met by this email)
    const told = profile.notifications.onDiagnosis ?? [];
    if (told.length) step.tellStaff('diagnosis', told, findingNote(p.findings, p.cause));
    // 004 §5.2 a) 5): our own quality problem in warranty: production, warehouse and purchasing label and isolate
    const isolate = profile.notifications.onNonconformity ?? [];
    if (isolate.length && OUR_FAULT.includes(p.cause) && state.warranty === 'in')
      step.tellStaff('nonconforming_lot', isolate, findingNote(p.findings, p.cause));
    correctiveActionDue(step, 'diagnosis', {
      cause: p.cause,
      technical: p.technical,
      rootCauseKnown: p.rootCauseFound,
    });
    step.move('planning');
  },
});

const CAUSE_NAMES: Record<(typeof CAUSES)[number], [string, string]> = {
  design: ['设计', 'design'],
  manufacturing: ['制造', 'manufacturing'],
  misuse: ['使用不当', 'misuse'],
  external: ['外部因素', 'external'],
};

/** The finding as staff read it in their language, with the cause class. */
function findingNote(findings: string, cause: (typeof CAUSES)[number]) {
  const [zh, en] = CAUSE_NAMES[cause];
  return { 'zh-CN': `${findings}（原因：${zh}）`, en: `${findings} (cause: ${en})` };
}

function remedyMatrix(profile: Profile, state: ComplaintState): string[] {
  const warranty = state.warranty === 'unknown' ? undefined : state.warranty;
  return profile.remedies
    .filter(
      (r) =>
        (!r.severity || r.severity === state.severity) &&
        (!r.cause || r.cause === state.cause) &&
        (!r.warranty || r.warranty === warranty),
    )
    .flatMap((r) => r.actions);
}

const normal = (text: string) => text.trim().toLowerCase();

/** The matrix's remedies when the plan's remedy takes none of them and the profile wants that explained. */
function remedyDeparture(profile: Profile, state: ComplaintState, remedy: string[]): string[] | undefined {
  if (profile.remedyDeparture !== 'explained') return undefined;
  const suggested = remedyMatrix(profile, state);
  if (!suggested.length) return undefined;
  const taken = new Set(remedy.map(normal));
  return suggested.some((s) => taken.has(normal(s))) ? undefined : suggested;
}

export const proposePlan = defineAction({
  stages: ['planning'],
  roles: fixedRoles('technical_support', 'quality_manager', 'sales'),
  schema: () =>
    z
      .object({
        summary: text(),
        customerRemedy: textList().min(1),
        correctiveActions: textList().default([]),
        costBorneBy: z.enum(['company', 'customer']).default('company'),
        /** 000 二(五): when the measures will be done, as sales tells the customer. */
        completeBy: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
          .optional(),
        quote: z
          .object({ amount: z.number().positive(), currency: z.string().length(3) })
          .strict()
          .optional(),
        repairQuantity: z.number().int().positive().optional(),
        engineer: z.object({ name: text(), region: text(), qualification: text() }).strict().optional(),
        /** Why the customer remedy departs from the procedure's remedies for this complaint. */
        remedyDeviation: text().optional(),
      })
      .strict(),
  refuse(state, profile, p) {
    if (p.costBorneBy === 'customer' && !p.quote && (state.warranty === 'out' || profile.chargeWhateverWarranty))
      return state.warranty === 'out'
        ? 'an out-of-warranty repair charged to the customer needs a quote'
        : 'a repair charged to the customer needs a quote (the fault is theirs, whatever the warranty)';
    if (state.serviceMode === 'on_site' && profile.dispatch && !p.engineer)
      return 'on-site service needs an engineer (region and qualification)';
    const departs = remedyDeparture(profile, state, p.customerRemedy);
    if (departs && !p.remedyDeviation)
      return `remedyDeviation: the remedy takes none of the procedure's remedies for this complaint (${departs.join('; ')}); say why`;
    return undefined;
  },
  apply(step, p) {
    const { state, profile } = step;
    const routing = profile.repairRouting;
    // 004 §5.6: fewer than `threshold` pieces are repaired by engineering, more are scheduled by planning.
    const repairBy =
      routing && p.repairQuantity !== undefined
        ? p.repairQuantity < routing.threshold
          ? routing.below
          : routing.atOrAbove
        : undefined;
    state.plan = { ...p, suggestedRemedy: remedyMatrix(profile, state), repairBy };
    state.approvals = [];
    step.form('plan', { ...state.plan, round: state.objectionRounds });
    correctiveActionDue(step, 'plan', { suggestedActions: p.correctiveActions });
    // A procedure without an approval stage (002) goes straight to the customer.
    if (hasStage(profile, state, 'approval'))
      step.tellStaff(
        'approval_request',
        planApprovers(profile, state).filter((r) => r !== 'admin'),
      );
    // 004 §5.6 a): the plan goes to sales/commerce when it is made
    const told = profile.notifications.onPlanProposed ?? [];
    if (told.length) step.tellStaff('plan_proposed', told);
    step.move('approval');
  },
});

/** The profile's plan approvers, plus the extra approver when the company pays out of warranty. */
function planApprovers(profile: Profile, state: ComplaintState): Role[] {
  const plan = profile.approvals?.plan ?? [];
  const extra = companyPaysOutOfWarranty(state) ? profile.approvals?.companyPaidOutOfWarranty : undefined;
  return extra ? [...plan, extra] : [...plan];
}

export const approvePlan = defineAction({
  stages: ['approval'],
  roles: planApprovers,
  schema: () => z.object({ approved: z.boolean(), comment: text().optional() }).strict(),
  refuse: (state, _profile, _p, actor) =>
    actor.role !== 'customer' && state.approvals.includes(actor.role)
      ? { type: 'StageConflict', message: `${actor.role} has already approved this plan` }
      : undefined,
  apply(step, p) {
    const { state, profile, actor } = step;
    step.form('approval', { ...p, role: actor.role });
    if (!p.approved) {
      state.approvals = [];
      step.move('planning', `plan rejected by ${actor.role}${p.comment ? `: ${p.comment}` : ''}`);
      return;
    }
    if (actor.role !== 'customer') state.approvals.push(actor.role);
    const planApproved = state.approvals.some((r) => profile.approvals?.plan.includes(r) || r === 'admin');
    const extra = companyPaysOutOfWarranty(state) ? profile.approvals?.companyPaidOutOfWarranty : undefined;
    const extraApproved = !extra || state.approvals.includes(extra) || state.approvals.includes('admin');
    if (planApproved && extraApproved) {
      // 000 二(四): the approved plan goes back to the sales rep, who explains it to the customer
      const told = profile.notifications.onPlanApproved ?? [];
      if (told.length) step.tellStaff('plan_approved', told);
      step.move('customer_decision');
    }
  },
});
