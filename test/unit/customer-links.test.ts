import crypto from 'node:crypto';
import {
  checkBinding,
  createLinkToken,
  customerDigest,
  DECISION_PURPOSES,
  isDecisionPurpose,
  LINK_PURPOSES,
  linkUrl,
  verifyLinkToken,
  type LinkPayload,
  type LinkPurpose,
} from '../../infra/customer-links';

const SECRET = 'current-secret-of-the-test-0123456789abcdef';
const PREVIOUS = 'previous-secret-of-the-test-0123456789abcdef';
const UNKNOWN = 'some-other-deployments-secret-0123456789abcdef';

const NOW = new Date('2026-11-30T08:00:00Z');
const EXPIRES = new Date('2026-12-02T08:00:00Z');
const LINK = {
  number: '202611-007',
  customerEmail: 'Wei.Zhang@Customer.example',
  purpose: 'plan_decision' as LinkPurpose,
  expiresAt: EXPIRES,
};

const token = (overrides: Partial<typeof LINK> = {}, secret = SECRET) =>
  createLinkToken(secret, { ...LINK, ...overrides });
const verify = (t: unknown, now = NOW, secrets = [SECRET, PREVIOUS]) => verifyLinkToken(secrets, t, { now });

/** The token's payload part decoded, without any check. */
const payloadOf = (t: string) => JSON.parse(Buffer.from(t.split('.')[0]!, 'base64url').toString('utf8')) as object;
/** A token whose payload is `payload`, signed properly with `secret`. */
const signed = (payload: unknown, secret = SECRET) => {
  const part = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${part}.${crypto.createHmac('sha256', secret).update(part).digest('base64url')}`;
};

/** Replaces the character at `index` with another base64url character. */
const flip = (t: string, index: number) => t.slice(0, index) + (t[index] === 'A' ? 'B' : 'A') + t.slice(index + 1);

test('purposes: every one but the status page is a single-use decision', () => {
  expect(LINK_PURPOSES).toEqual([
    'plan_decision',
    'quote',
    'parts_consent',
    'service_confirmation',
    'survey',
    'invalid_objection',
    'status',
  ]);
  expect(DECISION_PURPOSES).toEqual(LINK_PURPOSES.filter((p) => p !== 'status'));
  expect(LINK_PURPOSES.filter((p) => !isDecisionPurpose(p))).toEqual(['status']);
});

test('a token verifies and gives back what it was made for', () => {
  for (const purpose of LINK_PURPOSES) {
    const result = verify(token({ purpose }));
    expect(result).toEqual({
      ok: true,
      payload: {
        v: 1,
        n: '202611-007',
        c: customerDigest('wei.zhang@customer.example'),
        p: purpose,
        e: EXPIRES.getTime() / 1000,
        j: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      },
    });
  }
  expect(customerDigest(LINK.customerEmail)).toMatch(/^[0-9a-f]{16}$/);
});

test('each token has its own id, so each link is used on its own', () => {
  const ids = new Set(
    Array.from({ length: 50 }, () => {
      const result = verify(token());
      return result.ok ? result.payload.j : 'failed';
    }),
  );
  expect(ids.size).toBe(50);
});

test('a token is short, URL-safe and carries no email, name or domain', () => {
  const t = token({ purpose: 'service_confirmation', number: '202611-1234' });
  expect(t).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  expect(t.length).toBeLessThan(240);
  expect(encodeURIComponent(t)).toBe(t);
  const decoded = Buffer.from(t.split('.')[0]!, 'base64url').toString('utf8');
  for (const personal of ['wei', 'zhang', 'customer.example', '@']) {
    expect(decoded.toLowerCase()).not.toContain(personal);
  }
  expect(Object.keys(payloadOf(t)).sort()).toEqual(['c', 'e', 'j', 'n', 'p', 'v']);
});

test('linkUrl puts the token under /c/ of the public base', () => {
  const t = token();
  expect(linkUrl('https://service.example.com', t)).toBe(`https://service.example.com/c/${t}`);
  expect(linkUrl('https://service.example.com/complaints/', t)).toBe(`https://service.example.com/complaints/c/${t}`);
  expect(new URL(linkUrl('http://localhost:3000', t)).pathname).toBe(`/c/${t}`);
});

