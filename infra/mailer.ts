import { Transform } from 'node:stream';
import nodemailer from 'nodemailer';

/** A file sent with an email (the 8D report's PDF). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One email ready to be handed to SMTP. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Where answers go (a complaint's own reply address); the sender when absent. */
  replyTo?: string;
  /** The Message-ID this email follows in its thread (In-Reply-To), and the thread's Message-IDs (References). */
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
}

/** Sends email; the only piece of the service that talks SMTP. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string; response: string }>;
  verify(): Promise<void>;
  close(): void;
}

/** An SMTP error as nodemailer reports it; `deliveryUnknown` is ours (see `isUncertainSmtpDelivery`). */
export interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
  deliveryUnknown?: boolean;
}

/** True for an SMTP reply that says the message will never be accepted (5xx). */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as SmtpError | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * True when a send failed with no answer from the server after the whole message had been handed to the
 * connection (the connection dropped or timed out while the server was to answer the final dot): the server
 * may have accepted it, so sending it again could deliver it twice. A failure before the end of the message
 * (refused connection, a drop during the envelope) or any SMTP reply is certain: the message was not taken.
 */
export function isUncertainSmtpDelivery(error: unknown): boolean {
  return (error as SmtpError | undefined)?.deliveryUnknown === true;
}

/** Marks, per Message-ID, when the message's last byte has passed into the SMTP connection's data stream. */
class MessageEndProbe {
  private readonly written = new Map<string, boolean>();

  /** nodemailer's `stream` plugin step: a pass-through on each message that notes when it has all gone by. */
  readonly plugin = (
    mail: { data: { messageId?: string }; message: { transform(factory: () => Transform): void } },
    done: () => void,
  ) => {
    const id = mail.data.messageId;
    mail.message.transform(
      () =>
        new Transform({
          transform: (chunk, _encoding, next) => next(null, chunk),
          flush: (next) => {
            if (id !== undefined && this.written.has(id)) this.written.set(id, true);
            next();
          },
        }),
    );
    done();
  };

  /** Runs one send, marking its failure uncertain when it came after the message had all been written. */
  async around<T>(messageId: string, send: () => Promise<T>): Promise<T> {
    this.written.set(messageId, false);
    try {
      return await send();
    } catch (error) {
      const answered = typeof (error as SmtpError).responseCode === 'number';
      if (this.written.get(messageId) && !answered) Object.assign(error as object, { deliveryUnknown: true });
      throw error;
    } finally {
      this.written.delete(messageId);
    }
  }
}

/** A nodemailer SMTP mailer for `smtp://` or `smtps://` URLs. */
export function createMailer(smtpUrl: string, from: string): Mailer {
  // One pool of kept-open SMTP connections for every email (no connection and no verify per message).
  // The options go with the URL in one object: a second argument would be message defaults, not these.
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 5,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 8_000,
  } as never);
  const probe = new MessageEndProbe();
  transport.use('stream', probe.plugin);
  return {
    async send(message) {
      const info = await probe.around(message.messageId, () =>
        transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          replyTo: message.replyTo,
          inReplyTo: message.inReplyTo,
          references: message.references,
          headers: message.headers,
          attachments: message.attachments?.length ? message.attachments : undefined,
        }),
      );
      return { messageId: info.messageId, response: info.response };
    },
    async verify() {
      await transport.verify();
    },
    close() {
      transport.close();
    },
  };
}
