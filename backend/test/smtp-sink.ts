import { createServer, type Server, type Socket } from 'node:net';

/** A message as the sink received it, with its subject and text body decoded. */
export interface SunkMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  raw: string;
}

/**
 * A tiny SMTP server for the tests (no TLS, no auth): it accepts every message and keeps it, decoding
 * the subject's encoded words and a base64 or quoted-printable body, which is all nodemailer sends here.
 */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  private server: Server | null = null;
  private sockets = new Set<Socket>();
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((socket) => this.session(socket));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  /** Resolves with the mails once there are `count`, or rejects after `ms`. */
  async waitFor(count: number, ms = 10_000): Promise<SunkMail[]> {
    const until = Date.now() + ms;
    while (this.mails.length < count) {
      if (Date.now() > until) throw new Error(`expected ${count} mails, got ${this.mails.length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.mails;
  }

  private session(socket: Socket) {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    let data: string | null = null;
    let from = '';
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (data !== null) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          data += buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          this.mails.push({ from, to, ...decode(data), raw: data });
          data = null;
          to = [];
          reply('250 OK queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'MAIL') from = addr(line);
        if (verb === 'RCPT') to.push(addr(line));
        if (verb === 'DATA') data = '';
        reply(REPLIES[verb] ?? '250 OK');
        if (verb === 'QUIT') socket.end();
      }
    });
  }
}

const REPLIES: Record<string, string> = { EHLO: '250 sink', HELO: '250 sink', DATA: '354 go ahead', QUIT: '221 bye' };

const addr = (line: string) => /<([^>]*)>/.exec(line)?.[1] ?? '';

function decode(raw: string): { subject: string; text: string } {
  const bytes = Buffer.from(raw, 'latin1').toString('utf8');
  const [head, ...rest] = bytes.split('\r\n\r\n');
  const headers = head.replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1] ?? '';
  const subject = header('Subject').replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_, enc: string, word: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(word, 'base64').toString('utf8') : qp(word.replace(/_/g, ' ')),
  );
  const body = rest.join('\r\n\r\n');
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? qp(body) : body;
  return { subject, text: text.replace(/\r\n/g, '\n') };
}

function qp(s: string): string {
  const bytes = s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
