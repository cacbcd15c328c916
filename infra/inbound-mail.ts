import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Logger } from './logger';

/** A message the inbound listener received, parsed. */
export interface InboundMail {
  /** The Message-ID header; for a message without one, `<sha256 of its bytes@inbound>` (a redelivery is the same). */
  messageId: string;
  /** Envelope recipients, then the To and Cc addresses (a forwarder may have rewritten the envelope). */
  recipients: string[];
  /** The From header as written (`"Zhang Wei" <zhang@example.com>`), else the envelope sender. */
  from: string;
  subject: string;
  /** In-Reply-To, then References: the Message-IDs the message answers, nearest first. */
  answers: string[];
  text: string;
  html: string | undefined;
  attachments: Array<{ filename: string | undefined; contentType: string; content: Buffer }>;
}

/** An SMTP refusal: `code` is the reply code the sender gets (550: no such mailbox, 451: try again later). */
export class SmtpRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Options of the inbound listener. */
export interface InboundMailOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The largest message taken, in bytes; a larger one is refused with 552 (and never kept in memory whole). */
  maxBytes: number;
  logger: Logger;
  /**
   * Takes one message; resolves once it is stored (the sender then gets 250). An `SmtpRefusal` is the
   * sender's reply; any other error is a 451, so the sending server tries again later.
   */
  accept(mail: InboundMail): Promise<void>;
}

/** A running inbound listener. */
export interface InboundListener {
  port: number;
  stop(): Promise<void>;
}

const ids = (value: string | string[] | undefined): string[] =>
  [value ?? []].flat().flatMap((v) => v.match(/<[^<>\s]+>/g) ?? []);

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  [value ?? []].flat().flatMap((a) => a.value.flatMap((v) => (v.address ? [v.address] : [])));

/** Reads the DATA stream up to `maxBytes`; beyond that it is drained and dropped, and undefined is returned. */
async function readLimited(stream: Readable & { sizeExceeded?: boolean }, maxBytes: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
  }
  return size > maxBytes || stream.sizeExceeded ? undefined : Buffer.concat(chunks);
}

/**
 * Starts an SMTP server for replies forwarded by the deployment's mail system (no authentication, no TLS:
 * it listens where only that system reaches it). Each message is parsed and given to `accept`.
 */
export async function startInboundMail(options: InboundMailOptions): Promise<InboundListener> {
  const { logger } = options;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: options.maxBytes,
    logger: false,
    onData(stream, session, callback) {
      const received = async () => {
        const raw = await readLimited(stream, options.maxBytes);
        if (!raw) throw new SmtpRefusal(552, `5.3.4 message larger than ${options.maxBytes} bytes`);
        const parsed = await simpleParser(raw);
        const messageId =
          parsed.messageId?.trim() || `<${crypto.createHash('sha256').update(raw).digest('hex')}@inbound>`;
        const envelope = session.envelope;
        await options.accept({
          messageId,
          recipients: [...envelope.rcptTo.map((r) => r.address), ...addresses(parsed.to), ...addresses(parsed.cc)],
          from: parsed.from?.text || (envelope.mailFrom ? envelope.mailFrom.address : ''),
          subject: parsed.subject ?? '',
          answers: [...ids(parsed.inReplyTo), ...ids(parsed.references).reverse()],
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : undefined,
          attachments: parsed.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.content,
          })),
        });
      };
      received().then(
        () => callback(null, 'Message stored'),
        (error: unknown) => {
          if (error instanceof SmtpRefusal) {
            logger.info({ code: error.responseCode, reason: error.message }, 'inbound message refused');
            callback(error);
          } else {
            logger.error({ err: error }, 'inbound message not stored; the sender will try again');
            callback(new SmtpRefusal(451, '4.3.0 not stored, try again later'));
          }
        },
      );
    },
  });
  smtp.on('error', (error) => logger.warn({ err: error }, 'inbound SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.port, options.host, () => resolve());
  });
  const port = (smtp.server.address() as AddressInfo).port;
  logger.info({ host: options.host, port }, 'inbound SMTP listening');
  return {
    port,
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
