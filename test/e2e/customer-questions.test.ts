/**
 * The customer answers for themselves (issue 12) on the real stack (Temporal, PostgreSQL, SMTP, a worker) in
 * a real headless Chromium: the link in the email that asks opens the question; the customer confirms the
 * plan, objects with a reason, accepts a quote, consents to parts and signs, answers the survey — each ending
 * in the stage staff relaying it would reach, the record saying "by link", the owners mailed once. A reused,
 * an altered and an expired link are refused. Screenshots are kept under test-results/screenshots/.
 */
import { MATRIX_REMEDIES } from '../support/workflow-input';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import request from 'supertest';
import type { ActionName } from '../../domain/complaint/actions';
import { STAGE_NAMES } from '../../domain/labels';
import type { Role } from '../../domain/roles';
import type { Stage } from '../../domain/stages';
import { createLinkToken, verifyLinkToken } from '../../infra/customer-links';
import type { CaughtMail } from '../../infra/mail-catcher';
import {
  eventually,
  readComplaint,
  registerComplaint,
  registrationBody,
  startHarness,
  takeAction,
  type Harness,
} from '../support/harness';
import { closeServer, launchChromium, listen, screenshot } from '../support/browser';

/** The subject of the owners' email about a customer's answer, in either language. */
const ANSWERED = /^\[(客户答复|Customer answer)\]/;

let h: Harness;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness();
  ({ server, base } = await listen(h.app));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeServer(server);
  await h?.stop();
});

/** Registers a complaint under a profile, in the customer's language; its number and email. */
async function register(profileId: string, language: 'zh-CN' | 'en', extra: Record<string, unknown> = {}) {
  const customer = { ...registrationBody().customer, language };
  const number = await registerComplaint(h, { profileId, customer, ...extra });
  return { number, email: customer.email };
}

const act = (number: string, action: ActionName, role: Role, payload: Record<string, unknown>) =>
  takeAction(h, number, action, role, payload);

