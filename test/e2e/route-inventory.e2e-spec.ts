/*
 * Every route with who may call it. A route added, removed or re-permissioned without updating
 * test/e2e/route-inventory.txt fails here, so permission changes are reviewed as such. `officer@province`: officers
 * reach only their own province's (and programs') records there (issue 12, `@ProvinceScoped()`; R1 sends an officer of
 * another province).
 * Regenerate deliberately with: UPDATE_ROUTE_INVENTORY=1 npx jest --selectProjects e2e route-inventory
 */
import { RequestMethod } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { PROVINCE_SCOPED_KEY, PUBLIC_KEY, ROLES_KEY } from '@portal/platform';
import { startPortal, TestPortal } from '../support/portal';

const FILE = join(__dirname, 'route-inventory.txt');

function joinPath(...parts: (string | undefined)[]) {
  return (
    '/' +
    parts
      .flatMap((p) => (p ?? '').split('/'))
      .filter(Boolean)
      .join('/')
  );
}

describe('route inventory', () => {
  let p: TestPortal;
  beforeAll(async () => {
    p = await startPortal({ worker: false });
  });
  afterAll(() => p.close());

  it('lists every route with its permission, and every route declares one', () => {
    const discovery = p.app.get(DiscoveryService);
    const scanner = p.app.get(MetadataScanner);
    const reflector = p.app.get(Reflector);
    const lines: string[] = [];
    const undeclared: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance;
      if (!instance) continue;
      const ctrl = wrapper.metatype as any;
      const base = Reflect.getMetadata(PATH_METADATA, ctrl) as string;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = instance[name];
        const path = Reflect.getMetadata(PATH_METADATA, handler);
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const isPublic = reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [handler, ctrl]);
        const roles = reflector.getAllAndOverride<string[]>(ROLES_KEY, [handler, ctrl]);
        const scoped = reflector.getAllAndOverride<boolean>(PROVINCE_SCOPED_KEY, [handler, ctrl]);
        const prefix = base === 'metrics' ? '' : 'api';
        for (const sub of Array.isArray(path) ? path : [path]) {
          const full = joinPath(prefix, base, sub);
          const named = roles?.map((r) => (r === 'officer' && scoped ? 'officer@province' : r));
          const who = isPublic ? 'public' : named?.length ? named.join(',') : 'UNDECLARED';
          if (who === 'UNDECLARED') undeclared.push(`${method} ${full}`);
          lines.push(`${method.padEnd(6)} ${full.padEnd(60)} ${who}`);
        }
      }
    }
    lines.sort((a, b) => a.slice(7).localeCompare(b.slice(7)) || a.localeCompare(b));
    const text = lines.join('\n') + '\n';
    if (process.env.UPDATE_ROUTE_INVENTORY === '1') writeFileSync(FILE, text);
    expect(undeclared).toEqual([]);
    expect(text).toBe(readFileSync(FILE, 'utf8'));
  });
});
