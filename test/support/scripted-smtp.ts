import net from 'node:net';

/**
 * Where a scripted SMTP session goes wrong: `drop-at-rcpt` closes the connection when the recipient is named
 * (nothing of the message sent); `drop-after-data` takes the whole message, final dot included, and closes the
 * connection without answering (the server has it; the client cannot know); `busy-after-data` answers the
 * final dot with 451; `accept` answers 250.
 */
export type SmtpScript = 'accept' | 'drop-at-rcpt' | 'drop-after-data' | 'busy-after-data';

/** A real SMTP server on the loopback interface that follows a script, for the moments a catcher cannot make. */
export interface ScriptedSmtp {
  smtpUrl: string;
  script: SmtpScript;
  /** Every message received whole (up to its final dot), whatever was answered. */
  readonly received: string[];
  stop(): Promise<void>;
}

export async function startScriptedSmtp(script: SmtpScript = 'accept'): Promise<ScriptedSmtp> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = '';
    let inData = false;
    socket.write('220 scripted ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          if (scripted.script === 'drop-after-data') return void socket.destroy();
          socket.write(scripted.script === 'busy-after-data' ? '451 try again later\r\n' : '250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith('EHLO')) socket.write('250-scripted\r\n250 8BITMIME\r\n');
        else if (line.startsWith('RCPT') && scripted.script === 'drop-at-rcpt') return void socket.destroy();
        else if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const scripted: ScriptedSmtp = {
    smtpUrl: `smtp://127.0.0.1:${port}`,
    script,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return scripted;
}
