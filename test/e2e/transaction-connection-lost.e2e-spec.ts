/*
 * A transaction whose connection is lost between two of its queries (found by R5: PostgreSQL stopping while a payment
 * batch was being approved answered 500). TypeORM releases the query runner when the connection reports the loss, and
 * the transaction's next query failed with "Database connection provided by a query runner was already released",
 * which the error filter could not tell from a fault of the code. `inTransaction` now throws the loss itself, which
 * answers 503 with Retry-After (unavailablePart → 'database'). Real PostgreSQL: the backend is ended with
 * pg_terminate_backend, as a stopping server ends it.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { inTransaction, unavailablePart } from '@portal/platform';
import { createTestDatabase } from '../support/portal';

jest.setTimeout(30_000);

describe('a transaction whose connection is lost', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  let other: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ type: 'postgres', url: db.url, poolSize: 3 });
    await ds.initialize();
    other = new Client({ connectionString: db.url });
    await other.connect();
    await other.query('CREATE TABLE lost_tx (n int)');
  });

  afterAll(async () => {
    await other?.end();
    await ds?.destroy();
    await db?.drop();
  });

  it('fails with the loss (an outage: 503), not with "query runner already released" (500); nothing is written', async () => {
    const err = await inTransaction(ds, async (tx) => {
      await tx.manager.query('INSERT INTO lost_tx VALUES (1)');
      const [{ pid }] = await tx.manager.query('SELECT pg_backend_pid() AS pid');
      await other.query('SELECT pg_terminate_backend($1)', [pid]);
      // the connection notices the loss on its own (an 'error' event), as it does when the server stops
      for (let i = 0; i < 100 && !tx.manager.queryRunner?.isReleased; i++) await new Promise((r) => setTimeout(r, 20));
      expect(tx.manager.queryRunner?.isReleased).toBe(true);
      await tx.manager.query('INSERT INTO lost_tx VALUES (2)');
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(String((err as Error).message)).not.toMatch(/already released/);
    expect(unavailablePart(err)).toBe('database');
    expect((await other.query('SELECT count(*)::int AS n FROM lost_tx')).rows[0].n).toBe(0);
    // the pool serves the next transaction with a fresh connection
    expect(await inTransaction(ds, async (tx) => (await tx.manager.query('SELECT 1 AS one'))[0].one)).toBe(1);
  });

  it('a query on a finished transaction (a fault of the code, the connection fine) still is not an outage', async () => {
    let manager!: import('typeorm').EntityManager;
    await inTransaction(ds, async (tx) => {
      manager = tx.manager;
    });
    const err = await manager.query('SELECT 1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(unavailablePart(err)).toBeNull();
  });
});
