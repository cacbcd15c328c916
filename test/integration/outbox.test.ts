import {
  complaintSubject,
  deliverThroughOutbox,
  outboxKey,
  resendUncertain,
  resendUncertainDue,
  type OutboxDeps,
  type OutboxMessage,
} from '../../mail/outbox';
import { insertComplaint } from '../../api/complaint-store';
import { renderCustomerEmail } from '../../mail/email-templates';
import { createProfileRegistry } from '../../infra/profile-registry';

const pinned = createProfileRegistry().get('industrial-fault')!;
import { registrationSchema } from '../../domain/registration';
import { createPrisma, type PrismaClient } from '../../infra/database';
import { createLogger } from '../../infra/logger';
import { startMailCatcher, type MailCatcher } from '../../infra/mail-catcher';
import { createMailer } from '../../infra/mailer';
import { freePort } from '../../infra/temporal-dev-server';
import { eventually, registrationBody } from '../support/harness';
import { startScriptedSmtp, type ScriptedSmtp } from '../support/scripted-smtp';
import { testStack } from '../support/stack-registry';

let prisma: PrismaClient;
let catcher: MailCatcher;
let rejectNext = false;

beforeAll(async () => {
  prisma = createPrisma(testStack().databaseUrl, 2);
  catcher = await startMailCatcher({
    async beforeAccept() {
      if (rejectNext) {
        rejectNext = false;
        throw Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
      }
    },
  });
});

afterAll(async () => {
  await catcher?.stop();
  await prisma?.$disconnect();
});

function deps(smtpUrl = catcher.smtpUrl): OutboxDeps {
  return {
    prisma,
    mailer: createMailer(smtpUrl, 'desk@example.com'),
    logger: createLogger('silent'),
    now: () => new Date(),
  };
}

async function message(event: string): Promise<OutboxMessage> {
  const { complaint } = await insertComplaint(prisma, registrationSchema.parse(registrationBody()), {
    pinned,
    now: new Date(),
    timeZone: 'UTC',
  });
  return {
    complaintNumber: complaint.number,
    event,
    recipient: complaint.customerEmail,
    language: 'en',
    subject: `${event} ${complaint.number}`,
    text: 'hello',
    html: '<p>hello</p>',
  };
}

const mailsFor = (subject: string) => catcher.messages.filter((m) => m.subject === subject);
const eventuallyMails = (subject: string, count: number) =>
  eventually(async () => (mailsFor(subject).length >= count ? mailsFor(subject) : undefined));
const keyOf = (msg: OutboxMessage) =>
  outboxKey(msg.about ?? complaintSubject(msg.complaintNumber!), msg.event, msg.recipient);

test('delivering the same email twice sends it once', async () => {
  const msg = await message('acknowledgement');
  expect(await deliverThroughOutbox(deps(), msg)).toBe('sent');
  expect(await deliverThroughOutbox(deps(), msg)).toBe('already_sent');
  expect(mailsFor(msg.subject)).toHaveLength(1);
  const row = await prisma.outboxEmail.findUniqueOrThrow({
    where: { idempotencyKey: keyOf(msg) },
  });
  expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  expect(mailsFor(msg.subject)[0]!.messageId).toBe(row.messageId);
});

