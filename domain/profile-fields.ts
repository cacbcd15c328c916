/** The fields of a process profile, section by section (the checks across sections: profile-checks.ts). */
import { permissionsSchema } from './permissions-schema';
import { z } from 'zod';
import { profileIdSchema } from './profile-id';
import { correctiveActionSectionSchema } from './corrective-action/profile-section';
import { recallSectionSchema } from './recall/profile-section';
import { clockRuleSchema } from './clock-rules';
import { calendarSchema } from './calendar-schema';
import { durationSchema } from './duration';
import { deadlinesSchema } from './legacy-deadlines-schema';
import { performanceRuleSchema } from './performance';
import { ROLES } from './roles';
import { STAGES } from './stages';

const id = profileIdSchema;
const role = z.enum(ROLES);
const label = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }).strict();
const severityRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('safety_hazard'), severity: id }).strict(),
  z.object({ kind: z.literal('regulator_or_media_threat'), severity: id }).strict(),
  z.object({ kind: z.literal('main_function_lost'), severity: id }).strict(),
  z.object({ kind: z.literal('cosmetic_or_minor'), severity: id }).strict(),
  z
    .object({
      kind: z.literal('batch_defect'),
      severity: id,
      /** Units of one batch reported defective (summed over complaints) that make it a batch defect. */
      threshold: z.number().int().positive(),
      windowDays: z.number().int().positive(),
    })
    .strict(),
  z.object({ kind: z.literal('item_value_above'), severity: id, threshold: z.number().positive() }).strict(),
  z.object({ kind: z.literal('major_complaint'), severity: id }).strict(),
]);

const remedySchema = z
  .object({
    severity: id.optional(),
    cause: z.enum(['design', 'manufacturing', 'misuse', 'external']).optional(),
    warranty: z.enum(['in', 'out']).optional(),
    actions: z.array(z.string().min(1)).min(1),
  })
  .strict();

const satisfactionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('levels'),
      /** Levels from best to worst. */
      levels: z.array(z.object({ id, label }).strict()).min(2),
      /** Levels that count as satisfied; anything else needs a reason and a follow-up. */
      satisfied: z.array(id).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('score'),
      min: z.number().int(),
      max: z.number().int(),
      /** A score below this needs a reason and a follow-up. */
      followUpBelow: z.number(),
      /** Staff calling back score the service's attitude, punctuality and resolution too (003 §2.4.1 ①–③). */
      aspects: z.boolean().default(false),
    })
    .strict(),
]);

