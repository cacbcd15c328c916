/**
 * 004 §5.6 b): a major complaint whose root cause is not found in a short time gets a written preliminary
 * investigation report and test plan, sent to the customer (a PDF in their language); the formal 8D follows
 * once the true cause is found.
 */
import { z } from '../../lazy-zod';
import type { Profile } from '../../profile-schema';
import { defineAction, fixedRoles, text } from '../define-action';

/** True when one of the profile's clocks is met by the preliminary report reaching the customer. */
export const sendsPreliminaryReport = (profile: Profile): boolean =>
  profile.clockRules?.some((r) => r.metBy.includes('sent:preliminary_report')) ?? false;

export const sendPreliminaryReport = defineAction({
  stages: ['planning', 'approval', 'customer_decision', 'payment', 'execution'],
  roles: fixedRoles('quality_manager', 'technical_support'),
  schema: () =>
    z
      .object({
        findings: text(),
        possibleCauses: z.array(text()).max(20).default([]),
        testPlan: z
          .array(
            z
              .object({
                test: text(),
                method: text(),
                samples: z.number().int().positive().optional(),
                due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'),
              })
              .strict(),
          )
          .min(1)
          .max(30),
      })
      .strict(),
  unavailable(state, profile) {
    if (!sendsPreliminaryReport(profile))
      return { type: 'StageConflict', message: `procedure ${profile.id} sends no preliminary report` };
    if (state.rootCauseFound !== false)
      return { type: 'StageConflict', message: 'the root cause is known: the formal 8D report answers the customer' };
    return undefined;
  },
  apply(step, p) {
    step.form('preliminary_report', p);
    step.tellCustomer('preliminary_report');
  },
});
