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

/** An SMTP error as nodemailer reports it. */
export interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
}

/** True for an SMTP reply that says the message will never be accepted (5xx). */
export function isPermanentSmtpFailure(error: unknown): boolean {
  const code = (error as SmtpError | undefined)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
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
  return {
    async send(message) {
      const info = await transport.sendMail({
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
      });
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
