import { createHash } from 'crypto';
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { MIGRATIONS } from '../database/migrations';
import { copyIn, copyOut } from './pg-copy';

/**
 * Backup and restore without pg_dump (a fresh machine has only Node.js): the schema is the migrations, the data is
 * `COPY … TO STDOUT` of every table in one REPEATABLE READ transaction (one snapshot: the audit chain, the ledger and
 * the records agree with each other), and the stored files are copied with their sha256 in the manifest.
 *
 * A backup is a directory:
 *   manifest.json        format, time, the migrations applied, every table (columns, rows, sha256 of its file),
 *                        the sequences, every stored file (path, size, sha256)
 *   db/<table>.copy      the table in COPY text format
 *   files/<path>         the stored files (STORAGE_DRIVER=local), as under STORAGE_DIR
 */
export const BACKUP_FORMAT = 'portal-backup/1';
const MIGRATIONS_TABLE = 'migrations';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  migrations: string[];
  tables: { name: string; columns: string[]; rows: number; file: string; sha256: string }[];
  sequences: { name: string; lastValue: string | null }[];
  storage: 'local' | 's3';
  files: { path: string; size: number; sha256: string }[];
}

export class BackupError extends Error {}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function sha256File(file: string): Promise<string> {
  return new Promise((ok, fail) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', fail)
      .on('end', () => ok(h.digest('hex')));
  });
}

function listFiles(root: string, skip: (rel: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      const rel = relative(root, full).split(sep).join('/');
      if (skip(rel)) continue;
      if (e.isDirectory()) walk(full);
      else if (e.isFile()) out.push(rel);
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort();
}

/** Tables of the public schema in an order that satisfies their foreign keys (parents first). */
async function tablesInLoadOrder(client: Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
  );
  const { rows: fks } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND k.conrelid <> k.confrelid`,
  );
  const names = tables.map((t) => t.name);
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const fk of fks) parents.get(fk.child)?.add(fk.parent);
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < names.length) {
    const ready = names.filter((n) => !done.has(n) && [...parents.get(n)!].every((p) => done.has(p) || p === n));
    // a cycle between tables (none today): load the rest as they come; the caller disables the checks if it can
    const next = ready.length > 0 ? ready : names.filter((n) => !done.has(n));
    for (const n of next) {
      done.add(n);
      order.push(n);
    }
  }
  return order;
}

/**
 * Writes a backup of `databaseUrl` (and of the files under `storageDir` when given) into `outDir`, which must not
 * exist or be empty. Safe while the portal runs: one snapshot for all tables, no locks beyond ACCESS SHARE.
 */
export async function takeBackup(opts: {
  databaseUrl: string;
  storageDir: string | null;
  outDir: string;
}): Promise<BackupManifest> {
  const out = resolve(opts.outDir);
  if (existsSync(out) && readdirSync(out).length > 0) throw new BackupError(`${out} is not empty`);
  mkdirSync(join(out, 'db'), { recursive: true });
  const client = new Client({ connectionString: opts.databaseUrl });
  await client.connect();
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    migrations: [],
    tables: [],
    sequences: [],
    storage: opts.storageDir ? 'local' : 's3',
    files: [],
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    manifest.migrations = (
      await client.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY timestamp, id`)
    ).rows.map((r) => r.name);
    for (const name of await tablesInLoadOrder(client)) {
      if (name === MIGRATIONS_TABLE) continue;
      const { rows: cols } = await client.query<{ name: string }>(
        `SELECT attname AS name FROM pg_attribute
          WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
        [ident(name)],
      );
      const columns = cols.map((c) => c.name);
      const file = `db/${name}.copy`;
      const rows = await copyOut(client, `${ident(name)} (${columns.map(ident).join(', ')})`, join(out, file));
      manifest.tables.push({ name, columns, rows, file, sha256: await sha256File(join(out, file)) });
    }
    const { rows: seqs } = await client.query<{ name: string; last_value: string | null }>(
      `SELECT sequencename AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
    );
    manifest.sequences = seqs.map((s) => ({ name: s.name, lastValue: s.last_value }));
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  // after the snapshot: a file the snapshot's rows name was stored before its row was committed, so it is here
  if (opts.storageDir) {
    const root = resolve(opts.storageDir);
    for (const rel of listFiles(root, (r) => r === 'tmp' || r.startsWith('tmp/'))) {
      const target = join(out, 'files', rel);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(root, rel), target);
      const size = readFileSync(target).length;
      manifest.files.push({ path: rel, size, sha256: await sha256File(target) });
    }
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  const file = join(resolve(dir), 'manifest.json');
  if (!existsSync(file)) throw new BackupError(`${file} not found: not a backup directory`);
  const m = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  if (m.format !== BACKUP_FORMAT) throw new BackupError(`unknown backup format ${JSON.stringify(m.format)}`);
  return m;
}

