import crypto from 'node:crypto';
import type { PrismaClient } from '../infra/database';
import type { Logger } from '../infra/logger';
import {
  isPermanentSmtpFailure,
  isUncertainSmtpDelivery,
  type MailAttachment,
  type Mailer,
  type MailMessage,
} from '../infra/mailer';

/**
 * Outbox row states. `uncertain`: an attempt died while handing the mail to SMTP, or the connection dropped
 * before the server answered the whole email; it may have left, so it is not resent by itself.
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'rejected' | 'uncertain';

/**
 * What an email is about: the complaint itself (kind `complaint`, id = its number) or a process of the
 * complaint with its own identity (an 8D report, a recall), so child workflows send through the same outbox.
 */
export interface OutboxSubject {
  kind: string;
  id: string;
}

/** The subject of a complaint's own emails. */
export function complaintSubject(number: string): OutboxSubject {
  return { kind: 'complaint', id: number };
}

/** One email to deliver exactly once per (subject, event, recipient). */
export interface OutboxMessage {
  /** The complaint the email belongs to (its record, anonymisation); null for a process of its own. */
  complaintNumber: string | null;
  /** What the email is about; the complaint itself when omitted. */
  about?: OutboxSubject;
  event: string;
  recipient: string;
  language: string;
  subject: string;
  text: string;
  html: string;
  /** Files sent with it (stored with the email in one transaction; every attempt sends the same bytes). */
  attachments?: MailAttachment[];
}

/** How a delivery ended. `already_sent` means an earlier attempt delivered it. */
export type DeliveryOutcome = 'sent' | 'already_sent' | 'rejected' | 'uncertain';

const SUBJECT_KIND = /^[a-z][a-z0-9_]*$/;

/** True for a subject whose kind is lower-case letters, digits and `_`, and whose id is non-empty without `:`. */
export function isOutboxSubject(subject: OutboxSubject): boolean {
  return SUBJECT_KIND.test(subject.kind) && subject.id.length > 0 && !subject.id.includes(':');
}

/**
 * The idempotency key of an email: `<subject kind>:<subject id>:<event>:<recipient in lower case>`. Kind and
 * id hold no `:`, so the key names one (subject, event, recipient) only.
 */
export function outboxKey(subject: OutboxSubject, event: string, recipient: string): string {
  if (!isOutboxSubject(subject)) throw new TypeError(`not an outbox subject: ${JSON.stringify(subject)}`);
  return `${subject.kind}:${subject.id}:${event}:${recipient.toLowerCase()}`;
}

/** A stable RFC 5322 Message-ID for a key, so receivers can also recognise the message. */
export function messageIdFor(key: string): string {
  return `<${crypto.createHash('sha256').update(key).digest('hex').slice(0, 32)}@complaint-orchestrator>`;
}

/**
 * The Message-ID of a complaint's acknowledgement to `recipient`: the root of the thread every other email of
 * the complaint to that recipient answers (In-Reply-To, References). Computed from the key, so it needs no
 * lookup and is the same whether or not that email was sent (staff get none; their emails still thread).
 */
export function acknowledgementMessageId(number: string, recipient: string): string {
  return messageIdFor(outboxKey(complaintSubject(number), 'acknowledgement', recipient));
}

/** A complaint's own reply address: plus-addressing on the reply mailbox (`replies+202611-007@example.com`). */
export function replyAddress(mailbox: string, number: string): string {
  const at = mailbox.lastIndexOf('@');
  return `${mailbox.slice(0, at)}+${number}@${mailbox.slice(at + 1)}`;
}

/** Dependencies of the outbox. */
export interface OutboxDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  now: () => Date;
  /** REPLY_MAILBOX: the customer's emails of a complaint say Reply-To its plus-address; unset: no Reply-To. */
  replyMailbox?: string;
}

/**
 * Writes the email to the outbox (once per key) and sends it at most once:
 * - a row already `sent`, `rejected` or `uncertain` is never sent again;
 * - a row found `sending` belongs to an attempt that died mid-send: the mail may have left, so it is
 *   marked `uncertain` and reported instead of being sent twice;
 * - a transient SMTP failure puts the row back to `pending` and throws, so the activity retries.
 */
