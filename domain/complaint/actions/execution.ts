/** Execution and verification: progress reports, the processing record, the result check. */
import { z } from '../../lazy-zod';
import { asksSignature } from './consent';
import { afterRepair, defineAction, fixedRoles, text, textList } from '../define-action';

export const recordProgress = defineAction({
  // 001 二(三): the investigation's progress reaches the customer too, not only the execution's
  stages: ['investigation', 'execution'],
  roles: fixedRoles('repair', 'technical_support', 'customer_service'),
  schema: () => z.object({ note: text() }).strict(),
  apply(step, p) {
    step.state.progressReports += 1;
    step.form('progress', { ...p, seq: step.state.progressReports });
    step.tellCustomer('progress', p.note);
  },
});

export const recordProcessing = defineAction({
  stages: ['execution'],
  roles: fixedRoles('repair', 'technical_support'),
  schema: () =>
    z
      .object({
        steps: textList().min(1),
        replacedParts: z
          .array(
            z
              // 000 表4: why the part was replaced
              .object({ part: text(), oldSerial: text(), newSerial: text().optional(), reason: text().optional() })
              .strict(),
          )
          .max(200)
          .default([]),
        media: z
          .array(
            z
              .object({ kind: z.enum(['photo', 'video', 'document']), ref: text(), stage: z.enum(['before', 'after']) })
              .strict(),
          )
          .max(200)
          .default([]),
        partsConsent: z
          .object({ parts: textList().min(1), cost: z.number().nonnegative(), warranty: text() })
          .strict()
          .optional(),
        serviceConfirmationSigned: z.boolean().optional(),
        engineer: text().optional(),
      })
      .strict(),
  refuse(state, profile, p) {
    const onSite = state.serviceMode === 'on_site';
    // 003 §2.3: parts are named, priced and warranted before they are replaced; the customer signs.
    const consented = p.partsConsent !== undefined || state.partsConsent?.answer?.consent === true;
    if (onSite && profile.dispatch?.requirePartsConsent && p.replacedParts.length > 0 && !consented)
      return 'parts may only be replaced after the customer consents to their name, cost and warranty';
    const signed = p.serviceConfirmationSigned === true || state.serviceConfirmation !== undefined;
    if (onSite && asksSignature(profile) && !signed)
      return `the customer must sign the ${profile.serviceRecord?.form.en ?? 'service confirmation'}`;
    return undefined;
  },
  apply(step, p) {
    step.form('processing', p);
    step.move(afterRepair(step.state, step.profile));
  },
});

export const recordVerification = defineAction({
  stages: ['verification'],
  roles: fixedRoles('technical_support', 'quality_manager'),
  schema: () => z.object({ passed: z.boolean(), method: text(), result: text() }).strict(),
  apply(step, p) {
    step.form('result_verification', p);
    if (!p.passed) return step.move('execution', `verification failed: ${p.result}`);
    step.move('satisfaction');
  },
});