async function migrate(url: string, upTo: number): Promise<void> {
  const ds = new DataSource({ ...dataSourceOptions(url), migrations: MIGRATIONS.slice(0, upTo) });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

/**
 * Restores a backup into an empty database (no table in its public schema) and an empty storage directory: checks
 * every file against the manifest's sha256 first, builds the schema with the migrations the backup was taken at,
 * loads the tables in one transaction, sets the sequences, then applies any newer migrations of this code.
 */
export async function restoreBackup(opts: {
  dir: string;
  databaseUrl: string;
  storageDir: string | null;
  log?: (line: string) => void;
}): Promise<BackupManifest> {
  const log = opts.log ?? (() => undefined);
  const dir = resolve(opts.dir);
  const m = readManifest(dir);
  const known = MIGRATIONS.map((k) => k.name);
  if (m.migrations.some((name, i) => known[i] !== name))
    throw new BackupError(
      `the backup's migrations (${m.migrations.length}, last ${m.migrations.at(-1)}) are not a prefix of this code's: ` +
        'restore with the portal version that took it',
    );
  for (const t of m.tables)
    if ((await sha256File(join(dir, t.file))) !== t.sha256) throw new BackupError(`${t.file}: sha256 does not match`);
  for (const f of m.files)
    if ((await sha256File(join(dir, 'files', f.path))) !== f.sha256)
      throw new BackupError(`files/${f.path}: sha256 does not match`);

  const client = new Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    if (rows[0].n > 0)
      throw new BackupError('the target database is not empty: restore needs a new data directory or database');
    if (opts.storageDir && existsSync(opts.storageDir) && listFiles(resolve(opts.storageDir), () => false).length > 0)
      throw new BackupError(`the storage directory ${opts.storageDir} is not empty`);

    await migrate(opts.databaseUrl, m.migrations.length);
    log(`schema built by ${m.migrations.length} migrations`);
    const present = new Set(
      (
        await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`)
      ).rows.map((r) => r.name),
    );
    await client.query('BEGIN');
    // rows some migrations insert (reference data) are in the backup too
    const tables = m.tables.filter((t) => present.has(t.name));
    for (const t of m.tables.filter((x) => !present.has(x.name)))
      log(`skipped ${t.name}: not a table of the portal's schema (${t.rows} rows)`);
    if (tables.length > 0) await client.query(`TRUNCATE ${tables.map((t) => ident(t.name)).join(', ')} CASCADE`);
    for (const t of tables) {
      const n = await copyIn(client, `${ident(t.name)} (${t.columns.map(ident).join(', ')})`, join(dir, t.file));
      if (n !== t.rows) throw new BackupError(`${t.name}: loaded ${n} rows, the manifest says ${t.rows}`);
    }
    for (const s of m.sequences)
      if (s.lastValue !== null)
        await client.query(`SELECT setval($1::regclass, $2::bigint, true)`, [ident(s.name), s.lastValue]);
    await client.query('COMMIT');
    log(`${tables.length} tables loaded (${tables.reduce((a, t) => a + t.rows, 0)} rows)`);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
  if (opts.storageDir) {
    const root = resolve(opts.storageDir);
    for (const f of m.files) {
      const target = join(root, f.path);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(dir, 'files', f.path), target);
      if ((await sha256File(target)) !== f.sha256)
        throw new BackupError(`${target}: sha256 after copying does not match`);
    }
    log(`${m.files.length} stored files restored into ${root}`);
  } else if (m.files.length > 0) log(`${m.files.length} stored files not restored: no storage directory given`);
  if (m.migrations.length < MIGRATIONS.length) {
    await migrate(opts.databaseUrl, MIGRATIONS.length);
    log(`${MIGRATIONS.length - m.migrations.length} newer migrations applied`);
  }
  return m;
}
