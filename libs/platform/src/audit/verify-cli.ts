/* npm run audit:verify — walks the audit chain of DATABASE_URL (or the embedded database under .data/) and reports the first broken link. */
import { DataSource } from 'typeorm';
import { verifyAuditChain } from './audit.service';
import { resolveDatabaseUrlForCli } from '../embedded/cli-database';

async function main() {
  const url = await resolveDatabaseUrlForCli();
  const ds = new DataSource({ type: 'postgres', url: url.url });
  await ds.initialize();
  try {
    const r = await verifyAuditChain(ds);
    if (r.ok) {
      process.stdout.write(`audit chain OK: ${r.checked} events verified\n`);
    } else {
      process.stdout.write(
        `audit chain BROKEN at event ${r.brokenAt}: ${r.reason} (${r.checked} events verified before it)\n`,
      );
      process.exitCode = 1;
    }
  } finally {
    await ds.destroy();
    await url.stop();
  }
}
main().catch((err) => {
  process.stderr.write(`${err?.message ?? err}\n`);
  process.exit(2);
});
