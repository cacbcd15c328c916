/**
 * Customer replies by email (issue 12, item 4) on the real stack: the complaint's emails thread and carry its
 * own Reply-To; a reply sent over SMTP to the listener the API starts is stored on the complaint with its
 * files, the owners are mailed once, a redelivery changes nothing, and an unknown address or an oversized
 * message is refused with nothing stored.
 */
import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import request from 'supertest';
import { acknowledgementMessageId } from '../../mail/outbox';
import { DEFAULT_DIRECTORY, resolveMailboxes } from '../../infra/directory';
import type { InboundListener } from '../../infra/inbound-mail';
import type { CaughtMail } from '../../infra/mail-catcher';
import { eventually, registerComplaint, startHarness, type Harness } from '../support/harness';
import { startHarnessReplyListener } from '../support/reply-listener';

const MAILBOX = 'replies@example.com';
const MAX_BYTES = 256 * 1024;

let h: Harness;
let listener: InboundListener;

beforeAll(async () => {
  h = await startHarness({
    env: { REPLY_MAILBOX: MAILBOX, INBOUND_SMTP_PORT: '0', INBOUND_SMTP_MAX_BYTES: String(MAX_BYTES) },
  });
  listener = await startHarnessReplyListener(h);
}, 120_000);

afterAll(async () => {
  await listener?.stop();
  await h?.stop();
});

/** Sends one message to the listener over SMTP, on a connection of its own; the server's reply. */
async function sendReply(message: SendMailOptions): Promise<{ response: string }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
  try {
    return await transport.sendMail({ from: 'Zhang Wei <customer@example.com>', ...message });
  } finally {
    transport.close();
  }
}

const plusAddress = (number: string) => `replies+${number}@example.com`;
const header = (mail: CaughtMail, name: string) => mail.headers[name] ?? '';
const customerOf = async (number: string) =>
  (await h.prisma.complaint.findUniqueOrThrow({ where: { number } })).customerEmail;
const ownerMails = (number: string) =>
  h.catcher.messages.filter(
    (m) => header(m, 'x-complaint-number') === number && /客户回复了投诉|Customer replied/.test(m.subject),
  );
