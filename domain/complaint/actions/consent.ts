/**
 * 003 §2.3 on site: the customer consents to the parts (name, cost, warranty) before they are replaced, and
 * signs the service confirmation after the function test. Staff ask by email (the customer answers by link)
 * or record what the customer said on the spot or by phone.
 */
import { z } from '../../lazy-zod';
import type { Profile } from '../../profile-schema';
import { defineAction, fixedRoles, text, textList } from '../define-action';
import type { ComplaintState } from '../state';

const ON_SITE_ROLES = fixedRoles('repair', 'technical_support', 'customer_service');
/** A short line as a customer types it on the page (a name). */
const shortText = () => z.string().trim().min(1).max(200);
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** The procedure asks the customer to sign for on-site service: 003's service confirmation, 004's QR25-03. */
export const asksSignature = (profile: Profile) =>
  !!profile.dispatch?.requireServiceConfirmation || profile.serviceRecord !== undefined;

function notOnSite(
  state: ComplaintState,
  profile: Profile,
  what: 'requirePartsConsent' | 'requireServiceConfirmation',
) {
  const asks = what === 'requireServiceConfirmation' ? asksSignature(profile) : !!profile.dispatch?.[what];
  if (!asks) return 'this procedure does not ask the customer for it';
  return state.serviceMode === 'on_site' ? undefined : 'only on-site service asks the customer for it';
}

export const requestPartsConsent = defineAction({
  stages: ['execution'],
  roles: ON_SITE_ROLES,
  schema: () =>
    z
      .object({
        parts: textList().min(1),
        cost: z.number().nonnegative(),
        currency: z.string().length(3),
        warranty: text(),
      })
      .strict(),
  refuse: (state, profile) => notOnSite(state, profile, 'requirePartsConsent'),
  apply(step, p) {
    step.state.partsConsent = { ...p, requestedAt: new Date(step.nowMs).toISOString() };
    step.form('parts_consent_request', p);
    step.tellCustomer('parts_consent_request', `${p.parts.join(', ')} — ${p.cost} ${p.currency} — ${p.warranty}`);
  },
});

export const recordPartsConsent = defineAction({
  stages: ['execution'],
  customersAnswer: true,
  roles: ON_SITE_ROLES,
  schema: () => z.object({ consent: z.boolean(), note: text().optional() }).strict(),
  refuse(state, profile) {
    if (!state.partsConsent) return 'no parts were put to the customer (requestPartsConsent)';
    if (state.partsConsent.answer) return { type: 'StageConflict', message: 'the customer has answered already' };
    return notOnSite(state, profile, 'requirePartsConsent');
  },
  apply(step, p) {
    const { state } = step;
    const via = step.actor.role === 'customer' ? 'link' : 'staff';
    state.partsConsent!.answer = { consent: p.consent, at: new Date(step.nowMs).toISOString(), via };
    step.form('parts_consent', { ...p, parts: state.partsConsent!.parts, cost: state.partsConsent!.cost });
  },
});

export const requestServiceConfirmation = defineAction({
  stages: ['execution'],
  roles: ON_SITE_ROLES,
  schema: () => z.object({ summary: text() }).strict(),
  refuse: (state, profile) => notOnSite(state, profile, 'requireServiceConfirmation'),
  apply(step, p) {
    step.form('service_confirmation_request', { ...p, record: step.profile.serviceRecord?.form.en });
    // the page the link opens is titled with the procedure's record (004 QR25-03)
    step.tellCustomer('service_confirmation_request', p.summary);
  },
});

export const recordServiceConfirmation = defineAction({
  stages: ['execution'],
  customersAnswer: true,
  roles: ON_SITE_ROLES,
  schema: () =>
    z
      .object({
        signedBy: shortText(),
        signedAt: z.string().regex(ISO_INSTANT).optional(),
        /** The address the customer signed from (a link answer). */
        address: z.string().max(100).optional(),
        /** Whether the customer is satisfied, where the record asks (004 §5.5 d)). */
        satisfied: z.boolean().optional(),
      })
      .strict(),
  refuse(state, profile, p) {
    if (state.serviceConfirmation) return { type: 'StageConflict', message: 'the service confirmation is signed' };
    const record = profile.serviceRecord;
    if (record?.asksSatisfaction && p.satisfied === undefined)
      return `satisfied: the ${record.form.en} asks whether the customer is satisfied (${record.section})`;
    return notOnSite(state, profile, 'requireServiceConfirmation');
  },
  apply(step, p) {
    const via = step.actor.role === 'customer' ? 'link' : 'staff';
    step.state.serviceConfirmation = { ...p, signedAt: p.signedAt ?? new Date(step.nowMs).toISOString(), via };
    step.form('service_confirmation', {
      ...step.state.serviceConfirmation,
      record: step.profile.serviceRecord?.form.en,
    });
  },
});