test('an unreachable SMTP server fails the attempt and gives the row back (pending); the retry sends once', async () => {
  const msg = await message('progress');
  const closedPort = await freePort();
  await expect(deliverThroughOutbox(deps(`smtp://127.0.0.1:${closedPort}`), msg)).rejects.toThrow();
  const key = keyOf(msg);
  expect(await prisma.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({
    status: 'pending',
    attempts: 1,
    lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
  });
  expect(await deliverThroughOutbox(deps(), msg)).toBe('sent');
  expect(mailsFor(msg.subject)).toHaveLength(1);
});

test('an attempt that died mid-send is never repeated: the email is marked uncertain', async () => {
  const msg = await message('plan');
  const key = keyOf(msg);
  expect(await deliverThroughOutbox(deps(), msg)).toBe('sent');
  // Simulate a worker killed after SMTP accepted the mail but before the row was marked sent.
  await prisma.outboxEmail.update({ where: { idempotencyKey: key }, data: { status: 'sending', sentAt: null } });
  expect(await deliverThroughOutbox(deps(), msg)).toBe('uncertain');
  expect(await deliverThroughOutbox(deps(), msg)).toBe('uncertain');
  expect(mailsFor(msg.subject)).toHaveLength(1);
});

test('a permanent SMTP refusal is recorded and not retried', async () => {
  const msg = await message('survey');
  rejectNext = true;
  expect(await deliverThroughOutbox(deps(), msg)).toBe('rejected');
  expect(await deliverThroughOutbox(deps(), msg)).toBe('rejected');
  const row = await prisma.outboxEmail.findUniqueOrThrow({
    where: { idempotencyKey: keyOf(msg) },
  });
  expect(row.status).toBe('rejected');
  expect(row.lastError).toContain('550');
  expect(mailsFor(msg.subject)).toHaveLength(0);
});

test('keyed by subject: the same event and recipient for the complaint and for a child process of it are two emails, each sent once', async () => {
  const msg = await message('report');
  const child: OutboxMessage = {
    ...msg,
    about: { kind: 'eight_d', id: `${msg.complaintNumber}-8d-1` },
    subject: `8D ${msg.subject}`,
  };
  expect(await deliverThroughOutbox(deps(), msg)).toBe('sent');
  expect(await deliverThroughOutbox(deps(), child)).toBe('sent');
  expect(await deliverThroughOutbox(deps(), { ...child, recipient: msg.recipient.toUpperCase() })).toBe('already_sent');
  expect(await deliverThroughOutbox(deps(), msg)).toBe('already_sent');
  expect([mailsFor(msg.subject).length, mailsFor(child.subject).length]).toEqual([1, 1]);
  const rows = await prisma.outboxEmail.findMany({
    where: { complaintNumber: msg.complaintNumber },
    orderBy: { subjectKind: 'asc' },
  });
  expect(rows.map((r) => [r.subjectKind, r.subjectId, r.idempotencyKey, r.status])).toEqual([
    [
      'complaint',
      msg.complaintNumber,
      `complaint:${msg.complaintNumber}:report:${msg.recipient.toLowerCase()}`,
      'sent',
    ],
    ['eight_d', child.about!.id, `eight_d:${child.about!.id}:report:${msg.recipient.toLowerCase()}`, 'sent'],
  ]);
  await expect(deliverThroughOutbox(deps(), { ...msg, about: { kind: 'recall', id: 'a:b' } })).rejects.toThrow(
    /not an outbox subject/,
  );
});

test('a customer email arrives as multipart/alternative: its plain text as rendered, its HTML with real links', async () => {
  const base = await message('plan');
  const statusLink = `https://service.example.com/c/${'s'.repeat(120)}.${'t'.repeat(43)}`;
  const answerLink = `https://service.example.com/c/${'a'.repeat(120)}.${'b'.repeat(43)}`;
  const email = renderCustomerEmail('plan', 'en', {
    number: base.complaintNumber!,
    customer: 'Acme',
    plan: 'replace the drive',
    remedy: 'same model',
    cost: 'borne by us',
    answerBy: '30 Nov 2026, 17:00',
    answerLink,
    statusLink,
  });
  const msg = { ...base, ...email, subject: `${email.subject} (${base.complaintNumber})` };
  expect(await deliverThroughOutbox(deps(), msg)).toBe('sent');
  const [mail] = await eventuallyMails(msg.subject, 1);
  expect(mail!.headers['content-type']).toContain('multipart/alternative');
  expect(mail!.text.trim()).toBe(email.text.trim());
  expect(mail!.html).toContain(`<a href="${answerLink}"`);
  expect(mail!.html).toContain(`<a href="${statusLink}"`);
});

test('an uncertain email is resent only by hand, once, with its own Message-ID', async () => {
  const msg = await message('callback');
  expect(await deliverThroughOutbox(deps(), msg)).toBe('sent');
  const key = keyOf(msg);
  const row = await prisma.outboxEmail.update({ where: { idempotencyKey: key }, data: { status: 'uncertain' } });
  expect(await deliverThroughOutbox(deps(), msg)).toBe('uncertain'); // never by the activity
  expect(await resendUncertain(deps(), row.id)).toBe('sent');
  expect(await resendUncertain(deps(), row.id)).toBeUndefined(); // no longer uncertain
  const copies = await eventuallyMails(msg.subject, 2);
  expect(copies.map((m) => m.messageId)).toEqual([row.messageId, row.messageId]);
});

test('where configured, an uncertain email is re-sent by itself after the delay, with its Message-ID, a bounded number of times', async () => {
  const msg = await message('survey');
  expect(await deliverThroughOutbox(deps(), msg)).toBe('sent');
  const key = keyOf(msg);
  const claimedAt = new Date(Date.now() - 10 * 60_000);
  const row = await prisma.outboxEmail.update({
    where: { idempotencyKey: key },
    data: { status: 'uncertain', claimedAt },
  });
  const options = { delayMs: 15 * 60_000, maxAttempts: 2 };
  expect(await resendUncertainDue(deps(), options)).toBe(0); // not yet: uncertain for 10 minutes only
  expect(await resendUncertainDue(deps(), { ...options, delayMs: 5 * 60_000 })).toBeGreaterThanOrEqual(1);
  const copies = await eventuallyMails(msg.subject, 2);
  expect(copies.map((m) => m.messageId)).toEqual([row.messageId, row.messageId]);
  const after = await prisma.outboxEmail.findUniqueOrThrow({ where: { id: row.id } });
  expect([after.status, after.attempts]).toEqual(['sent', 2]);
  // at its attempt limit an email that became uncertain again is left to staff
  await prisma.outboxEmail.update({ where: { id: row.id }, data: { status: 'uncertain', claimedAt } });
  expect(await resendUncertainDue(deps(), { ...options, delayMs: 5 * 60_000 })).toBe(0);
  expect(mailsFor(msg.subject)).toHaveLength(2);
});

describe('an SMTP connection that drops', () => {
  let smtp: ScriptedSmtp;
  beforeAll(async () => {
    smtp = await startScriptedSmtp();
  });
  afterAll(() => smtp?.stop());

  test('after the whole email was handed over (the server has it, no answer came): uncertain, never sent again', async () => {
    const msg = await message('closure');
    smtp.script = 'drop-after-data';
    expect(await deliverThroughOutbox(deps(smtp.smtpUrl), msg)).toBe('uncertain');
    smtp.script = 'accept';
    expect(await deliverThroughOutbox(deps(smtp.smtpUrl), msg)).toBe('uncertain'); // the activity's retry
    expect(smtp.received.filter((m) => m.includes(`Subject: ${msg.subject}`))).toHaveLength(1);
    const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: keyOf(msg) } });
    expect(row).toMatchObject({ status: 'uncertain', attempts: 1, lastError: expect.stringMatching(/closed|ECONN/i) });
  });

  test.each([
    ['before the message (at the recipient)', 'drop-at-rcpt', 0],
    ['with a 451 after the message', 'busy-after-data', 1],
  ] as const)('%s: certain it was not taken, so pending and retried', async (_when, script, seen) => {
    const msg = await message(`followup-${script}`);
    smtp.script = script;
    await expect(deliverThroughOutbox(deps(smtp.smtpUrl), msg)).rejects.toThrow();
    const key = keyOf(msg);
    expect(await prisma.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: key } })).toMatchObject({
      status: 'pending',
    });
    const mine = () => smtp.received.filter((m) => m.includes(`Subject: ${msg.subject}`));
    expect(mine()).toHaveLength(seen);
    smtp.script = 'accept';
    expect(await deliverThroughOutbox(deps(smtp.smtpUrl), msg)).toBe('sent');
    expect(mine()).toHaveLength(seen + 1);
  });
});
