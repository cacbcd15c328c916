/**
 * Signed customer links (issue 12, item 2): the token in a link that lets the customer answer for themselves.
 *
 * A token is `<base64url(JSON payload)>.<base64url(HMAC-SHA256(secret, payload part))>`. The payload binds
 * the link to one complaint number, one customer (a short hash of the lower-cased email: no personal data in
 * the URL), one purpose and an expiry, and carries a random id (`j`) that makes a decision single-use: the
 * answer is claimed in `customer_link_use` under that id, in one statement, so a second submission of the
 * same link finds it used.
 *
 * Verification takes the current secret and the previous ones (rotation): tokens signed with any of them
 * verify; links are always signed with the current one. Nothing here throws on what a visitor sends.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { ANSWER_PURPOSES } from '../domain/complaint/customer-asks';
import type { Prisma } from '../generated/prisma/client';
import type { PrismaClient } from './database';

/**
 * What a link lets the customer do: answer one of the questions an email asks (domain/complaint/customer-asks.ts;
 * single-use), or `status`, the read-only status page, opened any number of times.
 */
export const LINK_PURPOSES = [...ANSWER_PURPOSES, 'status'] as const;

export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** The purposes whose link answers once. */
export type DecisionPurpose = Exclude<LinkPurpose, 'status'>;

export const DECISION_PURPOSES: readonly DecisionPurpose[] = LINK_PURPOSES.filter(
  (p): p is DecisionPurpose => p !== 'status',
);

/** True when a link of this purpose is single-use. */
export function isDecisionPurpose(purpose: LinkPurpose): purpose is DecisionPurpose {
  return purpose !== 'status';
}

/** The signed content of a token. */
export interface LinkPayload {
  /** format version */
  v: 1;
  /** complaint number */
  n: string;
  /** the customer: the first 16 hex digits of sha256 of the lower-cased email */
  c: string;
  p: LinkPurpose;
  /** expiry, epoch seconds: the link is valid while now < e */
  e: number;
  /** the link's random id (16 bytes, base64url): the key of its single use */
  j: string;
  /** a decision link: the key of the email whose question it answers (a newer email supersedes it) */
  k?: string;
}

export type LinkVerification =
  { ok: true; payload: LinkPayload } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' };

/** Longer than any token this module makes; a longer string is refused before any work is done on it. */
const MAX_TOKEN_LENGTH = 512;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** An HMAC-SHA256 is 32 bytes: 43 base64url characters without padding. */
const SIGNATURE_LENGTH = 43;

const payloadSchema = z.strictObject({
  v: z.literal(1),
  n: z.string().min(1).max(64),
  c: z.string().regex(/^[0-9a-f]{16}$/),
  p: z.enum(LINK_PURPOSES),
  e: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  j: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  k: z.string().min(1).max(64).optional(),
});

/** The customer as a token names them: the first 16 hex digits of sha256 of the email, lower-cased. */
export function customerDigest(customerEmail: string): string {
  return crypto.createHash('sha256').update(customerEmail.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 16);
}

function sign(secret: string, payloadPart: string): Buffer {
  return crypto.createHmac('sha256', secret).update(payloadPart, 'ascii').digest();
}

