import { DataSource } from 'typeorm';
import { AccountStatusCache } from './account-status';

interface Row {
  id: string;
  roles: string[];
  organization_id: string | null;
  disabled_at: Date | null;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * A stand-in for the DataSource that answers both ways an account can be read (TypeORM's `query` and the pool's,
 * which queryPrepared uses) from one table, and counts the statements.
 */
function fakeDataSource(rows: Row[], fail = false) {
  const statements: unknown[][] = [];
  const answer = (params: unknown[]) => {
    statements.push(params);
    if (fail) return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    const ids = new Set((Array.isArray(params[0]) ? params[0] : params) as string[]);
    return Promise.resolve(rows.filter((r) => ids.has(r.id)));
  };
  const ds = {
    query: (_sql: string, params: unknown[]) => answer(params),
    driver: {
      master: { query: (q: { values: unknown[] }) => answer(q.values).then((found) => ({ rows: found })) },
    },
  };
  return { ds: ds as unknown as DataSource, statements };
}

describe('AccountStatusCache', () => {
  const rows: Row[] = Array.from({ length: 50 }, (_, i) => ({
    id: uuid(i),
    roles: i % 2 ? ['applicant'] : ['officer'],
    organization_id: i % 2 ? uuid(1000 + i) : null,
    disabled_at: i === 7 ? new Date('2026-12-01T00:00:00Z') : null,
  }));

  it('reads the accounts of requests that arrive together in one statement, each answered with its own', async () => {
    const { ds, statements } = fakeDataSource(rows);
    const cache = new AccountStatusCache(ds);
    const ids = [...rows.map((r) => r.id), uuid(999)];
    const got = await Promise.all(ids.map((id) => cache.current(id)));
    expect(statements).toHaveLength(1);
    expect(got[3]).toEqual({
      roles: ['applicant'],
      organizationId: uuid(1003),
      disabled: false,
      tokenGeneration: 0,
      endedSessions: [],
      scope: null,
    });
    expect(got[4]).toEqual({
      roles: ['officer'],
      organizationId: null,
      disabled: false,
      tokenGeneration: 0,
      endedSessions: [],
      scope: null,
    });
    expect(got[7]?.disabled).toBe(true);
    expect(got[50]).toBeNull(); // no such account
    // within the TTL the same accounts are not read again
    await Promise.all(ids.map((id) => cache.current(id)));
    expect(statements).toHaveLength(1);
  });

  it('answers null for a subject that is not an account id, without a statement', async () => {
    const { ds, statements } = fakeDataSource(rows);
    const cache = new AccountStatusCache(ds);
    expect(await cache.current('-'.repeat(36))).toBeNull();
    expect(await cache.current("x' OR 1=1 --")).toBeNull();
    expect(statements).toHaveLength(0);
  });

  it('passes an outage to every read of the batch and keeps nothing, so the next read tries again', async () => {
    const down = fakeDataSource(rows, true);
    const cache = new AccountStatusCache(down.ds);
    const reads = [uuid(1), uuid(2)].map((id) =>
      cache.current(id).then(
        () => 'read',
        (e: { code?: string }) => e.code,
      ),
    );
    expect(await Promise.all(reads)).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
    await expect(cache.current(uuid(1))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(down.statements.length).toBeGreaterThanOrEqual(2);
  });
});
