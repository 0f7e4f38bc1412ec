/**
 * P5 — 10,000 instalments paid end to end: a finance user prepares the batch, another approves it (outbox rows in
 * the same transaction), the relay puts one job per instalment into BullMQ, the worker (a child process, as in
 * production) re-checks exclusion, claims each instalment, calls the HTTP rail — the fake bank — with the instalment
 * id as idempotency key, and records the answer in the ledger (plus the "paid" mail row).
 * ratio = payments per second ÷ bare BullMQ jobs per second (each doing one Postgres UPDATE, same Redis, database
 * and concurrency, measured in the same run). Goal ≥ 0.30.
 */
import { fmt, verdict } from './bench-util';
import {
  approve,
  bareBaseline,
  checkBatch,
  prepare,
  printCheck,
  seed,
  startPayBench,
  startWorker,
  waitFor,
} from './payments-bench-kit';

const N = Number(process.env.P5_COUNT ?? 10_000);
const CONCURRENCY = Number(process.env.P5_CONCURRENCY ?? 64);

export async function run(): Promise<void> {
  const b = await startPayBench('P5', {
    env: { PAYMENT_CONCURRENCY: String(CONCURRENCY), PAYMENT_STUCK_SECONDS: '30' },
  });
  const workers: Awaited<ReturnType<typeof startWorker>>[] = [];
  try {
    for (let i = 0; i < Number(process.env.P5_WORKERS ?? 1); i++) workers.push(await startWorker(b));
    const bareBefore = await bareBaseline(b, N, CONCURRENCY);
    console.log(
      `bare BullMQ + one UPDATE, before: ${N} jobs in ${fmt(bareBefore.ms)} → ${bareBefore.perSec.toFixed(0)} jobs/s (concurrency ${CONCURRENCY})`,
    );

    const seeded = await seed(b, N, 1_234_567);
    const t0 = performance.now();
    const batch = await prepare(b, seeded.callId);
    const tPrepared = performance.now();
    console.log(`batch prepared: ${batch.count} instalments, ${batch.totalFen} fen, in ${fmt(tPrepared - t0)}`);
    const t1 = performance.now();
    await approve(b, batch.id);
    const tApproved = performance.now();
    await waitFor(b, batch.id, (c) => (c.paid ?? 0) >= N, 600_000);
    const ms = performance.now() - t1;
    const perSec = (N * 1000) / ms;
    console.log(
      `approve (outbox rows for ${N}) answered in ${fmt(tApproved - t1)}; all paid ${fmt(ms)} after approval → ${perSec.toFixed(0)} payments/s`,
    );
    // the "paid" mails are sent by the worker's mail queue behind the payments: let them drain first
    for (;;) {
      const [{ n }] = (await b.db.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'queued'`)).rows;
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    console.log(`all ${N} "paid" mails handled ${fmt(performance.now() - t1)} after approval`);
    const bareAfter = await bareBaseline(b, N, CONCURRENCY);
    console.log(
      `bare BullMQ + one UPDATE, after: ${N} jobs in ${fmt(bareAfter.ms)} → ${bareAfter.perSec.toFixed(0)} jobs/s`,
    );
    // the machine's load drifts: the yardstick is the mean of a run before and a run after the payments
    const bare = { perSec: (bareBefore.perSec + bareAfter.perSec) / 2 };
    const check = await checkBatch(b, batch.id);
    printCheck(check);
    if (check.lost || check.doubles || check.bankDoubles || check.ledgerPaidFen !== check.totalFen)
      throw new Error('P5: the batch was not paid exactly once');
    console.log(`ratio = ${perSec.toFixed(0)} / ${bare.perSec.toFixed(0)}`);
    verdict('P5', perSec / bare.perSec, 0.3);
  } finally {
    for (const w of workers) await w.stop().catch(() => undefined);
    await b.stop();
  }
}
