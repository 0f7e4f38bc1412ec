import { composeParts } from './sql-parts';

describe('composeParts', () => {
  it('renumbers each part and the final select after the parameters before it', () => {
    const { sql, params } = composeParts(
      [
        { name: 'u', sql: 'UPDATE t SET a = $2 WHERE id = $1 RETURNING id', params: ['id', 'a'] },
        { name: 'h', sql: 'INSERT INTO h (id, note, at) SELECT id, $1, $2 FROM u', params: ['note', 'at'] },
      ],
      'SELECT id, $1::int AS x FROM u',
      [7],
    );
    expect(sql).toBe(
      'WITH u AS (UPDATE t SET a = $2 WHERE id = $1 RETURNING id),\n' +
        'h AS (INSERT INTO h (id, note, at) SELECT id, $3, $4 FROM u)\n' +
        'SELECT id, $5::int AS x FROM u',
    );
    expect(params).toEqual(['id', 'a', 'note', 'at', 7]);
  });

  it('refuses two parts of the same name', () => {
    const p = { name: 'x', sql: 'SELECT 1', params: [] };
    expect(() => composeParts([p, p], 'SELECT 1')).toThrow(/two SQL parts are named x/);
  });
});
