/**
 * Customers' email replies (issue 12, item 4): the inbound SMTP listener finds the complaint a reply belongs
 * to, stores it with its attachments, and tells the complaint's owners once through the outbox. A reply is
 * information for staff: nothing in it is taken as a decision (no workflow update or signal).
 */
import crypto from 'node:crypto';
import { complaintSubject, deliverThroughOutbox } from '../mail/outbox';
import { renderStaffEmail, type TemplateValues } from '../mail/email-templates';
import { isComplaintNumber } from '../domain/complaint-number';
import type { Language } from '../domain/registration';
import type { Config } from '../infra/config';
import type { PrismaClient } from '../infra/database';
import { resolveMailboxes, type Directory } from '../infra/directory';
import { SmtpRefusal, startInboundMail, type InboundListener, type InboundMail } from '../infra/inbound-mail';
import type { Logger } from '../infra/logger';
import type { Mailer } from '../infra/mailer';
import type { ProfileRegistry } from '../infra/profile-registry';

/** What the reply desk works over. */
export interface ReplyDeskDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  directory: Directory;
  profiles: ProfileRegistry;
  /** REPLY_MAILBOX: replies addressed to `<local>+<complaint number>@<domain>` belong to that complaint. */
  replyMailbox?: string;
  now: () => Date;
}

/** What became of a received reply. */
export interface ReceivedReply {
  complaintNumber: string;
  replyId: string;
  /** False when the same Message-ID was stored before (a redelivery): nothing new was stored. */
  stored: boolean;
  /** Owner emails sent now (0 on a redelivery: the outbox had sent them). */
  ownersMailed: number;
}

/** Characters PostgreSQL text cannot hold (NUL); a reply is stored without them rather than refused. */
const storable = (value: string) => value.replaceAll('\u0000', '');

/** The complaint number of a plus-address of the reply mailbox (`replies+202611-007@example.com`), if it is one. */
export function complaintOfAddress(mailbox: string | undefined, address: string): string | undefined {
  if (!mailbox) return undefined;
  const at = mailbox.lastIndexOf('@');
  const [local, domain] = [mailbox.slice(0, at).toLowerCase(), mailbox.slice(at + 1).toLowerCase()];
  const split = address.lastIndexOf('@');
  const [addressLocal, addressDomain] = [address.slice(0, split), address.slice(split + 1).toLowerCase()];
  const prefix = `${local}+`;
  if (addressDomain !== domain || !addressLocal.toLowerCase().startsWith(prefix)) return undefined;
  const tag = addressLocal.slice(prefix.length);
  return isComplaintNumber(tag) ? tag : undefined;
}

/**
 * The complaint a reply belongs to: the first recipient that is a complaint's plus-address of an existing
 * complaint, else the complaint of the nearest email of ours it answers (In-Reply-To, References).
 */
async function complaintOf(deps: ReplyDeskDeps, mail: InboundMail): Promise<string | undefined> {
  const tagged = [...new Set(mail.recipients.flatMap((r) => complaintOfAddress(deps.replyMailbox, r) ?? []))];
  if (tagged.length) {
    const found = await deps.prisma.complaint.findMany({ where: { number: { in: tagged } }, select: { number: true } });
    const known = new Set(found.map((c) => c.number));
    const number = tagged.find((n) => known.has(n));
    if (number) return number;
  }
  if (!mail.answers.length) return undefined;
  const emails = await deps.prisma.outboxEmail.findMany({
    where: { messageId: { in: mail.answers }, complaintNumber: { not: null } },
    select: { messageId: true, complaintNumber: true },
  });
  for (const id of mail.answers) {
    const email = emails.find((e) => e.messageId === id);
    if (email) return email.complaintNumber!;
  }
  return undefined;
}