/** The path of the answer link (or of the status link) in the customer's email matching `subject`. */
async function answerLink(email: string, subject: RegExp, kind: 'answer' | 'status' = 'answer'): Promise<string> {
  const mail: CaughtMail = await h.catcher.waitFor((m) => m.to.includes(email) && subject.test(m.subject));
  const links = [...mail.text.matchAll(/https?:\/\/\S+?\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
  const secrets = [h.config.CUSTOMER_LINK_SECRET];
  const decision = links.find((token) => {
    const verified = verifyLinkToken(secrets, token);
    return verified.ok && (verified.payload.p === 'status') === (kind === 'status');
  });
  if (!decision) throw new Error(`no answer link in "${mail.subject}":\n${mail.text}`);
  return `/c/${decision}`;
}

/** Runs `use` on a phone-sized page; the page is closed after. */
async function onPhone<T>(use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  try {
    return await use(await context.newPage());
  } finally {
    await context.close();
  }
}

/** Opens a link; its status and visible text. */
async function open(page: Page, linkPath: string) {
  const response = await page.goto(`${base}${linkPath}`);
  if (!response) throw new Error(`no response for ${linkPath}`);
  return { status: response.status(), text: await page.innerText('body') };
}

/** Clicks a submit button and waits for the page the answer gets; its status and text. */
async function submit(page: Page, selector: string) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return { status: response?.status(), text: await page.innerText('body') };
}

const stageName = (stage: Stage, language: 'zh-CN' | 'en') => STAGE_NAMES[stage][language];

/** The English words of a Chinese page, what staff typed (`typed`) left out: there should be none. */
function englishIn(text: string, typed: string[]): string[] {
  const rest = [...typed].sort((a, b) => b.length - a.length).reduce((t, v) => t.split(v).join(' '), text);
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

/**
 * The status page while a question waits: the date it is to be answered by, next to the question's title,
 * the same date as the waiting question's line; never "no date" while one waits.
 */
async function expectAnswerDue(page: Page, title: string, none: string) {
  const due = await page.innerText('[data-field=answer-due]');
  const waitingBy = await page.innerText('[data-purpose=plan_decision] time');
  expect(due.startsWith(waitingBy)).toBe(true);
  expect(due).toContain(title);
  const next = page.locator('[data-field=next]');
  if (await next.count()) expect(await next.innerText()).not.toBe(none);
}

/** The complaint's records: audit entries and forms. */
async function records(number: string) {
  return (
    await request(h.app)
      .get(`/api/v1/complaints/${number}/records`)
      .set('Authorization', h.as('quality_manager'))
      .expect(200)
  ).body as {
    audit: Array<{ action: string; actor: { id: string; role: string } }>;
    forms: Array<{ kind: string; data: Record<string, unknown> }>;
  };
}

const diagnosis = {
  cause: 'manufacturing',
  defectCode: 'solder_joint',
  analysis: { method: 'five_why', whys: ['drive trips', 'over-current', 'solder joint cracked'] },
  findings: 'cracked solder joint on the power board',
  evidence: { factoryTestReport: 'FT-2611: all tests passed at shipment' },
};
const plan = { summary: 'replace the power board', customerRemedy: MATRIX_REMEDIES };

/** 000 up to the customer's decision; the plan email's answer link. */
async function planAsked(language: 'zh-CN' | 'en') {
  const complaint = await register('industrial-fault', language);
  await act(complaint.number, 'classify', 'customer_service', { type: 'product_fault' });
  await act(complaint.number, 'checkValidity', 'sales', { valid: true, reason: 'our fault', customerContacted: true });
  await act(complaint.number, 'submitDiagnosis', 'technical_support', diagnosis);
  await act(complaint.number, 'proposePlan', 'technical_support', plan);
  await act(complaint.number, 'approvePlan', 'quality_manager', { approved: true });
  const link = await answerLink(complaint.email, language === 'en' ? /^Our plan for complaint/ : /的处理方案/);
  return { ...complaint, link };
}

test('000: the customer confirms the plan, later answers the survey; the same link again is refused', async () => {
  const { number, email, link } = await planAsked('zh-CN');
  const typed = [number, registrationBody().product.model, plan.summary, ...MATRIX_REMEDIES];
  // the status page of the plan email: the date the question is to be answered by
  await onPhone(async (page) => {
    await open(page, await answerLink(email, /的处理方案/, 'status'));
    await expectAnswerDue(page, '请确认处理方案', '暂无');
    expect(englishIn(await page.innerText('body'), typed)).toEqual([]);
  });
  await onPhone(async (page) => {
    const shown = await open(page, link);
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('请确认处理方案');
    expect(shown.text).toContain(plan.summary);
    await screenshot(page, 'customer-plan-question.png');
    // an objection without a reason: what to do, in Chinese, and no English word on the page
    const bare = await submit(page, 'button[value=object]');
    expect(bare.status).toBe(400);
    expect(await page.innerText('[data-field=error]')).toContain('提出异议时，请写明理由。');
    expect(englishIn(bare.text, typed)).toEqual([]);
    await screenshot(page, 'customer-plan-objection-without-reason.png');
    // the form sent after its cookie is gone: reload the page (in Chinese); after the reload it answers
    await page.context().clearCookies();
    await page.fill('#comment', '请尽快安排');
    const stale = await submit(page, 'button[value=confirm]');
    expect(stale.status).toBe(403);
    expect(stale.text).toContain('请重新加载此页面');
    expect(englishIn(stale.text, typed)).toEqual([]);
    await submit(page, '[data-field=reload] + p a');
    await page.fill('#comment', '请尽快安排');
    const csrf = await page.inputValue('input[name=csrf]');
    const answered = await submit(page, 'button[value=confirm]');
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('您的答复已记录');
    expect(answered.text).toContain(stageName('execution', 'zh-CN'));
    await screenshot(page, 'customer-plan-answered.png');
    // the same answer sent again (as after a first answer lost on its way back): what became of it, not "used"
    const again = await page.request.post(page.url(), { form: { csrf, choice: 'confirm', comment: '请尽快安排' } });
    expect([again.status(), (await again.text()).includes('您的答复已记录')]).toEqual([200, true]);
    const other = await page.request.post(page.url(), { form: { csrf, choice: 'object', reason: '太慢' } });
    expect(other.status()).toBe(410);
  });
  expect((await readComplaint(h, number)).live.stage).toBe('execution');
  const decision = (await records(number)).audit.find((a) => a.action === 'recordCustomerDecision')!;
  expect(decision.actor.role).toBe('customer');
  const form = (await records(number)).forms.find((f) => f.kind === 'customer_decision')!;
  expect(form.data).toMatchObject({ accepted: true, comment: '请尽快安排', answeredBy: 'customer_by_link' });
  // the owners are told what the customer said, each once
  const toldOf = (answer: string) =>
    h.catcher.messages.filter((m) => m.subject.includes(number) && ANSWERED.test(m.subject) && m.text.includes(answer));
  await h.catcher.waitFor((m) => m.subject.includes(number) && ANSWERED.test(m.subject));
  const told = toldOf('customerConfirmed');
  expect(told.length).toBeGreaterThan(0);
  expect(new Set(told.map((m) => m.to.join(','))).size).toBe(told.length);

  // the same link again: used, nothing of the form
  await onPhone(async (page) => {
    const again = await open(page, link);
    expect(again.status).toBe(410);
    expect(again.text).toContain('此链接已使用');
    expect(again.text).not.toContain(plan.summary);
    await screenshot(page, 'customer-link-used.png');
  });

  await act(number, 'recordProcessing', 'repair', { steps: ['replaced power board'] });
  await act(number, 'recordVerification', 'technical_support', { passed: true, method: 'run test', result: 'ok' });
  const survey = await answerLink(email, /请评价投诉/);
  await onPhone(async (page) => {
    const shown = await open(page, survey);
    expect(shown.text).toContain('满意度评价');
    await page.check('input[name=level][value=very_satisfied]');
    await screenshot(page, 'customer-survey.png');
    const answered = await submit(page, 'button[value=send]');
    expect(answered.text).toContain('您的答复已记录');
  });
  await readComplaint(h, number, (live) => ['closed', 'archived'].includes(live.stage));
  const surveyForm = (await records(number)).forms.find((f) => f.kind === 'survey')!;
  expect(surveyForm.data).toMatchObject({ level: 'very_satisfied', answeredBy: 'customer_by_link' });
  await h.catcher.waitFor((m) => m.subject.includes(number) && ANSWERED.test(m.subject) && m.text.includes('survey'));
  const surveyTold = toldOf('surveyAnswered');
  expect(new Set(surveyTold.map((m) => m.to.join(','))).size).toBe(surveyTold.length);
});

test('000: an objection needs a reason (the form comes back, the link still answers); with one, the plan goes back', async () => {
  const { number, email } = await planAsked('en');
  // from the status page: it lists the question the complaint waits on, with a link that answers it
  const statusPath = await answerLink(email, /^Our plan for complaint/, 'status');
  await onPhone(async (page) => {
    const status = await open(page, statusPath);
    expect(status.text).toContain('Waiting for your answer');
    expect(status.text).toContain('Please confirm our plan');
    await expectAnswerDue(page, 'Please confirm our plan', 'none at the moment');
    expect(status.text).not.toMatch(/[\u3000-\u9fff]/);
    await screenshot(page, 'customer-status-waiting.png');
    const question = await submit(page, '[data-purpose=plan_decision] a');
    expect(question.text).toContain(plan.summary);
    const bare = await submit(page, 'button[value=object]');
    expect(bare.status).toBe(400);
    expect(await page.innerText('[data-field=error]')).toContain('Please tell us why you object.');
    expect(bare.text).not.toMatch(/Invalid input|expected string/);
    await page.fill('#reason', 'I need the drive back within 48 hours');
    const answered = await submit(page, 'button[value=object]');
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Your answer is recorded');
    expect(answered.text).toContain(stageName('planning', 'en'));
  });
  const live = (await readComplaint(h, number)).live;
  expect(live.stage).toBe('planning');
  expect(live.objectionRounds).toBe(1);
  expect(live.deadlines.map((d) => d.name)).toContain('revision');
});

test('004 out of warranty: the customer accepts the quote by link and the repair starts (payment holds back the return, §5.4 c))', async () => {
  const { number, email } = await register('cr-mp25', 'en', {
    product: { model: 'PSU-48', batchNumber: `W-${Date.now()}`, warrantyStatus: 'out' },
  });
  await act(number, 'classify', 'sales', { type: 'repair_out_of_warranty' });
  await act(number, 'checkValidity', 'technical_support', {
    valid: true,
    reason: 'repairable',
    customerContacted: true,
  });
  await act(number, 'submitDiagnosis', 'technical_support', { ...diagnosis, cause: 'misuse' });
  await act(number, 'proposePlan', 'technical_support', {
    ...plan,
    costBorneBy: 'customer',
    quote: { amount: 800, currency: 'CNY' },
  });
  await act(number, 'approvePlan', 'quality_manager', { approved: true });
  const link = await answerLink(email, new RegExp(`plan for complaint ${number}`));
  await onPhone(async (page) => {
    const shown = await open(page, link);
    expect(shown.text).toContain('The repair quote');
    expect(shown.text).toContain('800 CNY');
    await screenshot(page, 'customer-quote.png');
    const answered = await submit(page, 'button[value=accept]');
    expect(answered.text).toContain(stageName('execution', 'en'));
  });
  expect((await readComplaint(h, number)).live.stage).toBe('execution');
});

test('003 on site: the customer consents to the parts and signs the service confirmation by link', async () => {
  const { number, email } = await register('after-sales', 'en');
  await act(number, 'classify', 'customer_service', { type: 'fault_repair', faultCategory: 'hardware' });
  await act(number, 'dispatchEngineer', 'department_head', {
    engineer: { name: 'Wu', region: 'east', qualification: 'HX series' },
  });
  await act(number, 'recordArrival', 'repair', { note: 'on site' });
  await act(number, 'requestPartsConsent', 'repair', {
    parts: ['temperature sensor'],
    cost: 120,
    currency: 'CNY',
    warranty: '12 months',
  });
  const consentLink = await answerLink(email, /your consent to replace parts/);
  await onPhone(async (page) => {
    const shown = await open(page, consentLink);
    expect(shown.text).toContain('temperature sensor');
    expect(shown.text).toContain('120 CNY');
    const answered = await submit(page, 'button[value=consent]');
    expect(answered.text).toContain('Your answer is recorded');
  });
  await act(number, 'requestServiceConfirmation', 'repair', { summary: 'sensor replaced, function test passed' });
  const signLink = await answerLink(email, /please sign the service confirmation/);
  await onPhone(async (page) => {
    const shown = await open(page, signLink);
    expect(shown.text).toContain('sensor replaced, function test passed');
    await page.fill('#signedBy', 'Zhang Wei');
    await screenshot(page, 'customer-sign.png');
    const answered = await submit(page, 'button[value=sign]');
    expect(answered.text).toContain('Your answer is recorded');
    expect(answered.text).toContain(stageName('execution', 'en'));
  });
  // consent and signature on record: the engineer's processing record needs neither in its payload
  await act(number, 'recordProcessing', 'repair', {
    steps: ['replaced sensor'],
    replacedParts: [{ part: 'temperature sensor', oldSerial: 'S-1' }],
  });
  const forms = (await records(number)).forms;
  expect(forms.find((f) => f.kind === 'service_confirmation')?.data).toMatchObject({
    signedBy: 'Zhang Wei',
    address: expect.stringMatching(/127\.0\.0\.1/),
    via: 'link',
  });
  expect(forms.find((f) => f.kind === 'parts_consent')?.data).toMatchObject({
    consent: true,
    answeredBy: 'customer_by_link',
  });
});

test('004 §5.5: the R&D manager approves the technical-support request; after on-site support the customer signs QR25-03, not satisfied, by link (zh-CN)', async () => {
  const { number, email } = await register('cr-mp25', 'zh-CN');
  await act(number, 'classify', 'sales', { type: 'technical_support' });
  // a technical-support request is approved by the sales or R&D manager, not by quality
  const refused = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/checkValidity`)
    .set('Authorization', h.as('quality_manager'))
    .send({ valid: true, reason: 'supported model', customerContacted: true });
  expect([refused.status, refused.body.message]).toEqual([
    403,
    expect.stringContaining('销售部经理 sales manager (department_head), 研发经理 R&D manager (department_head)'),
  ]);
  await act(number, 'checkValidity', 'department_head', {
    valid: true,
    reason: 'request approved: on-site support',
    customerContacted: true,
  });
  await act(number, 'submitDiagnosis', 'technical_support', { ...diagnosis, serviceMode: 'on_site' });
  await act(number, 'proposePlan', 'technical_support', {
    summary: 'R&D engineer on site to retune the controller',
    customerRemedy: ['retune the controller on site'],
    remedyDeviation: 'technical support: none of the quality remedies applies',
  });
  await act(number, 'approvePlan', 'quality_manager', { approved: true });
  await act(number, 'recordCustomerDecision', 'sales', { accepted: true });
  const unsigned = await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/recordProcessing`)
    .set('Authorization', h.as('technical_support'))
    .send({ steps: ['controller retuned'] });
  expect([unsigned.status, unsigned.body.message]).toEqual([
    400,
    'the customer must sign the technical-support record QR25-03',
  ]);
  await act(number, 'requestServiceConfirmation', 'technical_support', { summary: '控制器已现场重新调试' });
  const signLink = await answerLink(email, /请签署服务确认单/);
  await onPhone(async (page) => {
    const shown = await open(page, signLink);
    expect(shown.text).toContain('技术支持记录表 QR25-03');
    expect(shown.text).toContain('控制器已现场重新调试');
    expect(await page.locator('button[value=satisfied]').innerText()).toBe('满意，签署');
    await page.fill('#signedBy', '张伟');
    await screenshot(page, 'customer-sign-qr25-03.png');
    const answered = await submit(page, 'button[value=unsatisfied]');
    expect(answered.text).toContain(stageName('execution', 'zh-CN'));
  });
  await act(number, 'recordProcessing', 'technical_support', { steps: ['controller retuned'] });
  const forms = (await records(number)).forms;
  expect(forms.find((f) => f.kind === 'service_confirmation')?.data).toMatchObject({
    signedBy: '张伟',
    satisfied: false,
    record: 'technical-support record QR25-03',
    via: 'link',
  });
  expect((await readComplaint(h, number)).live.stage).toBe('verification');
});

test('an altered, an expired and a foreign-purpose link get the refusal page; a form without its cookie says to reload', async () => {
  const { number, email, link } = await planAsked('en');
  const token = link.slice('/c/'.length);
  const altered = `${token.slice(0, 12)}${token[12] === 'A' ? 'B' : 'A'}${token.slice(13)}`;
  const expired = createLinkToken(h.config.CUSTOMER_LINK_SECRET, {
    number,
    customerEmail: email,
    purpose: 'plan_decision',
    expiresAt: new Date(Date.now() - 60_000),
    askKey: 'plan#5',
  });
  await onPhone(async (page) => {
    expect((await open(page, `/c/${altered}`)).status).toBe(404);
    const late = await open(page, `/c/${expired}`);
    expect(late.status).toBe(410);
    expect(late.text).toContain('This link is not valid or has expired');
    expect(late.text).not.toContain(number);
    await screenshot(page, 'customer-decision-expired.png');
  });
  // a cross-site post carries no cookie of ours: refused (reload the page, it says), and the link still answers
  const forged = await request(server).post(link).type('form').send({ choice: 'confirm', csrf: 'x' });
  expect(forged.status).toBe(403);
  expect(forged.text).toContain('Please reload this page');
  expect(forged.text).not.toContain('This link is not valid or has expired');
  await onPhone(async (page) => {
    expect((await open(page, link)).status).toBe(200);
  });
  await eventually(async () =>
    (await readComplaint(h, number)).live.stage === 'customer_decision' ? true : undefined,
  );
});