const repliesStored = (messageId: string) => h.prisma.complaintReply.count({ where: { messageId } });
/** Nothing more arrives within a while (the owners' mail is sent before the listener answers, so this is slack). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_000));

test("a complaint's emails thread on its acknowledgement; the customer's say Reply-To the complaint's address", async () => {
  const number = await registerComplaint(h);
  const customer = await customerOf(number);
  const ack = await h.catcher.waitFor((m) => m.to.includes(customer) && header(m, 'x-complaint-number') === number);
  expect(ack.messageId).toBe(acknowledgementMessageId(number, customer));
  expect(header(ack, 'reply-to')).toContain(plusAddress(number));
  expect(header(ack, 'in-reply-to')).toBe('');

  // staff emails thread too, but never say Reply-To the customer's address (staff answers are not replies)
  const staff = await h.catcher.waitFor((m) => !m.to.includes(customer) && header(m, 'x-complaint-number') === number);
  expect(header(staff, 'reply-to')).toBe('');
  expect(header(staff, 'in-reply-to')).toBe(acknowledgementMessageId(number, staff.to[0]!));

  await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 'product_fault' })
    .expect(200);
  const later = await h.catcher.waitFor(
    (m) => m.to.includes(customer) && header(m, 'x-complaint-number') === number && m.messageId !== ack.messageId,
  );
  expect(header(later, 'in-reply-to')).toBe(ack.messageId);
  expect(header(later, 'references')).toContain(ack.messageId);
  expect(header(later, 'reply-to')).toContain(plusAddress(number));
});

test("a reply to the complaint's address is on its record with its files, and the owners are mailed once; a redelivery changes nothing", async () => {
  const number = await registerComplaint(h);
  const customer = await customerOf(number);
  const ack = await h.catcher.waitFor((m) => m.to.includes(customer) && header(m, 'x-complaint-number') === number);
  await request(h.app)
    .post(`/api/v1/complaints/${number}/actions/classify`)
    .set('Authorization', h.as('customer_service'))
    .send({ type: 'product_fault' })
    .expect(200);
  const owners = await eventually(async () => {
    const stored = await h.prisma.complaint.findUniqueOrThrow({ where: { number } });
    return stored.ownerRoles.length ? stored.ownerRoles : undefined;
  });
  const ownerBoxes = resolveMailboxes(DEFAULT_DIRECTORY, owners).recipients.map((r) => r.email);
  expect(ownerBoxes.length).toBeGreaterThan(0);

  // binary bytes (NUL included) must come back exactly
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(4096), Buffer.from('\n%%EOF\n')]);
  const messageId = `<reply-${crypto.randomUUID()}@customer.example>`;
  const reply: SendMailOptions = {
    from: `Zhang Wei <${customer}>`,
    to: plusAddress(number),
    subject: `Re: ${ack.subject}`,
    messageId,
    inReplyTo: ack.messageId,
    references: ack.messageId,
    text: 'I do not accept this. The drive still trips; photos of the nameplate attached.',
    html: '<p>I do not accept this.<script>alert(1)</script></p>',
    attachments: [
      { filename: 'nameplate.pdf', content: pdf, contentType: 'application/pdf' },
      { filename: 'notes.txt', content: 'serial SN-0001, 10 min run', contentType: 'text/plain' },
    ],
  };
  expect((await sendReply(reply)).response).toMatch(/^250/);

  const records = await request(h.app)
    .get(`/api/v1/complaints/${number}/records`)
    .set('Authorization', h.as('technical_support'))
    .expect(200);
  expect(records.body.replies).toEqual([
    {
      id: expect.any(String),
      messageId,
      from: expect.stringContaining(customer),
      subject: `Re: ${ack.subject}`,
      text: expect.stringContaining('The drive still trips'),
      receivedAt: expect.any(String),
      attachments: [
        expect.objectContaining({
          position: 0,
          filename: 'nameplate.pdf',
          contentType: 'application/pdf',
          size: pdf.length,
        }),
        expect.objectContaining({ position: 1, filename: 'notes.txt', contentType: 'text/plain' }),
      ],
    },
  ]);
  const file = records.body.replies[0].attachments[0];
  expect(file.link).toBe(`/api/v1/complaints/${number}/replies/${records.body.replies[0].id}/attachments/0`);
  const download = await request(h.app)
    .get(file.link)
    .set('Authorization', h.as('quality_manager'))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
  expect(download.headers['content-type']).toBe('application/pdf');
  expect(download.headers['content-disposition']).toMatch(/^attachment; filename="?nameplate\.pdf"?$/);
  expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
  await request(h.app).get(file.link).expect(401);
  await request(h.app)
    .get(`/api/v1/complaints/${number}/replies/${crypto.randomUUID()}/attachments/0`)
    .set('Authorization', h.as('quality_manager'))
    .expect(404);

  // each owner mailbox got exactly one email, in its reader's language, without the customer's Reply-To
  const told = ownerMails(number);
  expect(told.map((m) => m.to[0]).sort()).toEqual([...ownerBoxes].sort());
  expect(told[0]!.subject).toBe(`客户回复了投诉 ${number}：Re: ${ack.subject}`);
  expect(header(told[0]!, 'reply-to')).toBe('');
  // the workflow was not touched: a reply is never a decision
  const stored = await h.prisma.complaint.findUniqueOrThrow({ where: { number } });
  expect(stored.stage).toBe('validity_check');

  // the same message again: stored once, nobody mailed again
  expect((await sendReply(reply)).response).toMatch(/^250/);
  await settle();
  expect(await repliesStored(messageId)).toBe(1);
  expect(ownerMails(number)).toHaveLength(ownerBoxes.length);
  const rows = await h.prisma.outboxEmail.findMany({
    where: { complaintNumber: number, event: { startsWith: 'reply:' } },
  });
  expect(rows.map((r) => [r.recipient, r.status, r.attempts]).sort()).toEqual(
    ownerBoxes.map((b) => [b, 'sent', 1]).sort(),
  );
});

test('a reply to the bare mailbox is placed by the email it answers; before classification the procedure’s registration recipients are told', async () => {
  const number = await registerComplaint(h);
  const customer = await customerOf(number);
  const ack = await h.catcher.waitFor((m) => m.to.includes(customer) && header(m, 'x-complaint-number') === number);
  const messageId = `<reply-${crypto.randomUUID()}@customer.example>`;
  await sendReply({ to: MAILBOX, subject: 'Re: my complaint', messageId, inReplyTo: ack.messageId, text: 'When?' });
  const stored = await h.prisma.complaintReply.findUniqueOrThrow({ where: { messageId } });
  expect(stored.complaintNumber).toBe(number);
  // industrial-fault tells sales and technical support of a registration
  const boxes = resolveMailboxes(DEFAULT_DIRECTORY, ['sales', 'technical_support']).recipients.map((r) => r.email);
  expect(
    ownerMails(number)
      .map((m) => m.to[0])
      .sort(),
  ).toEqual(boxes.sort());
});

test('an unknown complaint address is refused with 550 and an oversized message with 552; nothing is stored', async () => {
  const unknownId = `<reply-${crypto.randomUUID()}@customer.example>`;
  await expect(
    sendReply({ to: plusAddress('209901-999'), subject: 'Re: ?', messageId: unknownId, text: 'hello' }),
  ).rejects.toMatchObject({ responseCode: 550 });
  // a thread of nobody's either
  await expect(
    sendReply({ to: MAILBOX, subject: 'Re: ?', messageId: unknownId, inReplyTo: '<nothing@nowhere>', text: 'hello' }),
  ).rejects.toMatchObject({ responseCode: 550 });
  expect(await repliesStored(unknownId)).toBe(0);

  const number = await registerComplaint(h);
  const bigId = `<reply-${crypto.randomUUID()}@customer.example>`;
  await expect(
    sendReply({
      to: plusAddress(number),
      subject: 'Re: video',
      messageId: bigId,
      text: 'see attached',
      attachments: [{ filename: 'video.bin', content: crypto.randomBytes(MAX_BYTES + 1024) }],
    }),
  ).rejects.toMatchObject({ responseCode: 552 });
  expect(await repliesStored(bigId)).toBe(0);
  expect(await h.prisma.complaintReply.count({ where: { complaintNumber: number } })).toBe(0);
  expect(ownerMails(number)).toHaveLength(0);
});
