/* `npm run gen:api`: regenerates apps/web/src/api/schema.d.ts from the API's OpenAPI document. */
import { writeFileSync } from 'fs';
import { relative } from 'path';
import { SCHEMA_FILE, webApiTypes } from './openapi-types';

webApiTypes()
  .then((text) => {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${relative(process.cwd(), SCHEMA_FILE)}`);
    process.exit(0);
  })
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
