/**
 * R3 — kill -9 the worker in the middle of a 1,000-instalment batch, then start it again. Afterwards: no instalment
 * paid twice (per the fake bank, which counts the calls for each idempotency key — `doubles` is the number of keys it
 * was asked to pay after it had paid them), none lost (every instalment `paid`), and the ledger's paid lines add up
 * to the batch. Last line: `R3 doubles=<n> lost=<n> ok|short`.
 */
import { fmt } from './bench-util';
import {
  approve,
  checkBatch,
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
  // a bank that takes 30 ms per payment, so that the kill finds payments on their way
  const b = await startPayBench('R3', {
    bankMode: 'slow',
    slowMs: 30,
    env: { PAYMENT_STUCK_SECONDS: '5', PAYMENT_CONCURRENCY: '32' },
  });
  let worker = await startWorker(b);
  try {
    const seeded = await seed(b, N, 654_321);
    const batch = await prepare(b, seeded.callId);
    const t0 = performance.now();
    await approve(b, batch.id);
    await waitFor(b, batch.id, (c) => (c.paid ?? 0) >= N * 0.3, 120_000);
    await worker.kill9();
    const atKill = await statusCounts(b, batch.id);
    console.log(
      `kill -9 of the worker (pid ${worker.pid}) ${fmt(performance.now() - t0)} after approval; instalments then: ${JSON.stringify(atKill)}`,
    );
    await new Promise((r) => setTimeout(r, 1000));
    worker = await startWorker(b);
    console.log(`worker started again (pid ${worker.pid})`);
    await waitFor(b, batch.id, (c) => (c.paid ?? 0) === N, 300_000).catch((err) => console.log(String(err)));
    console.log(`all settled ${fmt(performance.now() - t0)} after approval`);
    const check = await checkBatch(b, batch.id);
    printCheck(check);
    const ok =
      check.doubles === 0 &&
      check.bankDoubles === 0 &&
      check.lost === 0 &&
      check.ledgerPaidFen === check.totalFen &&
      check.ledgerPaidLines === check.count;
    console.log(`R3 doubles=${check.doubles + check.bankDoubles} lost=${check.lost} ${ok ? 'ok' : 'short'}`);
  } finally {
    await worker.stop().catch(() => undefined);
    await b.stop();
  }
}