/** Stores the reply and its files in one transaction, once per Message-ID; the id and whether it is new. */
async function store(prisma: PrismaClient, number: string, mail: InboundMail, receivedAt: Date) {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO complaint_reply (id, complaint_number, message_id, from_address, subject, text_body, html_body,
        received_at)
      VALUES (gen_random_uuid(), ${number}, ${storable(mail.messageId)}, ${storable(mail.from)},
        ${storable(mail.subject)}, ${storable(mail.text)}, ${mail.html === undefined ? null : storable(mail.html)},
        ${receivedAt})
      ON CONFLICT (message_id) DO NOTHING
      RETURNING id`;
    if (!rows[0]) {
      const existing = await tx.complaintReply.findUniqueOrThrow({
        where: { messageId: storable(mail.messageId) },
        select: { id: true, complaintNumber: true },
      });
      return { id: existing.id, complaintNumber: existing.complaintNumber, stored: false };
    }
    if (mail.attachments.length) {
      await tx.complaintReplyAttachment.createMany({
        data: mail.attachments.map((a, position) => ({
          replyId: rows[0]!.id,
          position,
          filename: storable(a.filename ?? `attachment-${position + 1}`),
          contentType: storable(a.contentType || 'application/octet-stream'),
          content: new Uint8Array(a.content),
        })),
      });
    }
    return { id: rows[0].id, complaintNumber: number, stored: true };
  });
}

const NO_SUBJECT: Record<Language, string> = { 'zh-CN': '（无主题）', en: '(no subject)' };

/**
 * Tells the complaint's owners (before classification, whom its procedure tells of a registration) that the
 * customer replied: one staff email per mailbox, in its reader's language, through the outbox under the
 * event `reply:<hash of the Message-ID>`, so a redelivered reply never mails anyone twice. A failure is
 * logged and leaves the email `pending` (or `uncertain`) in the outbox; the reply stays stored.
 */
async function tellOwners(deps: ReplyDeskDeps, number: string, mail: InboundMail): Promise<number> {
  const complaint = await deps.prisma.complaint.findUniqueOrThrow({ where: { number } });
  const procedure = deps.profiles.get(complaint.profileId)?.profile.notifications.onRegistration ?? [];
  const owners = complaint.ownerRoles.length
    ? complaint.ownerRoles
    : procedure.length
      ? procedure
      : ['customer_service'];
  const { recipients, unknown } = resolveMailboxes(deps.directory, owners);
  if (unknown.length) deps.logger.warn({ number, unknown }, 'no mailbox in the directory');
  const event = `reply:${crypto.createHash('sha256').update(mail.messageId).digest('hex').slice(0, 32)}`;
  const excerpt = mail.text.replace(/\s+/g, ' ').trim();
  let sent = 0;
  for (const recipient of recipients) {
    const values: TemplateValues = {
      number,
      customer: complaint.customerName,
      product: complaint.productModel,
      from: mail.from || undefined,
      note: mail.subject.trim() || NO_SUBJECT[recipient.language],
      excerpt: excerpt ? (excerpt.length > 500 ? `${excerpt.slice(0, 500)}…` : excerpt) : undefined,
      attachments: mail.attachments.length ? String(mail.attachments.length) : undefined,
    };
    const email = renderStaffEmail('customer_reply', recipient.language, values);
    try {
      const outcome = await deliverThroughOutbox(deps, {
        complaintNumber: number,
        about: complaintSubject(number),
        event,
        recipient: recipient.email,
        language: recipient.language,
        subject: storable(email.subject),
        text: storable(email.text),
        html: storable(email.html),
      });
      if (outcome === 'sent') sent += 1;
    } catch (error) {
      deps.logger.error(
        { number, recipient: recipient.email, err: error },
        'the owner could not be told of a customer reply; the email stays pending in the outbox',
      );
    }
  }
  return sent;
}

/**
 * Takes one inbound message: the complaint it belongs to (else a 550 refusal, nothing stored), the reply
 * stored, then the owners told. Storing comes first: the sender gets 250 once the reply is stored, whatever
 * becomes of the owners' email.
 */
export async function receiveReply(deps: ReplyDeskDeps, mail: InboundMail): Promise<ReceivedReply> {
  const number = await complaintOf(deps, mail);
  if (!number) throw new SmtpRefusal(550, '5.1.1 no complaint for this address or thread');
  const reply = await store(deps.prisma, number, mail, deps.now());
  deps.logger.info(
    { number: reply.complaintNumber, messageId: mail.messageId, stored: reply.stored },
    reply.stored ? 'customer reply stored' : 'customer reply received again; stored before',
  );
  const ownersMailed = await tellOwners(deps, reply.complaintNumber, mail).catch((error: unknown) => {
    deps.logger.error({ number, err: error }, 'the owners could not be told of a customer reply; it is stored');
    return 0;
  });
  return { complaintNumber: reply.complaintNumber, replyId: reply.id, stored: reply.stored, ownersMailed };
}

/**
 * Starts the inbound SMTP listener of the API process (INBOUND_SMTP_HOST, INBOUND_SMTP_PORT; 0: a free port),
 * or nothing when INBOUND_SMTP_PORT is unset. The deployment forwards REPLY_MAILBOX to it.
 */
export async function startReplyListener(
  config: Pick<Config, 'REPLY_MAILBOX' | 'INBOUND_SMTP_HOST' | 'INBOUND_SMTP_PORT' | 'INBOUND_SMTP_MAX_BYTES'>,
  deps: Omit<ReplyDeskDeps, 'replyMailbox' | 'now'> & { now?: () => Date },
): Promise<InboundListener | undefined> {
  if (config.INBOUND_SMTP_PORT === undefined) return undefined;
  const desk: ReplyDeskDeps = { ...deps, replyMailbox: config.REPLY_MAILBOX, now: deps.now ?? (() => new Date()) };
  return startInboundMail({
    host: config.INBOUND_SMTP_HOST,
    port: config.INBOUND_SMTP_PORT,
    maxBytes: config.INBOUND_SMTP_MAX_BYTES,
    logger: deps.logger,
    accept: async (mail) => {
      await receiveReply(desk, mail);
    },
  });
}

/** The URL of a reply's attachment. */
const attachmentLink = (number: string, replyId: string, position: number) =>
  `/api/v1/complaints/${number}/replies/${replyId}/attachments/${position}`;

/** The replies of a complaint as the records show them, oldest first (files by name, type and size, with a link). */
export async function repliesOf(prisma: PrismaClient, number: string) {
  const [replies, files] = await Promise.all([
    prisma.complaintReply.findMany({ where: { complaintNumber: number }, orderBy: { receivedAt: 'asc' } }),
    prisma.$queryRaw<Array<{ replyId: string; position: number; filename: string; contentType: string; size: number }>>`
      SELECT a.reply_id AS "replyId", a.position, a.filename, a.content_type AS "contentType",
        octet_length(a.content)::int AS size
      FROM complaint_reply_attachment a JOIN complaint_reply r ON r.id = a.reply_id
      WHERE r.complaint_number = ${number}
      ORDER BY a.position`,
  ]);
  return replies.map((r) => ({
    id: r.id,
    messageId: r.messageId,
    from: r.fromAddress,
    subject: r.subject,
    text: r.textBody,
    receivedAt: r.receivedAt.toISOString(),
    attachments: files
      .filter((f) => f.replyId === r.id)
      .map((f) => ({
        position: f.position,
        filename: f.filename,
        contentType: f.contentType,
        size: f.size,
        link: attachmentLink(number, r.id, f.position),
      })),
  }));
}

/** One file of a complaint's reply; undefined when the complaint has no such reply or file. */
export async function replyAttachment(prisma: PrismaClient, number: string, replyId: string, position: number) {
  const file = await prisma.complaintReplyAttachment.findFirst({
    where: { replyId, position, reply: { complaintNumber: number } },
  });
  return file && { filename: file.filename, contentType: file.contentType, content: Buffer.from(file.content) };
}
