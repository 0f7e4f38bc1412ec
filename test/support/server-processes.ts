/*
 * The portal's API and worker as separate node processes, for specs that need more than one of each (replicas):
 * the server code transpiled once (TypeScript's transpileModule, as ts-jest's isolatedModules does: no type check,
 * a few seconds) into a private tree under .data/, then started like `npm run start:api` / `start:worker`
 * (production's node flags, the @portal/* paths registered by apps/portal's register-paths).
 */
import { ChildProcess, spawn } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import { SERVER_NODE_FLAGS } from '../../libs/platform/src/runtime/server-node-flags';

const ROOT = resolve(__dirname, '..', '..');
const SOURCES = ['apps/api/src', 'apps/worker/src', 'apps/portal/src', 'libs', 'seeds'];

/** Transpiles the server code into a fresh directory under .data/ (inside the repository, so node_modules resolve). */
export async function transpileServer(): Promise<{ dir: string; remove(): void }> {
  const ts = await import('typescript');
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  const compilerOptions = {
    ...options,
    module: ts.ModuleKind.CommonJS,
    sourceMap: false,
    inlineSourceMap: false,
    incremental: false,
  };
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.data', 'server-build-'));
  const walk = (src: string) => {
    for (const e of readdirSync(src, { withFileTypes: true })) {
      const path = join(src, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(path);
        continue;
      }
      const out = join(dir, relative(ROOT, path));
      if (e.name.endsWith('.json')) {
        mkdirSync(dirname(out), { recursive: true });
        copyFileSync(path, out);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.spec.ts')) {
        mkdirSync(dirname(out), { recursive: true });
        const js = ts.transpileModule(readFileSync(path, 'utf8'), { compilerOptions, fileName: path }).outputText;
        writeFileSync(out.replace(/\.ts$/, '.js'), js);
      }
    }
  };
  for (const s of SOURCES) walk(join(ROOT, s));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  name: string;
  pid: number;
  /** stderr lines the process wrote (its warnings and errors) */
  errors: string[];
  exited: Promise<void>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `apps/<app>/src/main.js` of a transpiled tree with `env` (on top of this process's environment). */
export function startServerProcess(build: string, app: 'api' | 'worker', name: string, env: NodeJS.ProcessEnv) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...SERVER_NODE_FLAGS,
      '-r',
      join(build, 'apps', 'portal', 'src', 'register-paths.js'),
      join(build, 'apps', app, 'src', 'main.js'),
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const errors: string[] = [];
  let buffered = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    errors.push(...lines.filter((l) => l.trim()));
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  const proc: ServerProcess = {
    name,
    pid: child.pid!,
    errors,
    exited,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
  return { proc, child };
}

/** Polls `ready` until it answers true; fails when the process exits first or after `ms`. */
export async function waitReady(
  p: { proc: ServerProcess; child: ChildProcess },
  ready: () => Promise<boolean>,
  ms = 90_000,
): Promise<ServerProcess> {
  const until = Date.now() + ms;
  for (;;) {
    if (p.child.exitCode !== null)
      throw new Error(`${p.proc.name} exited with ${p.child.exitCode}: ${p.proc.errors.slice(-20).join('\n')}`);
    if (await ready().catch(() => false)) return p.proc;
    if (Date.now() > until) {
      p.child.kill('SIGKILL');
      throw new Error(`${p.proc.name} was not ready within ${ms / 1000} s: ${p.proc.errors.slice(-20).join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
