/**
 * The customer's answers by link, as signals into the complaint workflow (issue 12): each answer ends in the
 * stage staff relaying it would reach; a late, out-of-stage, superseded or repeated answer is refused and
 * changes nothing; the record says the customer answered by link.
 */
import { randomBytes } from 'node:crypto';
import { CUSTOMER_ANSWERS } from '../../domain/complaint/customer-answers';
import {
  customerAnswerSignals,
  linkAnswerCheckQuery,
  linkAnswerOutcomeQuery,
  linkQuestionQuery,
  statusQuery,
  type CustomerAnswerName,
  type LinkAnswer,
  type LinkAnswerOutcome,
} from '../../domain/complaint-contract';
import { eventually } from '../support/eventually';
import { SAMPLE_DIAGNOSIS, SAMPLE_PLAN, workflowInput } from '../support/workflow-input';
import { act, closedResult, statusWhen, toQuoteDecision, type Handle } from '../support/workflow-scenario';
import { serverPerTest } from '../support/server-per-test';

const server = serverPerTest();
const { scenario } = server;

const diagnosis = SAMPLE_DIAGNOSIS;
const plan = SAMPLE_PLAN;

/** 000 up to the customer's decision on the plan. */
async function toCustomerDecision(h: Handle) {
  await act(h, 'classify', 'customer_service', { type: 'product_fault' });
  await act(h, 'checkValidity', 'sales', { valid: true, reason: 'our fault', customerContacted: true });
  await act(h, 'submitDiagnosis', 'technical_support', diagnosis);
  await act(h, 'proposePlan', 'technical_support', plan);
  return act(h, 'approvePlan', 'quality_manager', { approved: true });
}

const newLinkId = () => randomBytes(16).toString('base64url');

/** The open question of the answer's purpose, as the complaint's status lists it. */
async function openAskKey(h: Handle, name: CustomerAnswerName): Promise<string> {
  const status = await h.query(statusQuery);
  const ask = status.openAsks?.find((a) => a.purpose === CUSTOMER_ANSWERS[name].purpose);
  if (!ask) throw new Error(`no open ${CUSTOMER_ANSWERS[name].purpose} question`);
  return ask.key;
}

/**
 * Sends an answer as the page does (the signal of `name`) and waits, by query with a deadline, for what
 * became of it and for its effects to be carried out.
 */
async function answerByLink(
  h: Handle,
  name: CustomerAnswerName,
  answer: unknown,
  link: Partial<LinkAnswer> = {},
): Promise<LinkAnswerOutcome> {
  const full: LinkAnswer = {
    linkId: link.linkId ?? newLinkId(),
    askKey: link.askKey ?? (await openAskKey(h, name)),
    answeredAt: new Date(await server.env().currentTimeMs()).toISOString(),
    address: '203.0.113.7',
    answer,
  };
  await h.signal(customerAnswerSignals[name], full);
  const outcome = await eventually(
    async () => (await h.query(linkAnswerOutcomeQuery, full.linkId)) ?? undefined,
    30_000,
  );
  await statusWhen(h, (s) => !s.pendingEffects);
  return outcome;
}

test('000: the customer confirms the plan by link; the record says so, the owners are told, the same link again changes nothing', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'industrial-fault'),
    async (h, sofar) => {
      await toCustomerDecision(h);
      const planEmail = sofar.customerEmails.find((e) => e.event === 'plan')!;
      expect(planEmail.ask?.purpose).toBe('plan_decision');
      // the procedure sets no window for the decision: ours, 14 days from the email
      const status = await h.query(statusQuery);
      const ask = status.openAsks!.find((a) => a.purpose === 'plan_decision')!;
      expect(ask.key).toBe(planEmail.key);
      expect(Date.parse(ask.expiresAt) - Date.parse(ask.askedAt)).toBe(14 * 86_400_000);

      const linkId = newLinkId();
      const check = await h.query(linkAnswerCheckQuery, 'customerConfirmed', {
        linkId,
        askKey: ask.key,
        answeredAt: new Date().toISOString(),
        answer: { comment: 'go ahead' },
      });
      expect(check).toEqual({ ok: true });
      const question = await h.query(linkQuestionQuery, 'plan_decision', { linkId, askKey: ask.key });
      expect(question).toMatchObject({
        ok: true,
        question: { plan: { summary: plan.summary }, answers: ['customerConfirmed', 'customerObjected'] },
      });
      const outcome = await answerByLink(h, 'customerConfirmed', { comment: 'go ahead' }, { linkId });
      expect(outcome).toMatchObject({ applied: true, stage: 'execution', answer: 'customerConfirmed' });

      // the same link again (a second click): ignored, the first answer stands
      const again = await answerByLink(
        h,
        'customerObjected',
        { reason: 'changed my mind' },
        { linkId, askKey: ask.key },
      );
      expect(again).toEqual(outcome);
      // another link of the same email: the question is answered
      const other = await answerByLink(h, 'customerObjected', { reason: 'changed my mind' }, { askKey: ask.key });
      expect(other).toMatchObject({ applied: false, reason: 'answered', stage: 'execution' });
      expect((await h.query(statusQuery)).stage).toBe('execution');
    },
  );
  const decision = recorded.actions.find((a) => a.action === 'recordCustomerDecision')!;
  expect(decision.actor).toMatchObject({ role: 'customer' });
  expect(decision.forms[0]).toMatchObject({
    kind: 'customer_decision',
    data: { accepted: true, comment: 'go ahead', answeredBy: 'customer_by_link' },
  });
  expect(recorded.actions.filter((a) => a.action === 'recordCustomerDecision')).toHaveLength(1);
  const told = recorded.staffEmails.filter((e) => e.event === 'customer_answered');
  expect(told).toHaveLength(1);
  expect(told[0]!.note).toContain('customerConfirmed');
});

