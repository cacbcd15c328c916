/**
 * Single use of customer decision links (issue 12, item 2) on the real PostgreSQL of the test stack: the
 * first answer claims the link, every later one finds it used (also when submitted at the same moment), and
 * the first answer is what the page can show again.
 */
import { randomInt } from 'node:crypto';
import {
  claimLinkUse,
  createLinkToken,
  linkUse,
  verifyLinkToken,
  type LinkPayload,
  type LinkPurpose,
} from '../../infra/customer-links';
import { createPrisma, type PrismaClient } from '../../infra/database';
import { testStack } from '../support/stack-registry';

const SECRET = 'integration-test-customer-link-secret-0123456789';

let prisma: PrismaClient;
let other: PrismaClient;

beforeAll(() => {
  const stack = testStack();
  const poolMax = stack.databaseKind === 'embedded' ? 1 : 4;
  prisma = createPrisma(stack.databaseUrl, poolMax);
  // a second client: two submissions on connections of their own
  other = createPrisma(stack.databaseUrl, poolMax);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await other?.$disconnect();
});

/**
 * A minimal complaint row (the link's foreign key), in a month no registration uses; marked as started so the
 * API's retry of unstarted workflows never picks it up.
 */
async function complaint(): Promise<{ number: string; customerEmail: string }> {
  const sequence = randomInt(1, 2_000_000_000);
  const number = `199001-${String(sequence).padStart(3, '0')}`;
  const customerEmail = `buyer-${sequence}@customer.example`;
  await prisma.complaint.create({
    data: {
      number,
      month: '199001',
      sequence,
      workflowId: `complaint-${number}`,
      stage: 'triage',
      customerName: 'Link Test Buyer',
      customerEmail,
      customerLanguage: 'en',
      productModel: 'XR-200',
      channel: 'email',
      description: 'customer link test',
      registration: {},
      profileId: 'industrial-fault',
      profileVersion: 1,
      profileHash: 'h',
      workflowStartedAt: new Date(),
    },
  });
  return { number, customerEmail };
}

async function linkFor(purpose: LinkPurpose): Promise<LinkPayload> {
  const c = await complaint();
  const token = createLinkToken(SECRET, { ...c, purpose, expiresAt: new Date(Date.now() + 86_400_000) });
  const verified = verifyLinkToken([SECRET], token);
  if (!verified.ok) throw new Error(verified.reason);
  return verified.payload;
}

test('the first answer claims the link; the second finds it used and the first answer stands', async () => {
  const payload = await linkFor('plan_decision');
  expect(await linkUse(prisma, payload.j)).toBeNull();

  const answeredAt = new Date('2026-11-30T09:15:00.123Z');
  const first = { decision: 'object', reason: 'The drive still trips — 仍然跳闸' };
  expect(await claimLinkUse(prisma, payload, first, { now: answeredAt })).toBe('claimed');
  expect(await claimLinkUse(prisma, payload, { decision: 'confirm' })).toBe('already_used');
  expect(await claimLinkUse(other, payload, first)).toBe('already_used');

  expect(await linkUse(prisma, payload.j)).toEqual({
    jti: payload.j,
    complaintNumber: payload.n,
    purpose: 'plan_decision',
    usedAt: answeredAt,
    answer: first,
  });
  expect(await prisma.customerLinkUse.count({ where: { complaintNumber: payload.n } })).toBe(1);
});

test('two submissions at the same moment: exactly one claims, and its answer is the one stored', async () => {
  for (let round = 0; round < 5; round++) {
    const payload = await linkFor('quote');
    const answers = [{ accepted: true }, { accepted: false }];
    const outcomes = await Promise.all([
      claimLinkUse(prisma, payload, answers[0]!),
      claimLinkUse(other, payload, answers[1]!),
    ]);
    expect([...outcomes].sort()).toEqual(['already_used', 'claimed']);
    const stored = await linkUse(prisma, payload.j);
    expect(stored?.answer).toEqual(answers[outcomes.indexOf('claimed')]);
  }
});

test('each link of a complaint is used on its own: a new link for the same decision answers again', async () => {
  const payload = await linkFor('survey');
  expect(await claimLinkUse(prisma, payload, { score: 9 })).toBe('claimed');
  const again = createLinkToken(SECRET, {
    number: payload.n,
    customerEmail: (await prisma.complaint.findUniqueOrThrow({ where: { number: payload.n } })).customerEmail,
    purpose: 'survey',
    expiresAt: new Date(Date.now() + 60_000),
  });
  const verified = verifyLinkToken([SECRET], again);
  expect(verified.ok).toBe(true);
  if (!verified.ok) return;
  expect(await claimLinkUse(prisma, verified.payload, { score: 10 })).toBe('claimed');
  expect((await linkUse(prisma, payload.j))?.answer).toEqual({ score: 9 });
  expect((await linkUse(prisma, verified.payload.j))?.answer).toEqual({ score: 10 });
});

test('the status page is not a decision: claiming it is a programming error, and nothing is stored', async () => {
  const payload = await linkFor('status');
  await expect(claimLinkUse(prisma, payload, {})).rejects.toThrow(/not single-use/);
  expect(await linkUse(prisma, payload.j)).toBeNull();
});

test('a use always belongs to an existing complaint (foreign key)', async () => {
  const payload = await linkFor('parts_consent');
  await expect(claimLinkUse(prisma, { ...payload, n: '199001-000' }, { consent: true })).rejects.toThrow();
  expect(await linkUse(prisma, payload.j)).toBeNull();
});