export async function deliverThroughOutbox(deps: OutboxDeps, message: OutboxMessage): Promise<DeliveryOutcome> {
  const about = message.about ?? (message.complaintNumber ? complaintSubject(message.complaintNumber) : undefined);
  if (!about) throw new TypeError('an email of no complaint needs the subject it is about');
  const key = outboxKey(about, message.event, message.recipient);
  const attachments = message.attachments ?? [];
  // The common case in one statement: a new email is written already claimed by this attempt.
  const insert = (db: Pick<PrismaClient, '$queryRaw'>) => db.$queryRaw<Array<{ id: string }>>`
    INSERT INTO outbox_email (id, idempotency_key, subject_kind, subject_id, complaint_number, event, recipient,
      language, subject, text_body, html_body, message_id, status, attempts, claimed_at)
    VALUES (gen_random_uuid(), ${key}, ${about.kind}, ${about.id}, ${message.complaintNumber}, ${message.event},
      ${message.recipient}, ${message.language}, ${message.subject}, ${message.text}, ${message.html},
      ${messageIdFor(key)}, 'sending', 1, ${deps.now()})
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id`;
  // With attachments, the email and its files are written together: a row never exists without its files.
  const created = attachments.length
    ? await deps.prisma.$transaction(async (tx) => {
        const rows = await insert(tx);
        if (rows[0]) {
          await tx.outboxAttachment.createMany({
            data: attachments.map((a, position) => ({
              emailId: rows[0]!.id,
              position,
              filename: a.filename,
              contentType: a.contentType,
              content: new Uint8Array(a.content),
            })),
          });
        }
        return rows;
      })
    : await insert(deps.prisma);
  if (created[0]) {
    const { recipient: to, subject, text, html, complaintNumber } = message;
    const mail = { to, subject, text, html, messageId: messageIdFor(key), complaintNumber, attachments };
    return send(deps, created[0].id, key, mail);
  }
  return deliverExisting(deps, key);
}

/** The files stored with an outbox email, in order. */
async function attachmentsOf(prisma: PrismaClient, emailId: string): Promise<MailAttachment[]> {
  const rows = await prisma.outboxAttachment.findMany({ where: { emailId }, orderBy: { position: 'asc' } });
  return rows.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) }));
}

/**
 * An email already in the outbox (a retry, or a second call with the same key):
 * - a row `sent`, `rejected` or `uncertain` is never sent again;
 * - a row found `sending` belongs to an attempt that died mid-send: the mail may have left, so it is
 *   marked `uncertain` and reported instead of being sent twice;
 * - a `pending` row (its last attempt failed before SMTP took it) is claimed and sent.
 */
async function deliverExisting(deps: OutboxDeps, key: string): Promise<DeliveryOutcome> {
  const { prisma, logger } = deps;
  const row = await prisma.outboxEmail.findUniqueOrThrow({ where: { idempotencyKey: key } });
  const status = row.status as OutboxStatus;
  if (status === 'sent') return 'already_sent';
  if (status === 'rejected' || status === 'uncertain') return status;
  if (status === 'sending') {
    await prisma.outboxEmail.update({ where: { id: row.id }, data: { status: 'uncertain' } });
    logger.error({ key }, 'an earlier attempt died while sending this email; not resending (at most once)');
    return 'uncertain';
  }
  const claimed = await prisma.outboxEmail.updateMany({
    where: { id: row.id, status: 'pending' },
    data: { status: 'sending', claimedAt: deps.now(), attempts: { increment: 1 } },
  });
  if (claimed.count !== 1) return deliverExisting(deps, key);
  const { recipient: to, subject, textBody: text, htmlBody: html, messageId, complaintNumber } = row;
  const attachments = await attachmentsOf(prisma, row.id);
  return send(deps, row.id, key, { to, subject, text, html, messageId, complaintNumber, attachments });
}

/**
 * Sends an `uncertain` email again, by hand, after someone has checked it never arrived: with the same
 * Message-ID, so a mail client that did get the first copy collapses the two. Undefined when the row is not
 * (or no longer) uncertain.
 */
export async function resendUncertain(deps: OutboxDeps, id: string): Promise<DeliveryOutcome | undefined> {
  const claimed = await deps.prisma.outboxEmail.updateMany({
    where: { id, status: 'uncertain' },
    data: { status: 'sending', claimedAt: deps.now(), attempts: { increment: 1 } },
  });
  if (claimed.count !== 1) return undefined;
  const row = await deps.prisma.outboxEmail.findUniqueOrThrow({ where: { id } });
  const { recipient: to, subject, textBody: text, htmlBody: html, messageId, complaintNumber } = row;
  try {
    const attachments = await attachmentsOf(deps.prisma, id);
    const mail = { to, subject, text, html, messageId, complaintNumber, attachments };
    return await send(deps, id, row.idempotencyKey, mail);
  } catch (error) {
    // back to uncertain (not pending: no activity is waiting to retry it)
    await deps.prisma.outboxEmail.update({ where: { id }, data: { status: 'uncertain' } });
    throw error;
  }
}