test('000: objections by link send the plan back for revision, supersede the old link, and escalate after two rounds', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'industrial-fault'),
    async (h) => {
      await toCustomerDecision(h);
      const firstKey = await openAskKey(h, 'customerObjected');
      const first = await answerByLink(h, 'customerObjected', { reason: 'too slow' });
      expect(first).toMatchObject({ applied: true, stage: 'planning' });
      const revised = await h.query(statusQuery);
      expect(revised.deadlines.map((d) => d.name)).toContain('revision');

      await act(h, 'proposePlan', 'technical_support', { ...plan, summary: 'replace the board within 24 h' });
      await act(h, 'approvePlan', 'quality_manager', { approved: true });
      const secondKey = await openAskKey(h, 'customerObjected');
      expect(secondKey).not.toBe(firstKey);
      // the first plan's email asked a question the revised plan replaced
      const stale = await answerByLink(h, 'customerConfirmed', {}, { askKey: firstKey });
      expect(stale).toMatchObject({ applied: false, reason: 'superseded', stage: 'customer_decision' });

      // an objection without a reason is refused on its fields
      const bare = await answerByLink(h, 'customerObjected', {});
      expect(bare).toMatchObject({ applied: false, reason: 'invalid' });
      expect(bare.note).toContain('reason');

      await answerByLink(h, 'customerObjected', { reason: 'still too slow' });
      await act(h, 'proposePlan', 'technical_support', { ...plan, summary: 'replace the whole drive' });
      await act(h, 'approvePlan', 'quality_manager', { approved: true });
      const third = await answerByLink(h, 'customerObjected', { reason: 'I want a refund' });
      expect(third).toMatchObject({ applied: true, stage: 'escalated' });
    },
  );
  expect(recorded.staffEmails.filter((e) => e.event === 'escalation')).toHaveLength(1);
  expect(recorded.staffEmails.filter((e) => e.event === 'customer_answered')).toHaveLength(3);
  expect(recorded.customerEmails.filter((e) => e.event === 'plan')).toHaveLength(3);
});

test('an answer after its window, or out of stage, is refused and changes nothing', async () => {
  await scenario(
    (n) => workflowInput(n, 'industrial-fault'),
    async (h) => {
      await toCustomerDecision(h);
      const askKey = await openAskKey(h, 'customerConfirmed');
      await server.env().sleep('15 days');
      const late = await answerByLink(h, 'customerConfirmed', {}, { askKey });
      expect(late).toMatchObject({ applied: false, reason: 'window_closed', stage: 'customer_decision' });
      expect(late.note).toContain('time to answer ended');

      // staff relay the answer taken by phone; the link of the email can no longer decide anything
      const relayed = await act(h, 'recordCustomerDecision', 'customer_service', { accepted: true });
      expect(relayed.stage).toBe('execution');
      expect(relayed.openAsks).toEqual([]);
      const outOfStage = await answerByLink(h, 'customerObjected', { reason: 'no' }, { askKey });
      expect(outOfStage).toMatchObject({ applied: false, reason: 'out_of_stage', stage: 'execution' });
      expect((await h.query(statusQuery)).stage).toBe('execution');
    },
  );
});

