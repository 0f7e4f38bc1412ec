import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

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

export async function inTransaction<T>(ds: DataSource, work: (tx: Tx) => Promise<T>): Promise<T> {
  let tx!: Tx;
  const result = await ds.transaction(async (manager) => {
    tx = new Tx(manager);
    return work(tx);
  });
  for (const hook of tx.drain()) {
    try {
      await hook();
    } catch (err) {
      logger.warn({ err }, 'after-commit hook failed; the relay will retry');
    }
  }
  return result;
}
