import http from 'http';
import https from 'https';
import { PaymentOrder, PaymentRail, RailAnswer } from './rail';

/** The bank's JSON answer, as far as the rail reads it (anything else in it is ignored). */
interface BankBody {
  status?: unknown;
  reference?: unknown;
  reason?: unknown;
}

interface HttpReply {
  status: number;
  body: BankBody | null;
}

class TransportError extends Error {
  constructor(
    readonly reason: string,
    /** true when the request provably never reached the server */
    readonly notSent: boolean,
  ) {
    super(reason);
  }
}

/**
 * PAYMENT_RAIL=http: a bank or treasury API at PAYMENT_RAIL_URL.
 *   POST {url}/payments  (Idempotency-Key: <instalment id>) { amountFen, payee: { name, creditCode }, memo }
 *        → 200/201 { status: "paid" | "failed" | "pending", reference?, reason? }
 *   GET  {url}/payments/<key> → 200 { status, reference?, reason? } | 404 (never seen)
 * A timeout, a reset connection or a 5xx is ambiguous (the money may have moved): the caller asks GET before sending
 * again. A refused connection never reached the bank.
 */
export class HttpRail implements PaymentRail {
  readonly name = 'http' as const;
  readonly sendsOnline = true;
  private readonly base: URL;
  private readonly agent: http.Agent;

  constructor(
    url: string,
    private readonly timeoutMs: number,
  ) {
    this.base = new URL(url.endsWith('/') ? url : `${url}/`);
    const Agent = this.base.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 128 });
  }

  async send(order: PaymentOrder): Promise<RailAnswer> {
    try {
      const reply = await this.request('POST', 'payments', order.key, {
        amountFen: order.amountFen,
        payee: { name: order.payeeName, creditCode: order.payeeCreditCode },
        memo: order.memo,
      });
      if (reply.status >= 500)
        return { outcome: 'ambiguous', reason: `http-${reply.status}`, detail: { httpStatus: reply.status } };
      if (reply.status === 409) return { outcome: 'pending', detail: { httpStatus: 409 } }; // the same key is being processed
      if (reply.status >= 400)
        return {
          outcome: 'failed',
          reason: reply.body?.reason != null ? String(reply.body.reason) : `http-${reply.status}`,
          detail: { httpStatus: reply.status },
        };
      return this.read(reply);
    } catch (err) {
      if (err instanceof TransportError)
        return err.notSent ? { outcome: 'not-sent', reason: err.reason } : { outcome: 'ambiguous', reason: err.reason };
      throw err;
    }
  }

  async status(key: string): Promise<RailAnswer> {
    try {
      const reply = await this.request('GET', `payments/${encodeURIComponent(key)}`, null, null);
      if (reply.status === 404) return { outcome: 'unknown', detail: { httpStatus: 404 } };
      if (reply.status >= 400)
        return { outcome: 'ambiguous', reason: `http-${reply.status}`, detail: { httpStatus: reply.status } };
      return this.read(reply);
    } catch (err) {
      if (err instanceof TransportError) return { outcome: 'ambiguous', reason: err.reason };
      throw err;
    }
  }

  private read(reply: HttpReply): RailAnswer {
    const b: BankBody = reply.body ?? {};
    const detail = { httpStatus: reply.status };
    if (b.status === 'paid')
      return { outcome: 'paid', reference: typeof b.reference === 'string' ? b.reference.slice(0, 100) : null, detail };
    if (b.status === 'failed')
      return { outcome: 'failed', reason: String(b.reason ?? 'refused by the bank').slice(0, 200), detail };
    if (b.status === 'pending') return { outcome: 'pending', detail };
    return { outcome: 'ambiguous', reason: 'unreadable answer', detail };
  }

  private request(method: 'GET' | 'POST', path: string, key: string | null, body: unknown): Promise<HttpReply> {
    const url = new URL(path, this.base);
    const payload = body === null ? null : Buffer.from(JSON.stringify(body));
    const lib = url.protocol === 'https:' ? https : http;
    return new Promise<HttpReply>((resolve, reject) => {
      let sent = false;
      const req = lib.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...(key ? { 'idempotency-key': key } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            clearTimeout(timer);
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              parsed = null;
            }
            resolve({
              status: res.statusCode ?? 0,
              body: parsed && typeof parsed === 'object' ? (parsed as BankBody) : null,
            });
          });
          res.on('error', (e) => reject(new TransportError(`response error: ${e.message}`, false)));
        },
      );
      const timer = setTimeout(
        () => req.destroy(new TransportError(`no answer within ${this.timeoutMs} ms`, false)),
        this.timeoutMs,
      );
      req.on('socket', (s) => {
        if (s.connecting) s.once('connect', () => (sent = true));
        else sent = true; // a kept-alive socket: already connected
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (e instanceof TransportError) return reject(e);
        const refused = e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN';
        reject(new TransportError(`${e?.code ?? 'error'}: ${e?.message ?? e}`, refused && !sent));
      });
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }

  /** Nest calls this on shutdown: no keep-alive socket outlives the worker. */
  onModuleDestroy(): void {
    this.close();
  }
}