describe('an altered token is refused', () => {
  test('a payload changed in any character: bad signature', () => {
    const t = token();
    const payloadLength = t.indexOf('.');
    for (let i = 0; i < payloadLength; i++) {
      const result = verify(flip(t, i));
      expect(result.ok).toBe(false);
      // the last character may carry only padding bits: then the text is not canonical base64url
      expect(result).toEqual({ ok: false, reason: i === payloadLength - 1 ? expect.any(String) : 'bad_signature' });
    }
  });

  test('a payload re-signed with another purpose, number or expiry, without the secret: bad signature', () => {
    const t = token();
    const signature = t.split('.')[1]!;
    for (const change of [{ p: 'status' }, { n: '202611-008' }, { e: 4_102_444_800 }]) {
      const forged = Buffer.from(JSON.stringify({ ...payloadOf(t), ...change })).toString('base64url');
      expect(verify(`${forged}.${signature}`)).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  test('a changed signature: bad signature', () => {
    const t = token();
    const dot = t.indexOf('.');
    for (const i of [dot + 1, dot + 10, t.length - 2]) {
      expect(verify(flip(t, i))).toEqual({ ok: false, reason: 'bad_signature' });
    }
  });

  test('a truncated token: malformed', () => {
    const t = token();
    const dot = t.indexOf('.');
    for (const cut of [t.slice(0, -1), t.slice(0, dot + 20), t.slice(0, dot + 1), t.slice(0, dot), t.slice(1)]) {
      const result = verify(cut);
      expect(result.ok).toBe(false);
      expect(['malformed', 'bad_signature']).toContain(!result.ok && result.reason);
    }
    expect(verify(t.slice(0, -1))).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(t.slice(0, dot))).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(t.slice(0, dot + 1))).toEqual({ ok: false, reason: 'malformed' });
  });

  test('garbage and other types: malformed, never a throw', () => {
    const t = token();
    const garbage: unknown[] = [
      '',
      '.',
      '..',
      'abc',
      'a.b',
      `${t}.extra`,
      `${t}=`,
      t.replace('.', '..'),
      `${t.split('.')[0]}.${'A'.repeat(44)}`,
      `${t.split('.')[0]}.${'A'.repeat(42)}`,
      '%00%01',
      't'.repeat(100_000),
      `${'x'.repeat(600)}.${t.split('.')[1]}`,
      '💥.💥',
      `%5F${t}`,
      undefined,
      null,
      42,
      { token: t },
      [t],
    ];
    for (const g of garbage) {
      expect(() => verify(g)).not.toThrow();
      const result = verify(g);
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^(malformed|bad_signature)$/) });
    }
    expect(verify('')).toEqual({ ok: false, reason: 'malformed' });
    expect(verify('a.b')).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(null)).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(`${t}.extra`)).toEqual({ ok: false, reason: 'malformed' });
  });

  test('a properly signed payload of the wrong shape (a bug or a leaked secret): malformed', () => {
    const good = payloadOf(token());
    const shapes: unknown[] = [
      null,
      'text',
      [],
      { ...good, v: 2 },
      { ...good, p: 'delete_everything' },
      { ...good, e: '2030-01-01' },
      { ...good, e: 1.5 },
      { ...good, c: 'wei.zhang@customer.example' },
      { ...good, j: 'short' },
      { ...good, extra: 'name: Zhang Wei' },
      Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'n')),
    ];
    for (const shape of shapes) {
      expect(verify(signed(shape))).toEqual({ ok: false, reason: 'malformed' });
    }
    // not JSON at all, but signed
    const part = Buffer.from('{not json').toString('base64url');
    const sig = crypto.createHmac('sha256', SECRET).update(part).digest('base64url');
    expect(verify(`${part}.${sig}`)).toEqual({ ok: false, reason: 'malformed' });
    // the same shape check accepts the right one
    expect(verify(signed(good)).ok).toBe(true);
  });
});

test('a token signed with a secret the service does not hold: bad signature', () => {
  expect(verify(token({}, UNKNOWN))).toEqual({ ok: false, reason: 'bad_signature' });
  expect(verifyLinkToken([SECRET], token({}, PREVIOUS), { now: NOW })).toEqual({ ok: false, reason: 'bad_signature' });
});

