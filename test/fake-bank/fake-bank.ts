/*
 * A fake bank for the HTTP payment rail, run in-process by tests and benchmarks on 127.0.0.1 and a random port.
 *
 *   POST /payments   (Idempotency-Key: <key>) { amountFen, payee, memo } → { status: "paid" | "failed" | "pending", reference?, reason? }
 *   GET  /payments/:key → { status, reference?, reason?, amountFen } | 404 when the key was never seen
 *   GET  /stats         → FakeBankStats (for processes that do not share memory with the bank)
 *   PUT  /mode          { mode, slowMs? } (same)
 *
 * Modes (for every new payment; a per-key override wins):
 *   succeed       pays and answers 200 paid;
 *   fail          refuses: 200 { status: "failed" }; nothing moves, and the same key may be tried again later;
 *   timeout       pays, then never answers (the connection hangs until the client gives up);
 *   slow          answers `pending` to anyone asking meanwhile, pays after `slowMs`, then answers;
 *   answer-twice  pays, but the first answer is lost (the connection is cut); asked again (GET or POST) it answers
 *                 the same result a second time.
 * The bank is idempotent: a key is paid at most once, and a repeated POST gets the first result. It counts calls per
 * key, and `repeats` = POSTs for a key it had already paid or was paying (what a bank without idempotency would have
 * paid twice). `doubles` = keys actually paid more than once (0 unless built with `idempotent: false`).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo, Socket } from 'net';

export type FakeBankMode = 'succeed' | 'fail' | 'timeout' | 'slow' | 'answer-twice';
export const FAKE_BANK_MODES: FakeBankMode[] = ['succeed', 'fail', 'timeout', 'slow', 'answer-twice'];

const isMode = (mode: unknown): mode is FakeBankMode => FAKE_BANK_MODES.includes(mode as FakeBankMode);

/** A request body as the bank reads it: JSON from an untrusted client, every field checked before use. */
interface FakeBankBody {
  mode?: unknown;
  slowMs?: unknown;
  amountFen?: unknown;
  [field: string]: unknown;
}

export interface FakeBankPayment {
  key: string;
  status: 'pending' | 'paid' | 'failed';
  amountFen: number;
  reference: string | null;
  reason: string | null;
  posts: number;
  gets: number;
  /** How many times money moved for this key (1 at most when idempotent). */
  paidCount: number;
  /** POSTs that came while the key was already paid or being paid. */
  repeats: number;
}

export interface FakeBankStats {
  calls: number;
  posts: number;
  gets: number;
  keys: number;
  paidKeys: number;
  paidFen: number;
  failedAttempts: number;
  repeats: number;
  doubles: number;
}

export interface FakeBankOptions {
  mode?: FakeBankMode;
  slowMs?: number;
  idempotent?: boolean;
}

export class FakeBank {
  mode: FakeBankMode;
  slowMs: number;
  readonly idempotent: boolean;
  readonly overrides = new Map<string, FakeBankMode>();
  readonly payments = new Map<string, FakeBankPayment>();
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private seq = 0;
  private calls = 0;
  private failedAttempts = 0;
  url = '';

  constructor(opts: FakeBankOptions = {}) {
    this.mode = opts.mode ?? 'succeed';
    this.slowMs = opts.slowMs ?? 300;
    this.idempotent = opts.idempotent ?? true;
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((ok) => this.server!.listen(port, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }

  setMode(mode: FakeBankMode, keys?: string[]): void {
    if (keys) for (const k of keys) this.overrides.set(k, mode);
    else this.mode = mode;
  }

  stats(): FakeBankStats {
    let posts = 0,
      gets = 0,
      paidKeys = 0,
      paidFen = 0,
      repeats = 0,
      doubles = 0;
    for (const p of this.payments.values()) {
      posts += p.posts;
      gets += p.gets;
      repeats += p.repeats;
      if (p.paidCount > 0) {
        paidKeys++;
        paidFen += p.amountFen * p.paidCount;
      }
      if (p.paidCount > 1) doubles++;
    }
    return {
      calls: this.calls,
      posts,
      gets,
      keys: this.payments.size,
      paidKeys,
      paidFen,
      failedAttempts: this.failedAttempts,
      repeats,
      doubles,
    };
  }

  reset(): void {
    this.payments.clear();
    this.overrides.clear();
    this.calls = 0;
    this.failedAttempts = 0;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.calls++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: FakeBankBody | null;
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeBankBody) : null;
      } catch {
        return this.json(res, 400, { error: 'malformed JSON' });
      }
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'POST' && path === '/payments') return this.pay(req, res, body);
      if (req.method === 'GET' && path.startsWith('/payments/'))
        return this.status(res, decodeURIComponent(path.slice('/payments/'.length)));
      if (req.method === 'GET' && path === '/stats') return this.json(res, 200, this.stats());
      if (req.method === 'PUT' && path === '/mode' && isMode(body?.mode)) {
        this.mode = body.mode;
        if (typeof body?.slowMs === 'number') this.slowMs = body.slowMs;
        return this.json(res, 200, { mode: this.mode });
      }
      this.json(res, 404, { error: 'no such route' });
    });
  }

  private pay(req: IncomingMessage, res: ServerResponse, body: FakeBankBody | null): void {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key) return this.json(res, 400, { error: 'Idempotency-Key header required' });
    const amountFen = Number(body?.amountFen);
    if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
      return this.json(res, 422, { status: 'failed', reason: 'invalid amount' });
    let p = this.payments.get(key);
    if (!p) {
      p = {
        key,
        status: 'failed',
        amountFen,
        reference: null,
        reason: null,
        posts: 0,
        gets: 0,
        paidCount: 0,
        repeats: 0,
      };
      this.payments.set(key, p);
    }
    p.posts++;
    if (p.status === 'paid' || p.status === 'pending') {
      p.repeats++;
      if (this.idempotent || p.status === 'pending')
        return this.json(res, p.status === 'pending' ? 409 : 200, this.view(p));
    }
    const mode = this.overrides.get(key) ?? this.mode;
    p.amountFen = amountFen;
    switch (mode) {
      case 'fail':
        p.status = 'failed';
        p.reason = 'account frozen (simulated refusal)';
        this.failedAttempts++;
        return this.json(res, 200, this.view(p));
      case 'slow':
        p.status = 'pending';
        setTimeout(() => {
          this.settlePaid(p!);
          this.json(res, 200, this.view(p!));
        }, this.slowMs);
        return;
      case 'timeout':
        this.settlePaid(p);
        return; // never answers: the socket is left open until the client gives up
      case 'answer-twice':
        this.settlePaid(p);
        res.socket?.destroy(); // the first answer is lost on the way
        return;
      default:
        this.settlePaid(p);
        return this.json(res, 200, this.view(p));
    }
  }

  private settlePaid(p: FakeBankPayment): void {
    p.status = 'paid';
    p.reason = null;
    p.paidCount++;
    p.reference = `FB${String(++this.seq).padStart(10, '0')}`;
  }

  private status(res: ServerResponse, key: string): void {
    const p = this.payments.get(key);
    if (!p) return this.json(res, 404, { status: 'unknown' });
    p.gets++;
    this.json(res, 200, this.view(p));
  }

  private view(p: FakeBankPayment) {
    return { status: p.status, reference: p.reference, reason: p.reason, amountFen: p.amountFen };
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }
}

/** Starts a fake bank on 127.0.0.1 and a random port. */
export function startFakeBank(opts: FakeBankOptions = {}): Promise<FakeBank> {
  return new FakeBank(opts).start();
}