/**
 * Re-sends, automatically, the `uncertain` emails whose uncertain attempt is older than `delayMs` (where a
 * deployment configures it): the same Message-ID, so a client that did get the first copy collapses the two.
 * An email is tried at most until it has `maxAttempts` attempts; a failure leaves it uncertain for the next
 * round or for staff. Returns how many were sent.
 */
export async function resendUncertainDue(
  deps: OutboxDeps,
  options: { delayMs: number; maxAttempts: number; batch?: number },
): Promise<number> {
  const due = await deps.prisma.outboxEmail.findMany({
    where: {
      status: 'uncertain',
      claimedAt: { lt: new Date(deps.now().getTime() - options.delayMs) },
      attempts: { lt: options.maxAttempts },
    },
    orderBy: { claimedAt: 'asc' },
    take: options.batch ?? 20,
    select: { id: true },
  });
  let sent = 0;
  for (const { id } of due) {
    const outcome = await resendUncertain(deps, id).catch((error: unknown) => {
      deps.logger.warn({ id, err: error }, 'automatic re-send of an uncertain email failed; it stays uncertain');
      return undefined;
    });
    if (outcome === 'sent') sent += 1;
  }
  return sent;
}

/**
 * The thread headers of a complaint's email: every one but the acknowledgement answers the acknowledgement to
 * the same recipient; the customer's (and only theirs: a staff member's or an auto-responder's answer must
 * not come back as the customer's reply) say Reply-To the complaint's own address when REPLY_MAILBOX is set.
 * Derived from the row alone, so a retry or a resend carries the same headers.
 */
async function threadHeaders(
  deps: OutboxDeps,
  mail: { to: string; messageId: string; complaintNumber: string | null },
): Promise<Pick<MailMessage, 'replyTo' | 'inReplyTo' | 'references'>> {
  const { complaintNumber: number, to } = mail;
  if (!number) return {};
  const root = acknowledgementMessageId(number, to);
  const thread = root === mail.messageId ? {} : { inReplyTo: root, references: root };
  if (!deps.replyMailbox) return thread;
  const complaint = await deps.prisma.complaint.findUnique({ where: { number }, select: { customerEmail: true } });
  const toCustomer = complaint?.customerEmail.toLowerCase() === to.toLowerCase();
  return toCustomer ? { ...thread, replyTo: replyAddress(deps.replyMailbox, number) } : thread;
}

/**
 * Hands a claimed row to SMTP. A failure to connect or a 4xx reply puts the row back to `pending` and
 * throws, so the activity retries; a 5xx reply marks it `rejected` for good; a connection lost after the
 * whole email was handed over (the server may have taken it) marks it `uncertain`, as a dead attempt does.
 */
async function send(
  deps: OutboxDeps,
  id: string,
  key: string,
  mail: Omit<MailMessage, 'headers'> & { complaintNumber: string | null },
): Promise<DeliveryOutcome> {
  const { prisma, mailer, logger } = deps;
  const { complaintNumber, ...message } = mail;
  try {
    await mailer.send({
      ...message,
      ...(await threadHeaders(deps, mail)),
      headers: { ...(complaintNumber && { 'X-Complaint-Number': complaintNumber }), 'X-Idempotency-Key': key },
    });
  } catch (error) {
    const outcome = isPermanentSmtpFailure(error)
      ? 'rejected'
      : isUncertainSmtpDelivery(error)
        ? 'uncertain'
        : 'pending';
    const lastError = String((error as Error).message).slice(0, 2000);
    await prisma.outboxEmail.update({ where: { id }, data: { status: outcome, lastError } });
    if (outcome === 'pending') throw error;
    logger.error(
      { key, error: lastError },
      outcome === 'rejected'
        ? 'SMTP refused the email permanently'
        : 'the SMTP connection dropped after the whole email was handed over; not resending (at most once)',
    );
    return outcome;
  }
  await prisma.outboxEmail.update({ where: { id }, data: { status: 'sent', sentAt: deps.now() } });
  logger.info({ key }, 'email sent');
  return 'sent';
}
