/**
 * The corrective-action (8D / CAPA) part of a process profile: when a complaint opens one, which disciplines
 * its form has, each discipline's time, owner and approver, who owns technical and non-technical causes, and
 * how long effectiveness verification waits. Pure data, validated with the rest of the profile.
 */
import { z } from 'zod';
import { durationSchema } from '../duration';
import { ROLES } from '../roles';
import { DISCIPLINES } from './action-names';

export { DISCIPLINES, type Discipline } from './action-names';

const role = z.enum(ROLES);
const department = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lower-case letters, digits, - and _ only');

const disciplineRule = z
  .object({
    id: z.enum(DISCIPLINES),
    /** Time allowed from the moment the discipline becomes the current one (working units follow the calendar). */
    deadline: durationSchema,
    /** Who fills it in (default: the corrective action's owner role). */
    owner: role.optional(),
    /** Set on the last discipline of an approval block: the block waits for this role's approval. */
    approver: role.optional(),
  })
  .strict();

const ownerRule = z.object({ role, department, assist: z.array(department).default([]) }).strict();

/** When a complaint opens a corrective action by itself (the quality manager may always open one). */
const triggerSchema = z.discriminatedUnion('on', [
  /** 004 §5.2: a complaint found ours by its diagnosis (of these types, in warranty) gets a CAPA notice. */
  z
    .object({
      on: z.literal('diagnosis'),
      /** Causes that are the company's own (misuse and external causes get no CAPA). */
      causes: z.array(z.enum(['design', 'manufacturing', 'misuse', 'external'])).optional(),
      warranty: z.enum(['in', 'out']).optional(),
      types: z.array(z.string().min(1)).optional(),
    })
    .strict(),
  /** 001 (四): every complaint's internal improvement actions, from its plan. */
  z.object({ on: z.literal('plan') }).strict(),
  /** Only on the quality manager's decision (`openCorrectiveAction`). */
  z.object({ on: z.literal('decision') }).strict(),
]);

export const correctiveActionSectionSchema = z
  .object({
    /** `8d`: the full 8D report; `capa`: a light corrective and preventive action notice. */
    form: z.enum(['8d', 'capa']),
    /** Where it is named in the procedure (seed and section). */
    source: z.string().min(1),
    trigger: triggerSchema,
    /** Who may open one by decision. */
    openedBy: z.array(role).min(1),
    disciplines: z.array(disciplineRule).min(2),
    /** 004 §5.2 c)/d): non-technical causes → quality leads; technical → engineering with R&D. */
    owners: z.object({ technical: ownerRule, nonTechnical: ownerRule }).strict(),
    /** After implementation (D6), effectiveness is verified this long after (001: within a week). */
    verification: z.object({ after: durationSchema, by: role }).strict(),
    /**
     * 004 §5.6 b): a major complaint whose root cause is not found gets a written preliminary report with a
     * test plan within this time; the formal 8D (D4 on) follows, with D4's time counted from that report.
     */
    preliminaryReport: z
      .object({ severities: z.array(z.string().min(1)).min(1), deadline: durationSchema })
      .strict()
      .optional(),
    /**
     * The customer gets an interim report once this discipline is done (004 §5.6 b): the formal 8D once the true
     * cause is found, i.e. after D4); the final one at closure. Absent: only the final one.
     */
    interimReportAfter: z.enum(DISCIPLINES).optional(),
    /** D7 must list these prevention documents as updated (004 §5.7 a): the inspection standard). */
    requiredPreventionDocuments: z
      .array(z.enum(['fmea', 'control_plan', 'work_instruction', 'inspection_standard']))
      .default([]),
  })
  .strict()
  .superRefine((section, ctx) => {
    const order = section.disciplines.map((d) => DISCIPLINES.indexOf(d.id));
    if (order.some((n, i) => i > 0 && n <= order[i - 1]!))
      ctx.addIssue({ code: 'custom', path: ['disciplines'], message: 'disciplines in order D1 … D8, each once' });
    for (const needed of ['D4', 'D6', 'D8'] as const)
      if (!section.disciplines.some((d) => d.id === needed))
        ctx.addIssue({ code: 'custom', path: ['disciplines'], message: `every form has ${needed}` });
  });

/** The corrective-action section of a profile. */
export type CorrectiveActionSection = z.infer<typeof correctiveActionSectionSchema>;
