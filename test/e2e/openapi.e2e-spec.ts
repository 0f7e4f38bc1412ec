import { execFile } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { startPortal, TestPortal } from '../support/portal';

/**
 * Validates a document with @apidevtools/swagger-parser in a plain Node process: the parser requires an ESM-only
 * package (json-schema-ref-parser), which Node 20.19+ loads and Jest's module registry does not.
 */
async function validateOpenApi(doc: unknown): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const script = `require('@apidevtools/swagger-parser').validate(process.argv[1]).then(
      () => process.exit(0), (e) => { console.error(e.message); process.exit(1); })`;
    await promisify(execFile)(process.execPath, ['-e', script, file], { cwd: process.cwd() });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;

interface MediaType {
  schema?: Record<string, unknown>;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}

/** Why an operation's success answers are not described, or null when they are. */
function undescribed(responses: Record<string, ResponseObject>): string | null {
  const ok = Object.entries(responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  if (!ok.length) return 'no 2xx response';
  for (const [status, r] of ok) {
    if (status === '204') {
      if (r.content) return '204 declares content';
      continue;
    }
    const media = Object.entries(r.content ?? {});
    if (!media.length) return `${status} has no content`;
    for (const [type, m] of media) {
      const s = m.schema ?? {};
      if (!s.$ref && !s.type && !s.allOf && !s.oneOf && !s.anyOf) return `${status} ${type} has no schema`;
    }
  }
  return null;
}

describe('OpenAPI document (/api/docs-json)', () => {
  let p: TestPortal;
  beforeAll(async () => {
    p = await startPortal({ worker: false });
  });
  afterAll(async () => {
    await p?.close();
  });

  it('is valid OpenAPI 3.0 and describes the success answer of every operation', async () => {
    const res = await p.http().get('/api/docs-json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\.0\./);
    await validateOpenApi(doc);

    const operations: string[] = [];
    const missing: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { responses: Record<string, ResponseObject> }>>(
      doc.paths,
    )) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        operations.push(`${method.toUpperCase()} ${path}`);
        const why = undescribed(op.responses);
        if (why) missing.push(`${method.toUpperCase()} ${path}: ${why}`);
      }
    }
    expect(operations.length).toBeGreaterThanOrEqual(80);
    expect(missing).toEqual([]);
  });

  it('names the answer types the web client is generated from', async () => {
    const { body: doc } = await p.http().get('/api/docs-json');
    const ref = (path: string, method: string, status: string) =>
      doc.paths[path][method].responses[status].content['application/json'].schema;
    expect(ref('/api/programs', 'get', '200')).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/ProgramResponse' },
    });
    expect(ref('/api/applications/{id}', 'get', '200')).toEqual({
      $ref: '#/components/schemas/ApplicationResponse',
    });
    expect(ref('/api/calls', 'get', '200')).toEqual({ $ref: '#/components/schemas/CallPage' });
    expect(doc.components.schemas.CallPage.required).toEqual(['items', 'total', 'page', 'pageSize']);
  });
});
