/**
 * A customer's email reply to their complaint's address, sent over SMTP to one of the APIs' reply listeners and,
 * after a refusal or a dropped connection, sent again with the same Message-ID (a redelivery stores nothing new).
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { SOAK_REPLY_MAILBOX } from './stack';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The reply's Message-ID once a listener accepted it (250), or undefined when none did in time. */
export async function replyByEmail(
  ports: () => number[],
  from: string,
  number: string,
  deadlineMs = 120_000,
): Promise<string | undefined> {
  const messageId = `<soak-${randomUUID()}@customer.example>`;
  const [local, domain] = SOAK_REPLY_MAILBOX.split('@');
  const until = Date.now() + deadlineMs;
  for (let attempt = 0; Date.now() < until; attempt++) {
    const open = ports();
    const port = open[attempt % Math.max(1, open.length)];
    if (port !== undefined) {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true, socketTimeout: 30_000 });
      try {
        await transport.sendMail({
          from,
          to: `${local}+${number}@${domain}`,
          subject: `Re: complaint ${number}`,
          messageId,
          text: 'The drive still trips after the last visit.',
        });
        return messageId;
      } catch {
        // refused or cut: the same message again, to the next listener
      } finally {
        transport.close();
      }
    }
    await pause(1_000);
  }
  return undefined;
}