test('rotation: a token signed with a previous secret still verifies; the new secret signs from now on', () => {
  const old = token({}, PREVIOUS);
  expect(verifyLinkToken([SECRET, PREVIOUS], old, { now: NOW }).ok).toBe(true);
  expect(verifyLinkToken([SECRET, 'yet-another-old-secret-0123456789abcdef', PREVIOUS], old, { now: NOW }).ok).toBe(
    true,
  );
  // once the previous secret is dropped, its links are refused
  expect(verifyLinkToken([SECRET], old, { now: NOW })).toEqual({ ok: false, reason: 'bad_signature' });
  expect(verifyLinkToken([SECRET], token(), { now: NOW }).ok).toBe(true);
});

test('verifying without any secret is a programming error', () => {
  expect(() => verifyLinkToken([], token(), { now: NOW })).toThrow(/secret/);
  expect(() => verifyLinkToken([''], token(), { now: NOW })).toThrow(/secret/);
});

test('expiry: valid until the second it names, refused from then on', () => {
  const t = token();
  expect(verify(t, new Date(EXPIRES.getTime() - 1)).ok).toBe(true);
  expect(verify(t, EXPIRES)).toEqual({ ok: false, reason: 'expired' });
  expect(verify(t, new Date(EXPIRES.getTime() + 86_400_000))).toEqual({ ok: false, reason: 'expired' });
  // an expiry with milliseconds is rounded down, never extended
  const rounded = verify(token({ expiresAt: new Date(EXPIRES.getTime() + 999) }));
  expect(rounded.ok && rounded.payload.e).toBe(EXPIRES.getTime() / 1000);
  // a signature check comes first: an altered expired token is not told apart from an altered valid one
  expect(verify(flip(t, t.length - 2), new Date(EXPIRES.getTime() + 1))).toEqual({
    ok: false,
    reason: 'bad_signature',
  });
});

test('now defaults to the clock', () => {
  const soon = new Date(Date.now() + 60_000);
  expect(verifyLinkToken([SECRET], token({ expiresAt: soon })).ok).toBe(true);
  expect(verifyLinkToken([SECRET], token({ expiresAt: new Date(Date.now() - 1000) }))).toEqual({
    ok: false,
    reason: 'expired',
  });
});

describe('binding', () => {
  const payloadFor = (t: string): LinkPayload => {
    const result = verify(t);
    if (!result.ok) throw new Error(result.reason);
    return result.payload;
  };

  test('the complaint and customer it was made for: accepted (the email in any case)', () => {
    const payload = payloadFor(token());
    expect(checkBinding(payload, { number: '202611-007', customerEmail: 'Wei.Zhang@Customer.example' })).toBe(true);
    expect(checkBinding(payload, { number: '202611-007', customerEmail: 'wei.zhang@customer.example' })).toBe(true);
    expect(checkBinding(payload, { number: '202611-007', customerEmail: ' WEI.ZHANG@CUSTOMER.EXAMPLE ' })).toBe(true);
  });

  test('another complaint, another customer or another purpose: refused', () => {
    const payload = payloadFor(token());
    const customerEmail = LINK.customerEmail;
    expect(checkBinding(payload, { number: '202611-008', customerEmail })).toBe(false);
    expect(checkBinding(payload, { number: '202611-0070', customerEmail })).toBe(false);
    expect(checkBinding(payload, { number: '202611-007', customerEmail: 'li.na@customer.example' })).toBe(false);
    expect(checkBinding(payload, { number: '202611-007', customerEmail, purpose: 'plan_decision' })).toBe(true);
    expect(checkBinding(payload, { number: '202611-007', customerEmail, purpose: 'quote' })).toBe(false);
  });
});

test('creating a token with arguments no caller should pass throws', () => {
  expect(() => createLinkToken('', LINK)).toThrow(/secret/);
  expect(() => token({ number: '' })).toThrow();
  expect(() => token({ purpose: 'anything' as LinkPurpose })).toThrow();
  expect(() => token({ expiresAt: new Date('not a date') })).toThrow();
});