test('004: the customer objects to an invalid finding by link inside the window; the quote is declined by link', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'cr-mp25'),
    async (h) => {
      await act(h, 'classify', 'sales', { type: 'quality_in_warranty' });
      await act(h, 'checkValidity', 'quality_manager', {
        valid: false,
        reason: 'customer misjudged',
        customerContacted: true,
      });
      const status = await h.query(statusQuery);
      const ask = status.openAsks!.find((a) => a.purpose === 'invalid_objection')!;
      // the window is the procedure's own objection window (7 days)
      const window = status.deadlines.find((d) => d.name === 'objection_window');
      expect(ask.expiresAt).toBe(window?.dueAt ?? ask.expiresAt);
      expect(Date.parse(ask.expiresAt) - Date.parse(ask.askedAt)).toBe(7 * 86_400_000);
      await server.env().sleep('3 days');
      const objected = await answerByLink(h, 'invalidObjected', { reason: 'the unit was never dropped' });
      expect(objected).toMatchObject({ applied: true, stage: 'investigation' });
    },
  );
  const objection = recorded.actions.find((a) => a.action === 'customerObjects')!;
  expect(objection.forms[0]!.data).toMatchObject({
    note: 'the unit was never dropped',
    answeredBy: 'customer_by_link',
  });

  const quoted = await scenario(
    (n) => workflowInput(n, 'cr-mp25', { warranty: 'out' }),
    async (h) => {
      await toQuoteDecision(h);
      const declined = await answerByLink(h, 'quoteAnswered', { accepted: false, reason: 'too expensive' });
      expect(declined).toMatchObject({ applied: true, stage: 'closed' });
      expect((await closedResult(h)).reason).toBe('customer declined the repair quote; unit returned unrepaired');
    },
  );
  expect(quoted.customerEmails.find((e) => e.event === 'plan')?.ask?.purpose).toBe('quote');
});

test('003 on site: the customer consents to parts and signs the service confirmation by link, then answers the survey', async () => {
  const recorded = await scenario(
    (n) => workflowInput(n, 'after-sales'),
    async (h) => {
      await act(h, 'classify', 'customer_service', { type: 'fault_repair', faultCategory: 'hardware' });
      await act(h, 'dispatchEngineer', 'department_head', {
        engineer: { name: 'Wu', region: 'east', qualification: 'HX series' },
      });
      await act(h, 'recordArrival', 'repair', { note: 'on site' });
      await act(h, 'requestPartsConsent', 'repair', {
        parts: ['temperature sensor'],
        cost: 120,
        currency: 'CNY',
        warranty: '12 months',
      });
      const consent = await answerByLink(h, 'partsConsent', { consent: true });
      expect(consent).toMatchObject({ applied: true, stage: 'execution' });
      await act(h, 'requestServiceConfirmation', 'repair', { summary: 'sensor replaced, function test passed' });
      // a signature needs a name
      expect(await answerByLink(h, 'serviceConfirmed', { signedBy: ' ' })).toMatchObject({ reason: 'invalid' });
      const signed = await answerByLink(h, 'serviceConfirmed', { signedBy: 'Li Na' });
      expect(signed.applied).toBe(true);
      // consent and signature came by link: the processing record needs neither in its payload
      const processed = await act(h, 'recordProcessing', 'repair', {
        steps: ['replaced sensor'],
        replacedParts: [{ part: 'temperature sensor', oldSerial: 'S-1' }],
      });
      expect(processed.stage).toBe('verification');
      await act(h, 'recordVerification', 'technical_support', { passed: true, method: 'function test', result: 'ok' });
      // the survey on the profile's own scale (1–10; below 8 needs a reason)
      expect(await answerByLink(h, 'surveyAnswered', { score: 6 })).toMatchObject({ reason: 'invalid' });
      const answered = await answerByLink(h, 'surveyAnswered', { score: 9, comments: 'quick and tidy' });
      expect(answered.applied).toBe(true);
      expect(['closed', 'follow_up']).toContain(answered.stage);
    },
  );
  const forms = recorded.actions.flatMap((a) => a.forms);
  expect(forms.find((f) => f.kind === 'parts_consent')?.data).toMatchObject({
    consent: true,
    parts: ['temperature sensor'],
    answeredBy: 'customer_by_link',
  });
  expect(forms.find((f) => f.kind === 'service_confirmation')?.data).toMatchObject({
    signedBy: 'Li Na',
    address: '203.0.113.7',
    via: 'link',
    answeredBy: 'customer_by_link',
  });
  expect(forms.find((f) => f.kind === 'survey')?.data).toMatchObject({ score: 9, answeredBy: 'customer_by_link' });
  expect(recorded.customerEmails.map((e) => e.ask?.purpose).filter(Boolean)).toEqual([
    'parts_consent',
    'service_confirmation',
    'survey',
  ]);
});
