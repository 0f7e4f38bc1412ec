/*
 * `npm start` forks this (compiled: dist/seeds/demo-story-main.js) after the demo accounts and open calls are seeded,
 * so the launcher itself never loads the API: seeds the demo story once (seeds/demo-story.ts) into DATABASE_URL and
 * exits 0, printing how long it took; 1 with the reason when it failed. When the story is there already it says so
 * without loading the API at all.
 */
import { Client } from 'pg';
import { DEMO_STORY_KEY } from './demo-story-mark';

const log = (msg: string) => process.stdout.write(`[portal] ${msg}\n`);

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? '';
  const c = new Client({ connectionString: url });
  await c.connect();
  const present = await c.query(`SELECT 1 FROM system_setting WHERE key = $1`, [DEMO_STORY_KEY]).finally(() => c.end());
  if (present.rowCount) {
    log('demo story already present');
    return;
  }
  const { seedDemoStory } = await import('./demo-story'); // the API's modules, loaded only to seed
  const { seeded, ms } = await seedDemoStory(url, { log });
  log(seeded ? `demo story seeded in ${(ms / 1000).toFixed(1)} s` : 'demo story already present');
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    log(`demo story failed: ${err?.stack ?? err}`);
    process.exit(1);
  });
