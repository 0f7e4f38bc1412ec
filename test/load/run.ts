/**
 * Benchmark runner: `npm run bench -- <id>` loads test/load/<id>.ts and awaits its exported `run()`.
 * Without an id it lists the available ones; an unknown id exits with status 2, a failing benchmark with 1.
 * A benchmark prints its figures and, as its last line, `<id> ratio=<value> goal=<goal> ok|short`
 * (see `verdict` in ./bench-util.ts). Benchmark files are the ones named like an id (`P3.ts`, `R4.ts`:
 * an upper-case letter first); helpers are lower-case.
 */
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';

const ID = /^[A-Z][A-Za-z0-9_-]*$/;

function available(): string[] {
  return readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && ID.test(f.slice(0, -3)))
    .map((f) => f.slice(0, -3))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

async function main(): Promise<number> {
  const id = process.argv[2];
  const ids = available();
  if (!id) {
    console.log(`usage: npm run bench -- <id>\navailable: ${ids.join(' ')}`);
    return 0;
  }
  if (!ID.test(id) || !ids.includes(id) || !existsSync(join(__dirname, `${id}.ts`))) {
    console.error(`unknown benchmark "${id}"; available: ${ids.join(' ')}`);
    return 2;
  }
  const mod = (await import(join(__dirname, `${id}.ts`))) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') {
    console.error(`test/load/${id}.ts does not export run()`);
    return 2;
  }
  await mod.run();
  return 0;
}

main().then(
  (code) => process.exit(process.exitCode ?? code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
