import { createHash } from 'crypto';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One data-modifying statement of a larger write, to be sent as a common table expression of a single
 * `WITH … SELECT` (one round trip instead of one per statement). Its placeholders are numbered from $1 within
 * the part; `runParts` renumbers them. All parts see the same snapshot and run even when the final SELECT does not
 * read them; a part reads another's rows only through its name (e.g. `SELECT … FROM u`).
 */
/**
 * A row of a raw SQL answer: its columns are whatever the SQL selects (pg gives bigint and numeric as strings). The
 * one place a lib names an untyped row; a reader that knows its columns types them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw pg rows: the columns are the SQL text's, not a type's
export type SqlRow = Record<string, any>;

export interface SqlPart {
  name: string;
  sql: string;
  params: unknown[];
}

/** Joins the parts into `WITH a AS (…), b AS (…) <select>` with their parameters renumbered, and runs it. */
export function composeParts(
  parts: SqlPart[],
  select: string,
  selectParams: unknown[] = [],
): { sql: string; params: unknown[] } {
  const names = new Set<string>();
  const params: unknown[] = [];
  const ctes = parts.map((p) => {
    if (names.has(p.name)) throw new Error(`two SQL parts are named ${p.name}`);
    names.add(p.name);
    const offset = params.length;
    params.push(...p.params);
    return `${p.name} AS (${shift(p.sql, offset)})`;
  });
  const offset = params.length;
  params.push(...selectParams);
  return { sql: `WITH ${ctes.join(',\n')}\n${shift(select, offset)}`, params };
}

/**
 * Runs the composed statement: on an EntityManager (e.g. a transaction's) as any query, on a DataSource as its own
 * autocommit statement, prepared (see queryPrepared).
 */
export function runParts<T = SqlRow>(
  on: EntityManager | DataSource,
  parts: SqlPart[],
  select: string,
  selectParams: unknown[] = [],
): Promise<T[]> {
  const { sql, params } = composeParts(parts, select, selectParams);
  return on instanceof DataSource ? queryPrepared<T>(on, sql, params) : on.query(sql, params);
}

const statementNames = new Map<string, string>();

/**
 * One autocommit statement as a named prepared statement on a pooled connection: Postgres parses and plans a hot
 * statement once per connection instead of at every call (for the submit's two statements that was about a
 * millisecond of database CPU per submit). The name is a digest of the text, so each distinct text is one statement.
 */
export async function queryPrepared<T = SqlRow>(ds: DataSource, sql: string, params: unknown[]): Promise<T[]> {
  let name = statementNames.get(sql);
  if (!name) {
    name = `p_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    if (statementNames.size < 1000) statementNames.set(sql, name);
  }
  const pool = (
    ds.driver as unknown as {
      master: { query(q: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> };
    }
  ).master;
  const res = await pool.query({ name, text: sql, values: params });
  return res.rows;
}

function shift(sql: string, offset: number): string {
  return offset === 0 ? sql : sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}