/** Base64url without padding, and only in its canonical form (the one Node writes), else undefined. */
function decodeBase64url(part: string): Buffer | undefined {
  if (!BASE64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

/**
 * A token for one complaint, customer and purpose, valid until `expiresAt` (to the second, rounded down).
 * Throws on arguments no caller should pass (an empty secret or number, an unknown purpose, a bad date).
 */
export function createLinkToken(
  secret: string,
  link: { number: string; customerEmail: string; purpose: LinkPurpose; expiresAt: Date; askKey?: string },
): string {
  if (!secret) throw new TypeError('a customer link needs a secret');
  const payload: LinkPayload = {
    v: 1,
    n: link.number,
    c: customerDigest(link.customerEmail),
    p: link.purpose,
    e: Math.floor(link.expiresAt.getTime() / 1000),
    j: crypto.randomBytes(16).toString('base64url'),
    ...(link.askKey ? { k: link.askKey } : {}),
  };
  const checked = payloadSchema.safeParse(payload);
  if (!checked.success) throw new TypeError(`not a valid customer link: ${checked.error.message}`);
  const payloadPart = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${payloadPart}.${sign(secret, payloadPart).toString('base64url')}`;
}

/**
 * Checks a token from a visitor: its shape, its signature under any of `secrets` (the current one first, then
 * those still accepted after a rotation) and its expiry at `now`. Never throws on the token; a list of
 * secrets with none in it is a programming error and throws.
 */
export function verifyLinkToken(
  secrets: readonly string[],
  token: unknown,
  options: { now?: Date } = {},
): LinkVerification {
  const keys = secrets.filter((s) => s.length > 0);
  if (keys.length === 0) throw new TypeError('verifying a customer link needs at least one secret');
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payloadPart, signaturePart] = parts as [string, string];
  const payloadBytes = decodeBase64url(payloadPart);
  const signature = signaturePart.length === SIGNATURE_LENGTH ? decodeBase64url(signaturePart) : undefined;
  if (!payloadBytes || payloadBytes.length === 0 || !signature || signature.length !== 32) {
    return { ok: false, reason: 'malformed' };
  }
  // every secret is tried (no early exit), each comparison in constant time
  let signed = false;
  for (const key of keys) {
    if (crypto.timingSafeEqual(sign(key, payloadPart), signature)) signed = true;
  }
  if (!signed) return { ok: false, reason: 'bad_signature' };

  let json: unknown;
  try {
    json = JSON.parse(payloadBytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const now = options.now ?? new Date();
  if (!(now.getTime() < parsed.data.e * 1000)) return { ok: false, reason: 'expired' };
  return { ok: true, payload: parsed.data };
}

/**
 * True when a verified token belongs to this complaint and this customer (and, when given, this purpose):
 * the page checks it against the complaint it loads, so one complaint's link never shows another.
 */
export function checkBinding(
  payload: LinkPayload,
  expected: { number: string; customerEmail: string; purpose?: LinkPurpose },
): boolean {
  return (
    payload.n === expected.number &&
    payload.c === customerDigest(expected.customerEmail) &&
    (expected.purpose === undefined || payload.p === expected.purpose)
  );
}

/** The customer's URL for a token: `<base>/c/<token>` (the token is URL-safe as it is). */
export function linkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/c/${token}`;
}

/** A decision taken through a link, as stored. */
export interface LinkUse {
  jti: string;
  complaintNumber: string;
  purpose: string;
  usedAt: Date;
  answer: Prisma.JsonValue;
}

/**
 * Records the answer of a decision link, once: `claimed` when this call stored it, `already_used` when the
 * link had answered before (the earlier answer stands; read it with `linkUse`). One statement, so of two
 * submissions at once exactly one claims. The caller verifies the token and its binding first; a `status`
 * link is not a decision and throws.
 */
export async function claimLinkUse(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  payload: LinkPayload,
  answer: Prisma.InputJsonValue,
  options: { now?: Date } = {},
): Promise<'claimed' | 'already_used'> {
  if (!isDecisionPurpose(payload.p)) throw new TypeError(`a ${payload.p} link is not single-use`);
  const usedAt = options.now ?? new Date();
  const rows = await prisma.$queryRaw<Array<{ jti: string }>>`
    INSERT INTO customer_link_use (jti, complaint_number, purpose, used_at, answer)
    VALUES (${payload.j}, ${payload.n}, ${payload.p}, ${usedAt}, ${JSON.stringify(answer)}::jsonb)
    ON CONFLICT (jti) DO NOTHING
    RETURNING jti`;
  return rows.length > 0 ? 'claimed' : 'already_used';
}

/** The earlier use of a link, for the page's "you answered on …"; null when it has not been used. */
export async function linkUse(prisma: Pick<PrismaClient, 'customerLinkUse'>, jti: string): Promise<LinkUse | null> {
  return prisma.customerLinkUse.findUnique({ where: { jti } });
}

/** How long the status link in a customer's email stays valid. */
export const STATUS_LINK_DAYS = 180;
