/** The customer's decision on the plan: acceptance, objection rounds and arbitration, payment. */
import { z } from '../../lazy-zod';
import { CLOSE_REASONS } from '../../labels';
import { afterAgreement, defineAction, fixedRoles, text } from '../define-action';
import { blameEscalation } from '../performance-credit';
import { hasStage } from '../transitions';

export const recordCustomerDecision = defineAction({
  stages: ['customer_decision'],
  customersAnswer: true,
  roles: fixedRoles('customer_service', 'sales'),
  schema: () =>
    z
      .object({
        accepted: z.boolean(),
        comment: text().optional(),
        confirmationRef: text().optional(),
        /** Out of warranty: the customer declines the quoted repair (the unit goes back unrepaired). */
        declinesQuote: z.boolean().optional(),
      })
      .strict(),
  refuse: (state, _profile, p) =>
    p.declinesQuote && (p.accepted || !state.plan?.quote || state.plan.costBorneBy !== 'customer')
      ? 'declinesQuote applies only to a rejected plan with a quote the customer would pay'
      : undefined,
  apply(step, p) {
    const { state, profile } = step;
    step.form('customer_decision', { ...p, round: state.objectionRounds });
    if (p.accepted) return step.move(afterAgreement(state, profile));
    if (p.declinesQuote) return step.close(CLOSE_REASONS.quoteDeclined);
    state.objectionRounds += 1;
    // A procedure without arbitration (004: the plan is renegotiated) always goes back to planning.
    const escalation = hasStage(profile, state, 'escalated') ? profile.objection : undefined;
    if (escalation && state.objectionRounds > escalation.roundsBeforeEscalation) {
      step.tellStaff('escalation', [escalation.escalateTo], p.comment);
      step.move('escalated', p.comment);
      blameEscalation(step, p.comment ?? 'the customer rejected the plan');
    } else {
      step.move('planning', `objection round ${state.objectionRounds}${p.comment ? `: ${p.comment}` : ''}`);
    }
  },
});

export const arbitrate = defineAction({
  stages: ['escalated'],
  roles: (profile) => (profile.objection ? [profile.objection.escalateTo] : []),
  schema: () => z.object({ decision: z.enum(['uphold_plan', 'revise_plan']), note: text() }).strict(),
  apply(step, p) {
    step.form('arbitration', { ...p, arbitration: step.profile.objection?.arbitration });
    if (p.decision === 'uphold_plan') step.move(afterAgreement(step.state, step.profile), p.note);
    else step.move('planning', p.note);
  },
});

export const recordPayment = defineAction({
  stages: ['payment'],
  roles: fixedRoles('sales'),
  schema: () =>
    z
      .object({
        amount: z.number().positive(),
        currency: z.string().length(3),
        reference: text(),
        /** The repaired unit shipped back once paid (004 §5.4 c)). */
        returnShipment: z.object({ carrier: text(), trackingNumber: text() }).strict().optional(),
      })
      .strict(),
  refuse: (_state, profile, p) =>
    profile.paymentBefore === 'return' && !p.returnShipment
      ? 'returnShipment: the repaired unit is shipped back once the fee is paid; say how (carrier, tracking number)'
      : undefined,
  apply(step, p) {
    step.form('payment', p);
    step.state.paid = true;
    const shipped = p.returnShipment;
    if (shipped)
      step.tellCustomer('progress', {
        'zh-CN': `维修品已寄回：${shipped.carrier}，运单号 ${shipped.trackingNumber}`,
        en: `your repaired unit has been shipped back: ${shipped.carrier}, tracking number ${shipped.trackingNumber}`,
      });
    step.move(step.profile.paymentBefore === 'return' ? 'verification' : 'execution');
  },
});
