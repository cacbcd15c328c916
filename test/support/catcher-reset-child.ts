/**
 * Run as its own process by test/integration/mail-catcher.test.ts (an unheard 'error' event ends a process,
 * which jest would only print): resets three connections to a mail catcher mid-session, then sends one email
 * through it and prints what the catcher caught.
 */
import net from 'node:net';
import { startMailCatcher } from '../../infra/mail-catcher';
import { createMailer } from '../../infra/mailer';

async function main() {
  const catcher = await startMailCatcher();
  const port = Number(new URL(catcher.smtpUrl).port);
  for (let i = 0; i < 3; i++) {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('data', resolve)); // the greeting
    socket.write('EHLO reset.example\r\nMAIL FROM:<a@example.com>\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const mailer = createMailer(catcher.smtpUrl, 'desk@example.com');
  await mailer.send({ to: 'b@example.com', subject: 'after resets', text: 't', html: '<p>t</p>', messageId: '<r@x>' });
  mailer.close();
  const caught = await catcher.waitFor((m) => m.subject === 'after resets');
  process.stdout.write(`caught ${caught.subject} for ${caught.to.join(',')}\n`);
  await catcher.stop();
}

void main();
