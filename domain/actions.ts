import { z } from 'zod';
import type { Profile } from './profile-schema';
import { severityFactsSchema } from './registration';
import type { Role } from './roles';
import { FINAL_STAGES, STAGES, type Stage } from './stages';

const text = z.string().trim().min(1).max(5_000);
const list = z.array(text).max(50);
const CAUSES = ['design', 'manufacturing', 'misuse', 'external'] as const;

/** Payload schemas of every staff action, keyed by action name. The API and the workflow validate with them. */
export const actionSchemas = {
  classify: z
    .object({
      type: z.string().min(1),
      crossDepartment: z.boolean().default(false),
      faultCategory: z.enum(['hardware', 'software', 'misuse']).optional(),
      warranty: z.enum(['in', 'out']).optional(),
      facts: severityFactsSchema.default({}),
      severity: z.string().min(1).optional(),
      note: text.optional(),
    })
    .strict(),
  checkValidity: z
    .object({ valid: z.boolean(), reason: text, customerContacted: z.boolean(), contactNote: text.optional() })
    .strict(),
  customerObjects: z.object({ note: text }).strict(),
  submitDiagnosis: z
    .object({
      cause: z.enum(CAUSES),
      technical: z.boolean().default(true),
      rootCauseFound: z.boolean().default(true),
      analysis: z.discriminatedUnion('method', [
        z.object({ method: z.literal('five_why'), whys: z.array(text).min(1).max(10) }).strict(),
        z
          .object({
            method: z.literal('six_m'),
            man: text.optional(),
            machine: text.optional(),
            material: text.optional(),
            method6m: text.optional(),
            environment: text.optional(),
            measurement: text.optional(),
          })
          .strict(),
      ]),
      evidence: z
        .object({ returnedProductInspection: text.optional(), batchTrace: text.optional(), labRetest: text.optional() })
        .strict()
        .default({}),
      findings: text,
      severity: z.string().min(1).optional(),
      serviceMode: z.enum(['remote', 'on_site']).optional(),
    })
    .strict(),
  proposePlan: z
    .object({
      summary: text,
      customerRemedy: list.min(1),
      correctiveActions: list.default([]),
      costBorneBy: z.enum(['company', 'customer']).default('company'),
      quote: z
        .object({ amount: z.number().positive(), currency: z.string().length(3) })
        .strict()
        .optional(),
      repairQuantity: z.number().int().positive().optional(),
      engineer: z.object({ name: text, region: text, qualification: text }).strict().optional(),
    })
    .strict(),
  approvePlan: z.object({ approved: z.boolean(), comment: text.optional() }).strict(),
  recordCustomerDecision: z
    .object({
      accepted: z.boolean(),
      comment: text.optional(),
      confirmationRef: text.optional(),
      /** Out of warranty: the customer declines the quoted repair (the unit goes back unrepaired). */
      declinesQuote: z.boolean().optional(),
    })
    .strict(),
  arbitrate: z.object({ decision: z.enum(['uphold_plan', 'revise_plan']), note: text }).strict(),
  recordPayment: z.object({ amount: z.number().positive(), currency: z.string().length(3), reference: text }).strict(),
  recordProgress: z.object({ note: text }).strict(),
  recordProcessing: z
    .object({
      steps: list.min(1),
      replacedParts: z
        .array(z.object({ part: text, oldSerial: text, newSerial: text.optional() }).strict())
        .max(200)
        .default([]),
      media: z
        .array(
          z
            .object({ kind: z.enum(['photo', 'video', 'document']), ref: text, stage: z.enum(['before', 'after']) })
            .strict(),
        )
        .max(200)
        .default([]),
      partsConsent: z
        .object({ parts: list.min(1), cost: z.number().nonnegative(), warranty: text })
        .strict()
        .optional(),
      serviceConfirmationSigned: z.boolean().optional(),
      engineer: text.optional(),
    })
    .strict(),
  recordVerification: z.object({ passed: z.boolean(), method: text, result: text }).strict(),
  recordSurvey: z
    .object({
      level: z.string().min(1).optional(),
      score: z.number().optional(),
      comments: text.optional(),
      reason: text.optional(),
    })
    .strict(),
  recordFollowUp: z.object({ resolved: z.boolean(), note: text }).strict(),
  reopen: z.object({ reason: text, newNumber: z.string().min(1) }).strict(),
  withdraw: z.object({ reason: text }).strict(),
  pauseClocks: z.object({ reason: z.enum(['waiting_on_customer', 'force_majeure']), note: text }).strict(),
  resumeClocks: z.object({ note: text.optional() }).strict(),
  escalate: z.object({ reason: z.enum(['customer_agitated', 'safety_issue']), note: text }).strict(),
  recordTemporaryPlan: z.object({ plan: text }).strict(),
} as const;

