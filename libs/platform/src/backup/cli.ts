/*
 * npm run backup [-- <directory>]   a consistent backup of DATABASE_URL (or the embedded database under the data
 *                                   directory) and of the stored files; default backups/<time> under the data directory
 * npm run restore -- <directory>    brings a backup back into an empty data directory (PORTAL_DATA_DIR, default .data):
 *                                   its embedded database (or an empty DATABASE_URL) and STORAGE_DIR
 * See docs/operations.md.
 */
import { join, resolve } from 'path';
import { resolveDatabaseUrlForCli } from '../embedded/cli-database';
import { dataDir } from '../embedded/embedded-services';
import { BackupError, restoreBackup, takeBackup } from './backup';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** STORAGE_DIR as the launcher sets it; null when the files live in an S3 bucket. */
function storageDir(): string | null {
  if (process.env.STORAGE_DRIVER === 's3') return null;
  return resolve(process.env.STORAGE_DIR ?? join(dataDir(), 'storage'));
}

async function main() {
  const [command, arg] = process.argv.slice(2);
  if (command !== 'backup' && command !== 'restore')
    throw new BackupError('usage: cli.ts backup [dir] | restore <dir>');
  if (command === 'restore' && !arg) throw new BackupError('usage: npm run restore -- <backup directory>');
  const db = await resolveDatabaseUrlForCli();
  try {
    if (command === 'backup') {
      const outDir = resolve(arg ?? join(dataDir(), 'backups', new Date().toISOString().replace(/[:.]/g, '-')));
      const m = await takeBackup({ databaseUrl: db.url, storageDir: storageDir(), outDir });
      const rows = m.tables.reduce((a, t) => a + t.rows, 0);
      log(`backup written to ${outDir}: ${m.tables.length} tables, ${rows} rows, ${m.files.length} files`);
      if (m.storage === 's3') log('stored files are in the S3 bucket: back it up with the bucket’s own versioning');
    } else {
      await restoreBackup({ dir: arg, databaseUrl: db.url, storageDir: storageDir(), log });
      log(`restored ${resolve(arg)}; check it with npm run audit:verify`);
    }
  } finally {
    await db.stop();
  }
}
main().catch((err) => {
  process.stderr.write(`${err instanceof BackupError ? err.message : (err?.stack ?? err)}\n`);
  process.exit(err instanceof BackupError ? 1 : 2);
});
