/**
 * The customer's side of the soak: finds the link an email carried (the mail catcher holds what was sent), opens
 * its page and posts the form as a browser does (the page's cookie and its CSRF field), retrying on no answer —
 * a link answers once, so a second post of the same answer changes nothing.
 */
import type { CaughtMail } from '../../infra/mail-catcher';
import { DEVELOPMENT_CUSTOMER_LINK_SECRET } from '../../infra/config';
import { verifyLinkToken, type LinkPayload } from '../../infra/customer-links';

const TOKEN = /https?:\/\/\S+?\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FoundLink {
  token: string;
  payload: LinkPayload;
}

/** The link for `purpose` in an email sent to `to`, once it has been sent (bounded wait). */
export async function linkIn(
  mail: () => readonly CaughtMail[],
  to: string,
  purpose: string,
  deadlineMs = 120_000,
): Promise<FoundLink | undefined> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    for (const message of mail().filter((m) => m.to.includes(to)))
      for (const [, token] of message.text.matchAll(TOKEN)) {
        const verified = verifyLinkToken([DEVELOPMENT_CUSTOMER_LINK_SECRET], token);
        if (verified.ok && verified.payload.p === purpose) return { token: token!, payload: verified.payload };
      }
    await pause(500);
  }
  return undefined;
}

/** Opens the link's page on `api` and posts `fields`; the page's status, or undefined without an answer. */
export async function answerByLink(
  api: string,
  token: string,
  fields: Record<string, string>,
): Promise<number | undefined> {
  try {
    const page = await fetch(`${api}/c/${token}`, { signal: AbortSignal.timeout(30_000) });
    const html = await page.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    const cookie = page.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    if (!csrf) return page.status === 200 ? 409 : page.status;
    const answered = await fetch(`${api}/c/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ csrf, ...fields }).toString(),
      signal: AbortSignal.timeout(30_000),
    });
    await answered.text();
    return answered.status;
  } catch {
    return undefined;
  }
}
