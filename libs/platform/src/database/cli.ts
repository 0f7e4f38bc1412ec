/* npm run migration:run — applies pending migrations to DATABASE_URL. */
import { runMigrations } from './migrate';

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL is not set\n');
    process.exit(2);
  }
  const names = await runMigrations(url);
  process.stdout.write(names.length ? `applied: ${names.join(', ')}\n` : 'no pending migrations\n');
}
main().catch((err) => {
  process.stderr.write(`${err?.message ?? err}\n`);
  process.exit(1);
});
