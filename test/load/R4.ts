/**
 * R4 — FLUSHALL the (benchmark's own, private) Redis in the middle of a 1,000-instalment batch: every queued job is
 * gone. The outbox rows and instalments in Postgres are the truth; the reconciler puts the approved ones back into
 * the queue and asks the bank about the ones that were `sending` before sending anything again. Afterwards: every
 * instalment `paid`, none twice (per the fake bank), ledger = batch. Last line: `R4 doubles=<n> lost=<n> ok|short`.
 */
import { fmt } from './bench-util';
import {
  approve,
  checkBatch,
  flushAll,
  prepare,
  printCheck,
  seed,
  startPayBench,
  startWorker,
  statusCounts,
  waitFor,
} from './payments-bench-kit';

const N = 1000;

export async function run(): Promise<void> {
  const b = await startPayBench('R4', {
    bankMode: 'slow',
    slowMs: 30,
    env: { PAYMENT_STUCK_SECONDS: '5', PAYMENT_CONCURRENCY: '32' },
  });
  const worker = await startWorker(b);
  try {
    const seeded = await seed(b, N, 765_432);
    const batch = await prepare(b, seeded.callId);
    const t0 = performance.now();
    await approve(b, batch.id);
    await waitFor(b, batch.id, (c) => (c.paid ?? 0) >= N * 0.3, 120_000);
    await flushAll(b);
    const atFlush = await statusCounts(b, batch.id);
    console.log(
      `FLUSHALL on the private Redis ${fmt(performance.now() - t0)} after approval; instalments then: ${JSON.stringify(atFlush)}`,
    );
    await waitFor(b, batch.id, (c) => (c.paid ?? 0) === N, 300_000).catch((err) => console.log(String(err)));
    console.log(`all settled ${fmt(performance.now() - t0)} after approval`);
    const check = await checkBatch(b, batch.id);
    printCheck(check);
    console.log(
      `the worker reported ${worker.missingKeyErrors()} BullMQ "Missing key for job" errors (jobs whose keys the wipe removed; ` +
        `harmless: Postgres holds the state)`,
    );
    const ok =
      check.doubles === 0 &&
      check.bankDoubles === 0 &&
      check.lost === 0 &&
      check.ledgerPaidFen === check.totalFen &&
      check.ledgerPaidLines === check.count;
    console.log(`R4 doubles=${check.doubles + check.bankDoubles} lost=${check.lost} ${ok ? 'ok' : 'short'}`);
  } finally {
    await worker.stop().catch(() => undefined);
    await b.stop();
  }
}
