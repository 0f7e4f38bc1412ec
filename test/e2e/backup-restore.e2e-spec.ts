/*
 * Issue 11 point 19: `npm run backup` while the portal works, `npm run restore` into an empty data directory,
 * `npm run audit:verify` on what came back. The backup and restore run as the commands an operator types.
 */
import { ChildProcess, spawn } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';
import { readManifest, startEmbeddedPostgres, verifyAuditChain } from '@portal/platform';
import { DataSource } from 'typeorm';
import { draft, makeOfficer, openCall, readyDraft, upload } from './applications-fixtures';
import { auth, registerCompany, startPortal, TestPortal } from '../support/portal';

const ROOT = join(__dirname, '..', '..');

/** `npm run <script>` with a clean environment: only what an operator would set. */
function npm(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<{ code: number; out: string }> } {
  const clean: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'LANG', 'TMPDIR']) if (process.env[k]) clean[k] = process.env[k]!;
  const child = spawn('npm', ['run', '--silent', ...args], { cwd: ROOT, env: { ...clean, ...env } });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const done = new Promise<{ code: number; out: string }>((ok) =>
    child.on('exit', (code) => ok({ code: code ?? -1, out })),
  );
  return { child, done };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('backup and restore (npm run backup / restore / audit:verify)', () => {
  let p: TestPortal;
  const work = mkdtempSync(join(tmpdir(), 'portal-backup-'));
  beforeAll(async () => {
    p = await startPortal();
  });
  afterAll(async () => {
    await p?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('a backup taken mid-flow comes back whole into an empty data directory, and its audit chain verifies', async () => {
    const officer = await makeOfficer(p, 'officer@backup.test');
    const call = await openCall(p, officer);
    const companies = await Promise.all([1, 2, 3].map((n) => registerCompany(p, 9100 + n)));
    for (const c of companies) {
      const app = await readyDraft(p, c.token, call.id);
      const res = await p.http().post(`/api/applications/${app.id}/submit`).set(auth(c.token));
      expect(res.status).toBe(200);
    }

    // the flow goes on while the backup runs: drafts, uploads, logins (audit events) until the backup has finished
    const backupDir = join(work, 'backup');
    const backup = npm(['backup', '--', backupDir], { DATABASE_URL: p.databaseUrl, STORAGE_DIR: p.storageDir });
    let running = true;
    void backup.done.then(() => (running = false));
    let rounds = 0;
    while (running) {
      await Promise.all(
        companies.map(async (c) => {
          const d = await draft(p, c.token, call.id);
          expect((await upload(p, c.token, d.id, 'declaration')).status).toBe(201);
          await p.login(c.email, c.password);
        }),
      );
      rounds++;
    }
    const b = await backup.done;
    expect(b.out).toMatch(/backup written to/);
    expect(b.code).toBe(0);
    expect(rounds).toBeGreaterThan(0);

    const manifest = readManifest(backupDir);
    const count = (t: string) => manifest.tables.find((x) => x.name === t)?.rows ?? -1;
    expect(count('application')).toBeGreaterThanOrEqual(3);
    expect(count('audit_event')).toBeGreaterThan(0);
    expect(manifest.files.length).toBeGreaterThanOrEqual(18);
    for (const f of manifest.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);

    // restore into an empty data directory: its own embedded PostgreSQL and storage directory
    const dataDir = join(work, 'restored');
    const restore = await npm(['restore', '--', backupDir], { PORTAL_DATA_DIR: dataDir }).done;
    expect(restore.out).toMatch(/restored/);
    expect(restore.code).toBe(0);
    // a second restore into the same (no longer empty) directory is refused
    const again = await npm(['restore', '--', backupDir], { PORTAL_DATA_DIR: dataDir }).done;
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/not empty/);

    const verify = await npm(['audit:verify'], { PORTAL_DATA_DIR: dataDir }).done;
    expect(verify.out).toMatch(/audit chain OK: \d+ events verified/);
    expect(verify.code).toBe(0);

    // what came back is the snapshot: every table's rows, every attachment's bytes
    const pg = await startEmbeddedPostgres({ dir: join(dataDir, 'postgres') });
    const client = new Client({ connectionString: pg.url });
    await client.connect();
    try {
      for (const t of manifest.tables) {
        const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${t.name}"`);
        expect({ table: t.name, rows: rows[0].n }).toEqual({ table: t.name, rows: t.rows });
      }
      const { rows: atts } = await client.query<{ storage_key: string; sha256: string }>(
        'SELECT storage_key, sha256 FROM attachment',
      );
      expect(atts.length).toBe(count('attachment'));
      for (const a of atts) {
        const file = join(dataDir, 'storage', 'objects', a.storage_key);
        expect(existsSync(file)).toBe(true);
        expect(sha256(readFileSync(file))).toBe(a.sha256);
      }
      const ds = new DataSource({ type: 'postgres', url: pg.url });
      await ds.initialize();
      expect((await verifyAuditChain(ds)).ok).toBe(true);
      await ds.destroy();
    } finally {
      await client.end();
      await pg.stop();
    }
  }, 240_000);
});
