import { EntityManager } from 'typeorm';

/**
 * One data-modifying statement of a larger write, to be sent as a common table expression of a single
 * `WITH … SELECT` (one round trip instead of one per statement). Its placeholders are numbered from $1 within
 * the part; `runParts` renumbers them. All parts see the same snapshot and run even when the final SELECT does not
 * read them; a part reads another's rows only through its name (e.g. `SELECT … FROM u`).
 */
export interface SqlPart {
  name: string;
  sql: string;
  params: unknown[];
}

/**
 * A value only the statement knows (e.g. a number it takes from a counter) for the rows written with it: `token`
 * stands where the value goes in their text (JSON-safe and unguessable), `expr` is the SQL expression of the value,
 * read from the part named `after` (no row there, no row written).
 */
export interface StatementFill {
  token: string;
  expr: string;
  after: string;
}

/** Joins the parts into `WITH a AS (…), b AS (…) <select>` with their parameters renumbered, and runs it. */
export function composeParts(parts: SqlPart[], select: string, selectParams: unknown[] = []): { sql: string; params: unknown[] } {
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

export function runParts<T = any>(m: EntityManager, parts: SqlPart[], select: string, selectParams: unknown[] = []): Promise<T[]> {
  const { sql, params } = composeParts(parts, select, selectParams);
  return m.query(sql, params);
}

function shift(sql: string, offset: number): string {
  return offset === 0 ? sql : sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
}
