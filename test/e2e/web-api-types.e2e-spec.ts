import { readFileSync } from 'fs';
import { SCHEMA_FILE, webApiTypes } from '../../apps/web/scripts/openapi-types';

describe('the web client types (apps/web/src/api/schema.d.ts)', () => {
  it('match the API: regenerate with `npm run gen:api` when this fails', async () => {
    const fresh = await webApiTypes();
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (fresh !== committed) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const line = a.findIndex((l, i) => l !== b[i]);
      throw new Error(
        `apps/web/src/api/schema.d.ts is stale (first difference at line ${line + 1}: ` +
          `committed ${JSON.stringify(a[line])}, generated ${JSON.stringify(b[line])}); run \`npm run gen:api\``,
      );
    }
  });
});
