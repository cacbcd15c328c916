import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message the catcher received, parsed. */
export interface CaughtMail {
  id: number;
  receivedAt: string;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Files attached (the JSON inbox lists their names, types and sizes only). */
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/** Options of the mail catcher. */
export interface MailCatcherOptions {
  smtpPort?: number;
  httpPort?: number;
  host?: string;
  /** Called before a message is accepted; lets tests hold or refuse a delivery. */
  beforeAccept?: (mail: CaughtMail) => Promise<void>;
}

/** A running mail catcher: a real SMTP server plus an optional web inbox. */
export interface MailCatcher {
  smtpPort: number;
  httpPort?: number;
  smtpUrl: string;
  messages: CaughtMail[];
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inboxPage(messages: CaughtMail[]): string {
  const rows = [...messages]
    .reverse()
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td>` +
        `<td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`,
    )
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>Mail catcher</title>
<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 12px;text-align:left}</style>
<h1>Mail catcher — ${messages.length} message(s)</h1>
<table><tr><th>received</th><th>to</th><th>subject</th></tr>${rows}</table>`;
}

/** A parsed message as the catcher keeps it. */
function caughtMail(parsed: ParsedMail, envelope: SMTPServerSession['envelope'], id: number): CaughtMail {
  const headers: Record<string, string> = {};
  for (const [key, value] of parsed.headers) headers[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    id,
    receivedAt: new Date().toISOString(),
    messageId: parsed.messageId ?? '',
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    to: envelope.rcptTo.map((r) => r.address),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers,
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? '',
      contentType: a.contentType,
      content: a.content,
    })),
  };
}

/**
 * Starts an SMTP server that keeps every message in memory, and, when `httpPort` is given, a web inbox
 * (`/` lists messages, `/messages/<id>` shows one, `/api/messages` returns JSON).
 * Port 0 picks a free port.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const messages: CaughtMail[] = [];
  const waiters = new Set<() => void>();

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const mail = caughtMail(parsed, session.envelope, messages.length + 1);
          if (options.beforeAccept) await options.beforeAccept(mail);
          messages.push(mail);
          for (const wake of waiters) wake();
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // A client's connection reset (a cut network, a killed sender) is reported here; unheard, it would end the process.
  smtp.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let web: http.Server | undefined;
  if (options.httpPort !== undefined) {
    web = http.createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/api/messages') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify(
            messages.map((m) => ({
              ...m,
              attachments: m.attachments.map((a) => ({
                filename: a.filename,
                contentType: a.contentType,
                size: a.content.length,
              })),
            })),
          ),
        );
        return;
      }
      const match = /^\/messages\/(\d+)$/.exec(url);
      if (match) {
        const mail = messages.find((m) => m.id === Number(match[1]));
        if (!mail) {
          res.writeHead(404).end('not found');
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><meta charset="utf-8"><p><a href="/">inbox</a></p><h2>${escapeHtml(mail.subject)}</h2>` +
            `<p>to ${escapeHtml(mail.to.join(', '))} — ${escapeHtml(mail.receivedAt)}</p><hr>${mail.html || `<pre>${escapeHtml(mail.text)}</pre>`}`,
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(inboxPage(messages));
    });
    await new Promise<void>((resolve, reject) => {
      web!.once('error', reject);
      web!.listen(options.httpPort, host, () => resolve());
    });
  }

  return {
    smtpPort,
    httpPort: web ? (web.address() as AddressInfo).port : undefined,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    messages,
    waitFor(predicate, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async stop() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) {
        web.closeAllConnections();
        await new Promise<void>((resolve) => web.close(() => resolve()));
      }
    },
  };
}
