/**
 * The customer's status page on the real stack (Temporal, PostgreSQL, SMTP, a worker) in a real headless
 * Chromium (Debian's, driven by playwright-core): the status link of the acknowledgement email opens the
 * complaint in the customer's language; an altered, an expired and a foreign link each get the refusal page
 * with nothing of the complaint; more than 30 requests a minute get 429. A screenshot is kept under
 * test-results/screenshots/.
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { STAGE_NAMES } from '../../domain/labels';
import { createLinkToken } from '../../infra/customer-links';
import type { CaughtMail } from '../../infra/mail-catcher';
import {
  eventually,
  readComplaint,
  registerComplaint,
  registrationBody,
  startHarness,
  type Harness,
} from '../support/harness';
import { closeServer, launchChromium, listen, screenshot } from '../support/browser';

const REFUSAL_EN = 'This link is not valid or has expired';
const REFUSAL_ZH = '此链接无效或已过期';

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

/** The path `/c/<token>` of the status link in an email, and the link as written. */
function statusLinkIn(mail: CaughtMail): { link: string; path: string } {
  const link = /https?:\/\/\S+?\/c\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no status link in the email "${mail.subject}":\n${mail.text}`);
  return { link, path: new URL(link).pathname };
}

/** Opens a path of the app in a phone-sized page; its status, headers and visible text. */
async function open(pathname: string, screenshotName?: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  try {
    const page = await context.newPage();
    const response = await page.goto(`${base}${pathname}`);
    if (!response) throw new Error(`no response for ${pathname}`);
    const text = await page.innerText('body');
    if (screenshotName) await screenshot(page, screenshotName);
    return { status: response.status(), headers: response.headers(), text, html: await page.content() };
  } finally {
    await context.close();
  }
}

let number: string;
let customerEmail: string;
let statusPath: string;

test('the status link of the acknowledgement opens the complaint in Chinese', async () => {
  const body = registrationBody();
  customerEmail = body.customer.email;
  number = await registerComplaint(h, { customer: body.customer });
  const ack = await h.catcher.waitFor(
    (m) => m.to.includes(customerEmail) && m.subject === `您的投诉已受理（编号 ${number}）`,
  );
  const { link, path: linkPath } = statusLinkIn(ack);
  expect(link.startsWith(`${h.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/c/`)).toBe(true);
  expect(ack.text).toContain(`查看投诉进度：${link}`);
  statusPath = linkPath;
  // no personal data in the URL beyond the token
  expect(link).not.toContain(customerEmail);
  expect(link).not.toContain(encodeURIComponent(customerEmail));

  const live = (await readComplaint(h, number)).live;
  // the acknowledgement is marked sent in the outbox once the SMTP server took it
  await eventually(async () =>
    (await h.prisma.outboxEmail.count({ where: { complaintNumber: number, recipient: customerEmail, status: 'sent' } }))
      ? true
      : undefined,
  );

  const shown = await open(statusPath, 'customer-status.png');
  expect(shown.status).toBe(200);
  expect(shown.headers['cache-control']).toBe('no-store');
  expect(shown.headers['referrer-policy']).toBe('no-referrer');
  expect(shown.headers['content-security-policy']).toBeDefined();
  expect(shown.headers['x-content-type-options']).toBe('nosniff');
  expect(shown.html).toContain('<html lang="zh-CN">');
  expect(shown.html).toMatch(/<meta name="viewport"/);
  expect(shown.text).toContain('投诉进度');
  expect(shown.text).toContain(number);
  expect(shown.text).toContain(body.product.model);
  expect(shown.text).toContain(STAGE_NAMES[live.stage]['zh-CN']);
  // the default procedure promises the first contact: its due date in Chinese, in the company's zone
  expect(shown.text).toMatch(/下一个承诺日期\s+\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d 之前（首次联系客户）/);
  expect(shown.text).toContain('我们发给您的邮件');
  expect(shown.text).toContain(ack.subject);
  expect(shown.text).not.toContain(customerEmail);
  expect(shown.text).not.toContain(REFUSAL_EN);
});

test('an altered, an expired and a foreign link get the refusal page and nothing of the complaint', async () => {
  expect(statusPath).toBeDefined();
  const token = statusPath.slice('/c/'.length);
  // one character of the signed payload changed
  const at = 12;
  const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
  const secret = h.config.CUSTOMER_LINK_SECRET;
  const expired = createLinkToken(secret, {
    number,
    customerEmail,
    purpose: 'status',
    expiresAt: new Date(Date.now() - 60_000),
  });
  const future = new Date(Date.now() + 3_600_000);
  // this complaint's number, but bound to another customer
  const foreignCustomer = createLinkToken(secret, {
    number,
    customerEmail: 'someone-else@example.com',
    purpose: 'status',
    expiresAt: future,
  });
  // a complaint that does not exist
  const unknown = createLinkToken(secret, {
    number: '199901-999',
    customerEmail,
    purpose: 'status',
    expiresAt: future,
  });
  // signed with a secret the service does not know
  const forged = createLinkToken('x'.repeat(40), { number, customerEmail, purpose: 'status', expiresAt: future });

  const cases: Array<[string, string, number]> = [
    ['altered', altered, 404],
    ['expired', expired, 410],
    ['foreign customer', foreignCustomer, 404],
    ['unknown complaint', unknown, 404],
    ['forged', forged, 404],
    ['malformed', 'not-a-token', 404],
  ];
  for (const [name, t, status] of cases) {
    const shown = await open(`/c/${t}`, name === 'expired' ? 'customer-link-refused.png' : undefined);
    expect([name, shown.status]).toEqual([name, status]);
    expect(shown.text).toContain(REFUSAL_EN);
    expect(shown.text).toContain(REFUSAL_ZH);
    expect(shown.text).not.toContain(number);
    expect(shown.headers['cache-control']).toBe('no-store');
  }
});

test('more than 30 requests a minute for one link get 429', async () => {
  expect(statusPath).toBeDefined();
  const statuses: number[] = [];
  let retryAfter: string | undefined;
  for (let i = 0; i < 32; i += 1) {
    const res = await request(server).get(statusPath);
    statuses.push(res.status);
    if (res.status === 429) retryAfter = res.headers['retry-after'];
  }
  // the browser opened it once and each refused link counted against the address: 429 within the 32
  expect(statuses[0]).toBe(200);
  expect(statuses.at(-1)).toBe(429);
  expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
  expect(Number(retryAfter)).toBeGreaterThan(0);
});
