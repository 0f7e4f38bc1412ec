import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { dataDir, startEmbeddedPostgres } from './embedded-services';

/**
 * For command-line tools: DATABASE_URL when set; else the running portal's embedded database
 * (recorded in .data/runtime.json); else the embedded database started just for this command.
 */
export async function resolveDatabaseUrlForCli(): Promise<{ url: string; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const runtime = join(dataDir(), 'runtime.json');
  if (existsSync(runtime)) {
    const info = JSON.parse(readFileSync(runtime, 'utf8'));
    if (info.pid && isAlive(info.pid) && info.databaseUrl)
      return { url: info.databaseUrl, stop: async () => undefined };
  }
  return startEmbeddedPostgres({ dir: join(dataDir(), 'postgres') });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
