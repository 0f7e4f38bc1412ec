/*
 * Issue 15, "Done means": a scheme is one folder under libs/programs/src, registered by one line, and adding it
 * changes no engine file beyond the generic capabilities (listed in libs/programs/README.md). This spec proves the
 * structural half for every program folder added since the rule (the four first programs predate it and are named
 * by the engine in a few places: LEGACY below):
 *  1. the folder imports only the engine's kit (../engine, ../program-definition[.provider], ../form-layout, ../i18n-text), its
 *     own files and framework packages — no other lib, no other scheme;
 *  2. outside the folder, only programs.module.ts imports it (the registration), and the test kit and specs;
 *  3. no source file outside it names the program's code (a `'tuiyou'` in the awards lib would be a scheme rule living
 *     in the engine), except data — the migrations that seed its agency — and OpenAPI examples.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..', '..', '..');
const PROGRAMS = __dirname;
const LEGACY = ['jingpin', 'yuandongli', 'tuiguang', 'rending'];
const NOT_SCHEMES = ['engine', 'testing'];
const KIT =
  /^(\.\.\/(engine\/[\w./-]+|program-definition(\.provider)?|form-layout|i18n-text)|\.\/[\w.-]+|@nestjs\/[\w-]+|class-validator|class-transformer)$/;

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const schemes = readdirSync(PROGRAMS).filter(
  (name) =>
    statSync(join(PROGRAMS, name)).isDirectory() &&
    !NOT_SCHEMES.includes(name) &&
    readdirSync(join(PROGRAMS, name)).some((f) => f.endsWith('.module.ts')),
);
const sources = [...files(join(ROOT, 'libs')), ...files(join(ROOT, 'apps'))].filter(
  (f) => !/\.(spec|e2e-spec|browser-spec)\.ts$/.test(f),
);
const importsOf = (text: string) => [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);

describe('scheme isolation (issue 15)', () => {
  it('finds the program folders, the issue-15 schemes among them', () => {
    expect(schemes).toEqual(expect.arrayContaining([...LEGACY, 'tuiyou', 'ydyl']));
  });

  for (const scheme of schemes.filter((s) => !LEGACY.includes(s))) {
    describe(scheme, () => {
      const folder = join(PROGRAMS, scheme);
      const own = files(folder);
      const code = readFileSync(join(folder, `${scheme}.definition.ts`), 'utf8').match(/\bcode: '([a-z0-9-]+)'/)![1];

      it('imports only the engine kit, its own files and framework packages', () => {
        const foreign = own
          .filter((f) => !f.endsWith('.spec.ts'))
          .flatMap((f) => importsOf(readFileSync(f, 'utf8')).map((i) => `${relative(folder, f)}: ${i}`))
          .filter((line) => !KIT.test(line.split(': ')[1]));
        expect(foreign).toEqual([]);
      });

      it('is imported, outside its folder, by the registration alone', () => {
        const importers = sources
          .filter((f) => !f.startsWith(folder + '/'))
          .filter((f) => importsOf(readFileSync(f, 'utf8')).some((i) => new RegExp(`(^|/)${scheme}(/|$)`).test(i)))
          .map((f) => relative(ROOT, f));
        expect(importers).toEqual(['libs/programs/src/programs.module.ts']);
        const registration = readFileSync(join(PROGRAMS, 'programs.module.ts'), 'utf8');
        expect(registration).toMatch(new RegExp(`from './${scheme}/${scheme}.module'`));
      });

      it(`no engine file names the code '${code}' (data migrations and OpenAPI examples aside)`, () => {
        const naming = sources
          .filter((f) => !f.startsWith(folder + '/') && !f.includes('/database/migrations/'))
          .flatMap((f) =>
            readFileSync(f, 'utf8')
              .split('\n')
              .map((line, i) => ({ line, at: `${relative(ROOT, f)}:${i + 1}` })),
          )
          .filter(({ line }) => new RegExp(`['"\`]${code}['"\`/]`).test(line) && !/example:/.test(line))
          .map(({ at }) => at);
        expect(naming).toEqual([]);
      });
    });
  }
});
