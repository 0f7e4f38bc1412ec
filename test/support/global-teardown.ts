import { rmSync } from 'fs';
import { Client } from 'pg';
import { testEnvFile } from './paths';

export default async function globalTeardown(): Promise<void> {
  const env = JSON.parse(process.env.PORTAL_TEST_ENV ?? '{}');
  if (env.adminUrl) {
    const c = new Client({ connectionString: env.adminUrl });
    await c.connect();
    const dbs = await c.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'portal_t\\_${process.pid}\\_%' OR datname = $1`,
      [env.template],
    );
    for (const r of dbs.rows)
      await c.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`).catch(() => undefined);
    await c.end();
  }
  for (const s of (globalThis.__PORTAL_TEST_SERVICES__ ?? []).reverse()) await s.stop().catch(() => undefined);
  rmSync(testEnvFile(process.pid), { force: true });
}