/** A process profile's fields, each checked alone (profile-schema.ts adds the checks across them). */
export const profileFieldsSchema = z
  .object({
    id,
    version: z.number().int().positive(),
    name: label,
    /** Where the numbers come from (seed document and section). */
    source: z.string().min(1),
    calendar: calendarSchema,
    complaintTypes: z
      .array(
        z
          .object({
            id,
            label,
            department: id,
            ownerRole: role,
            assistDepartments: z.array(id).default([]),
          })
          .strict(),
      )
      .min(1),
    /** Names of the departments this procedure names, as emails quote them (built-in names otherwise). */
    departments: z.record(id, label).optional(),
    /** A complaint spanning departments goes to a task force led by this role. */
    crossDepartment: z.object({ department: id, leadRole: role }).strict().optional(),
    /**
     * The stages this procedure has, in lifecycle order (absent: every complaint stage). A step aimed at a
     * stage the procedure lacks goes on to the next one it has (003: classified → dispatch or remote guidance).
     */
    stagePath: z.array(z.enum(STAGES)).optional(),
    severities: z.array(z.object({ id, rank: z.number().int(), label }).strict()).min(1),
    defaultSeverity: id,
    severityRules: z.array(severityRuleSchema).default([]),
    /** Who owns a complaint of a severity, when the procedure says (001: urgent → quality manager + CS). */
    ownersBySeverity: z.record(id, z.array(role).min(1)).default({}),
    /** The lengths of the built-in clock table (profiles without `clockRules`). */
    deadlines: deadlinesSchema.optional(),
    /**
     * The procedure's time limits, each in its seed's words (domain/clock-rules.ts). Absent in profiles pinned
     * before them: their clocks come from `deadlines` through the engine's built-in table.
     */
    clockRules: z.array(clockRuleSchema).optional(),
    remedies: z.array(remedySchema).min(1),
    /**
     * `explained`: a plan whose customer remedy takes none of the remedies the matrix gives for the complaint (its
     * fault level, cause, warranty) says why (`remedyDeviation`), and the approver reads it; `free` (default): the
     * matrix only suggests.
     */
    remedyDeparture: z.enum(['free', 'explained']).default('free'),
    /**
     * A plan charged to the customer is quoted and paid before the repair in warranty too (000 §(四): a fault the
     * customer caused is charged whatever the warranty); default: only out of warranty.
     */
    chargeWhateverWarranty: z.boolean().default(false),
    /**
     * What the customer's payment holds back: the repair (`repair`, default: paid, then repaired), or the return
     * of the repaired unit (`return`, 004 §5.4 c): repaired, then charged and shipped back).
     */
    paymentBefore: z.enum(['repair', 'return']).default('repair'),
    /**
     * Who does what in the procedure's own words (domain/permissions-schema.ts). Absent: every action keeps the
     * built-in roles of its definition, and admin takes no step.
     */
    permissions: permissionsSchema.optional(),
    /**
     * Fields the seed's forms list that a step must carry: `<action>.<field>`, `[]` for every item of a list
     * (`recordProcessing.replacedParts[].reason`), each with the section that lists it.
     */
    requiredFields: z
      .array(
        z
          .object({
            field: z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+(\[\])?)+$/, 'an action and a field path'),
            section: z.string().min(1),
          })
          .strict(),
      )
      .default([]),
    /** Who approves the plan (required when the stage path has an approval stage). */
    approvals: z
      .object({
        plan: z.array(role).min(1),
        /** Extra approver when the company bears the cost of an out-of-warranty repair. */
        companyPaidOutOfWarranty: role.optional(),
      })
      .strict()
      .optional(),
    /** How objections to the plan escalate (required when the stage path has an escalated stage). */
    objection: z
      .object({
        /** Revisions offered before the objection is escalated. */
        roundsBeforeEscalation: z.number().int().min(1),
        escalateTo: role,
        arbitration: z.enum(['quality_manager', 'third_party', 'department_head', 'sales']),
      })
      .strict()
      .optional(),
    invalidComplaint: z.object({ objectionWindow: durationSchema }).strict().optional(),
    progressUpdateEvery: durationSchema.optional(),
    /** Cross-region products: the sales rep asks local technical staff to check on site (000 二(二)). */
    localCheck: z
      .object({ section: z.string().min(1) })
      .strict()
      .optional(),
    /**
     * A service record the customer signs after on-site service, where the procedure has one outside a dispatch
     * (004 §5.5 d): the R&D engineer's technical-support record QR25-03, signed satisfied or not).
     */
    serviceRecord: z
      .object({ form: label, asksSatisfaction: z.boolean().default(false), section: z.string().min(1) })
      .strict()
      .optional(),
    dispatch: z
      .object({
        /** Fault categories solved by remote guidance, without sending an engineer. */
        remoteFor: z.array(z.enum(['hardware', 'software', 'misuse'])).default([]),
        /** Regions the visit limits except (003 §2.2.1 "remote areas excepted"), matched to the customer's region. */
        remoteRegions: z.array(z.string().min(1)).optional(),
        /** Severities served on site whatever the fault category (003 §2.1.2: hardware fault or urgent problem). */
        onSiteForSeverities: z.array(id).optional(),
        callAheadMinutes: z.number().int().positive().optional(),
        /** The call-ahead reminder goes to the dispatched engineer's own mailbox too (003 §2.2.2). */
        callAheadToEngineer: z.boolean().optional(),
        requireServiceConfirmation: z.boolean().default(false),
        requirePartsConsent: z.boolean().default(false),
      })
      .strict()
      .optional(),
    repairRouting: z.object({ threshold: z.number().int().positive(), below: id, atOrAbove: id }).strict().optional(),
    /** SLA clocks: warning point, escalation ladder on breach, emergency response. */
    clocks: z
      .object({
        /** Share of the allowed time after which the owner is warned. */
        warningFraction: z.number().gt(0).lt(1).default(0.75),
        /** Levels notified one after another while a deadline stays missed; `after` is the wait before the level. */
        escalation: z
          .array(
            z
              .object({
                notify: z.array(id).min(1),
                after: durationSchema.extend({ amount: z.number().nonnegative() }),
              })
              .strict(),
          )
          .min(1),
        emergency: z
          .object({
            /** Severities that start the emergency response at once. */
            severities: z.array(id).min(1),
            /** Emergency team and management told at once. */
            notify: z.array(id).min(1),
            temporaryPlan: durationSchema,
          })
          .strict()
          .optional(),
      })
      .strict(),
    /**
     * Department performance (seed 002 ch. 7): how missed deadlines are graded. Profiles pinned before this
     * section existed have none and are graded by the legacy rule (domain/performance.ts).
     */
    performance: performanceRuleSchema.optional(),
    satisfaction: satisfactionSchema,
    followUpCall: durationSchema.optional(),
    /** Corrective action (8D / CAPA): when it opens, its disciplines, owners and clocks (absent: none). */
    correctiveAction: correctiveActionSectionSchema.optional(),
    /** Product recall: whether a complaint starts one, reminders, status reports (absent: no recall). */
    recall: recallSectionSchema.optional(),
    closeWhen: z.enum(['customer_satisfied', 'final_decision']),
    retentionYears: z.number().int().positive(),
    notifications: z
      .object({
        /** Roles or departments told of every new complaint. */
        onRegistration: z.array(id).default([]),
        /** Roles or departments copied on every new complaint. */
        copyOnRegistration: z.array(id).default([]),
        /** Roles or departments the diagnosis (finding, cause, level) is sent to when it is recorded. */
        onDiagnosis: z.array(id).optional(),
        /** Roles or departments the plan is sent to when it is proposed (004: sales/commerce). */
        onPlanProposed: z.array(id).optional(),
        /** Roles or departments the approved plan goes back to (000: the sales rep). */
        onPlanApproved: z.array(id).optional(),
        /** Roles or departments every survey result goes to, satisfied or not (003 §2.4.1: the service team leader). */
        onSurvey: z.array(id).optional(),
        /**
         * Departments told when the diagnosis finds our own quality problem in warranty, to label and isolate the
         * lot (004 §5.2 a) 5): production, warehouse, purchasing).
         */
        onNonconformity: z.array(id).optional(),
        /**
         * Departments the monthly statistics go to besides management, for complaints of this procedure (004 §5.7
         * d): administration, for the performance assessment; 002 §5.3: sales, who summarise the trends).
         */
        onMonthlyReport: z.array(id).optional(),
      })
      .strict(),
    /**
     * The defects a diagnosis names, the procedure's own list (004 §5.7 c): the month's top three are defect
     * causes): chosen in every diagnosis; the monthly Pareto counts them instead of the four cause classes.
     */
    defectCodes: z
      .object({
        codes: z.array(z.object({ id, label }).strict()).min(1),
        section: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict();