/** Names of the staff actions. */
export type ActionName = keyof typeof actionSchemas;
/** All action names. */
export const ACTION_NAMES = Object.keys(actionSchemas) as ActionName[];
/** The validated payload of an action. */
export type ActionPayload<A extends ActionName> = z.infer<(typeof actionSchemas)[A]>;

const OPEN_STAGES: readonly Stage[] = STAGES.filter((stage) => !FINAL_STAGES.includes(stage));

/** The stages in which each action may be taken. */
export const ACTION_STAGES: Record<ActionName, readonly Stage[]> = {
  classify: ['triage'],
  checkValidity: ['validity_check'],
  customerObjects: ['invalid_notice'],
  submitDiagnosis: ['investigation'],
  proposePlan: ['planning'],
  approvePlan: ['approval'],
  recordCustomerDecision: ['customer_decision'],
  arbitrate: ['escalated'],
  recordPayment: ['payment'],
  recordProgress: ['execution'],
  recordProcessing: ['execution'],
  recordVerification: ['verification'],
  recordSurvey: ['satisfaction'],
  recordFollowUp: ['follow_up'],
  reopen: ['verification', 'satisfaction', 'follow_up'],
  withdraw: OPEN_STAGES,
  pauseClocks: OPEN_STAGES,
  resumeClocks: OPEN_STAGES,
  escalate: OPEN_STAGES,
  recordTemporaryPlan: OPEN_STAGES,
};

/** The roles that may take an action under a profile (admin may take every action). */
export function rolesFor(
  action: ActionName,
  profile: Profile,
  context: { companyPaidOutOfWarranty?: boolean } = {},
): Role[] {
  const roles = ((): Role[] => {
    switch (action) {
      case 'classify':
        return ['customer_service', 'quality_manager'];
      case 'checkValidity':
        return ['quality_manager', 'technical_support', 'sales'];
      case 'customerObjects':
      case 'recordCustomerDecision':
      case 'withdraw':
      case 'reopen':
        return ['customer_service', 'sales'];
      case 'submitDiagnosis':
        return ['technical_support', 'quality_manager'];
      case 'proposePlan':
        return ['technical_support', 'quality_manager', 'sales'];
      case 'approvePlan':
        return context.companyPaidOutOfWarranty && profile.approvals.companyPaidOutOfWarranty
          ? [...profile.approvals.plan, profile.approvals.companyPaidOutOfWarranty]
          : [...profile.approvals.plan];
      case 'arbitrate':
        return [profile.objection.escalateTo];
      case 'recordPayment':
        return ['sales'];
      case 'recordProgress':
        return ['repair', 'technical_support', 'customer_service'];
      case 'recordProcessing':
        return ['repair', 'technical_support'];
      case 'recordVerification':
        return ['technical_support', 'quality_manager'];
      case 'recordSurvey':
      case 'recordFollowUp':
        return ['customer_service'];
      case 'pauseClocks':
      case 'resumeClocks':
        return ['customer_service', 'sales', 'quality_manager'];
      case 'escalate':
        return ['customer_service', 'sales', 'technical_support', 'quality_manager'];
      case 'recordTemporaryPlan':
        return ['quality_manager', 'technical_support', 'department_head'];
    }
  })();
  return [...new Set<Role>([...roles, 'admin'])];
}
