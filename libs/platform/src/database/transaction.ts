import { Logger } from '@nestjs/common';
import { EventEmitter } from 'events';
import { DataSource, EntityManager } from 'typeorm';
import { unavailablePart } from '../errors/unavailable-error';
import { withTimeout } from '../queue/outbox-relay';

/** A unit of work: one Postgres transaction plus what to do once it has committed (e.g. put job ids into BullMQ). */
export class Tx {
  private readonly hooks: Array<() => Promise<unknown> | unknown> = [];
  constructor(readonly manager: EntityManager) {}

  /** Runs after COMMIT; failures are logged, never undo the commit (the outbox relay catches up). */
  afterCommit(fn: () => Promise<unknown> | unknown): void {
    this.hooks.push(fn);
  }

  /** @internal */
  drain() {
    return this.hooks.splice(0);
  }
}

const logger = new Logger('Tx');

/**
 * The longest the caller waits for each after-commit hook (they put jobs into Redis, which may be down or paused):
 * the request answers anyway — what it committed is safe, the outbox relay catches up — and the hook runs on.
 */
export const AFTER_COMMIT_WAIT_MS = 2000;

/**
 * Runs `work` in one transaction, then the after-commit hooks.
 *
 * When the connection is lost under the transaction between two of its queries (PostgreSQL stopping or restarted,
 * `pg_terminate_backend`, a cut network), the driver reports it as an 'error' event of the connection, TypeORM releases
 * the query runner, and the transaction's next query fails with "Database connection provided by a query runner was
 * already released" — an error that says nothing of the outage, so it answered 500. The loss itself is thrown instead
 * (a connection error: 503 with Retry-After, see unavailablePart). Nothing was committed either way.
 */
export async function inTransaction<T>(ds: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  let tx!: Tx;
  let lost: unknown = null;
  let detach = () => {};
  let result: T;
  try {
    result = await ds.transaction(async (manager) => {
      const connection = (manager.queryRunner as unknown as { databaseConnection?: EventEmitter } | undefined)
        ?.databaseConnection;
      if (connection instanceof EventEmitter) {
        const onError = (err: unknown) => (lost ??= err);
        connection.on('error', onError);
        detach = () => connection.removeListener('error', onError);
      }
      tx = new Tx(manager);
      return work(tx);
    });
  } catch (err) {
    if (lost && !unavailablePart(err)) throw lost;
    throw err;
  } finally {
    detach();
  }
  for (const hook of tx.drain()) {
    try {
      await withTimeout(Promise.resolve().then(hook), AFTER_COMMIT_WAIT_MS, 'after-commit hook');
    } catch (err) {
      logger.warn({ err: String((err as Error)?.message ?? err) }, 'after-commit hook failed; the relay will retry');
    }
  }
  return result;
}
