// `npm run docs:graph`: draws the lib-level dependency graph with dependency-cruiser (the rules of
// .dependency-cruiser.cjs, files collapsed to their lib or app) as a Mermaid flowchart and writes it into
// docs/architecture.md between the graph markers. Arrows that break a rule are drawn red and dashed.
// `npm run docs:graph -- --check` only compares and exits 1 when the document is stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(root, 'docs/architecture.md');
const START = '<!-- dependency-graph:start (npm run docs:graph) -->';
const END = '<!-- dependency-graph:end -->';

const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

function cruise() {
  // Production code only: unit specs may reach test fakes, and the web talks HTTP (no imports into the server).
  const args = [
    cli,
    'apps',
    'libs',
    '--config',
    '.dependency-cruiser.cjs',
    '--include-only',
    '^(libs|apps/(api|worker|portal))/',
    '--exclude',
    '\\.spec\\.ts$',
    '--collapse',
    '^libs/[^/]+|^apps/[^/]+',
    '--output-type',
    'json',
  ];
  const out = execFileSync(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
  return JSON.parse(out);
}

function mermaid(result) {
  const id = (source) => source.replace(/[^A-Za-z0-9]/g, '_');
  const modules = [...result.modules].sort((a, b) => a.source.localeCompare(b.source));
  const lines = ['flowchart LR'];
  for (const group of ['apps', 'libs']) {
    lines.push(`  subgraph ${group}`);
    for (const m of modules.filter((x) => x.source.startsWith(`${group}/`))) {
      lines.push(`    ${id(m.source)}["${m.source.slice(group.length + 1)}"]`);
    }
    lines.push('  end');
  }
  const bad = [];
  let edge = 0;
  for (const m of modules) {
    const deps = [...m.dependencies].sort((a, b) => a.resolved.localeCompare(b.resolved));
    for (const d of deps) {
      if (d.valid) lines.push(`  ${id(m.source)} --> ${id(d.resolved)}`);
      else {
        const rules = [...new Set(d.rules.map((r) => r.name))].join(', ');
        lines.push(`  ${id(m.source)} -.->|"${rules}"| ${id(d.resolved)}`);
        bad.push(edge);
      }
      edge += 1;
    }
  }
  if (bad.length) lines.push(`  linkStyle ${bad.join(',')} stroke:#d00,stroke-width:2px,color:#d00`);
  return lines.join('\n');
}

const graph = mermaid(cruise());
const block = `${START}\n\n\`\`\`mermaid\n${graph}\n\`\`\`\n\n${END}`;
const doc = readFileSync(DOC, 'utf8');
const from = doc.indexOf(START);
const to = doc.indexOf(END);
if (from < 0 || to < from) {
  console.error(`docs/architecture.md lacks the markers ${START} … ${END}`);
  process.exit(1);
}
const next = doc.slice(0, from) + block + doc.slice(to + END.length);
if (process.argv.includes('--check')) {
  if (next !== doc) {
    console.error('docs/architecture.md: the dependency graph is stale; run `npm run docs:graph`');
    process.exit(1);
  }
  console.log('dependency graph up to date');
} else if (next !== doc) {
  writeFileSync(DOC, next);
  console.log('docs/architecture.md: dependency graph updated');
} else {
  console.log('docs/architecture.md: dependency graph unchanged');
}
