import { readFileSync } from 'fs';
import { SCHEMA_FILE, webApiTypes } from '../../apps/web/scripts/openapi-types';

/** Where the committed types first differ from freshly generated ones, or null when they are the same. */
function firstDifference(committed: string, fresh: string): string | null {
  if (fresh === committed) return null;
  const a = committed.split('\n');
  const b = fresh.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  return (
    `apps/web/src/api/schema.d.ts is stale (first difference at line ${line + 1}: ` +
    `committed ${JSON.stringify(a[line])}, generated ${JSON.stringify(b[line])}); run \`npm run gen:api\``
  );
}

describe('the web client types (apps/web/src/api/schema.d.ts)', () => {
  it('match the API: regenerate with `npm run gen:api` when this fails', async () => {
    const fresh = await webApiTypes();
    expect(fresh.length).toBeGreaterThan(1000);
    expect(firstDifference(readFileSync(SCHEMA_FILE, 'utf8'), fresh)).toBeNull();
  });
});
