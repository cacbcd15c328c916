/**
 * The token that protects the customer's question forms (api/customer-questions.ts): a double-submit token, a
 * random cookie (HttpOnly, SameSite=Strict, path /c/) and a hidden field that is the HMAC of it and the link's
 * id under the link secret. Hand-written (a dozen lines) because the pages have no session and no cookie parser
 * to hang a CSRF library on.
 */
import crypto from 'node:crypto';
import type express from 'express';

const CSRF_COOKIE = 'co_csrf';

function csrfField(secret: string, cookie: string, linkId: string): string {
  return crypto.createHmac('sha256', secret).update(`csrf:${cookie}:${linkId}`).digest('base64url');
}

function cookieOf(req: express.Request, name: string): string | undefined {
  for (const part of (req.header('cookie') ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const sameBytes = (a: string, b: string) =>
  a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Sets the form's cookie when the browser has none; the hidden field that goes with it. */
export function csrfFor(req: express.Request, res: express.Response, secret: string, linkId: string): string {
  let cookie = cookieOf(req, CSRF_COOKIE);
  if (!cookie || !/^[A-Za-z0-9_-]{22}$/.test(cookie)) {
    cookie = crypto.randomBytes(16).toString('base64url');
    res.cookie(CSRF_COOKIE, cookie, { httpOnly: true, sameSite: 'strict', path: '/c/', secure: req.secure });
  }
  return csrfField(secret, cookie, linkId);
}

/** True when the form's hidden field goes with the browser's cookie for this link. */
export function csrfValid(req: express.Request, secret: string, linkId: string, field: string | undefined): boolean {
  const cookie = cookieOf(req, CSRF_COOKIE);
  return !!cookie && !!field && sameBytes(field, csrfField(secret, cookie, linkId));
}
