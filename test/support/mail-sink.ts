import { SMTPServer } from 'smtp-server';
import { AddressInfo } from 'net';

export interface SunkMail {
  to: string[];
  raw: string;
}

/** An in-process SMTP server: nodemailer in the worker sends to it over real SMTP. */
export class MailSink {
  readonly messages: SunkMail[] = [];
  private server?: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.messages.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          done();
        });
      },
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', () => ok()));
    const port = this.server!.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port.port}`;
    return this;
  }

  /** Waits until a message to `to` arrives whose raw text matches. */
  async waitFor(to: string, match: RegExp = /./, timeoutMs = 15000): Promise<SunkMail> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const m = this.messages.find((x) => x.to.includes(to) && match.test(decode(x.raw)));
      if (m) return m;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no mail to ${to} matching ${match} within ${timeoutMs} ms (got ${this.messages.length})`);
  }

  async stop() {
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

/** Decodes quoted-printable / base64 bodies well enough to search them. */
export function decode(raw: string): string {
  const qp = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  try {
    return Buffer.from(qp, 'latin1').toString('utf8');
  } catch {
    return qp;
  }
}
