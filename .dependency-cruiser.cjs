// Import boundaries (dependency-cruiser 17): the architecture of docs/architecture.md, "Rooms, tables and arrows",
// as rules. `npm run lint:deps` checks them; `npm run docs:graph` draws the lib-level graph from the same config.
//
// A lib is a folder libs/<lib>; its public face is its barrel libs/<lib>/src/index.ts, imported as `@portal/<lib>`
// (tsconfig.json `paths`, which dependency-cruiser resolves through `tsConfig` below). Type-only imports count:
// an `import type` from another lib is still an arrow between rooms.

/** Allowed lib → lib arrows (apps may use any lib). Anything not listed is forbidden. */
const ARROWS = {
  platform: [],
  identity: ['platform'],
  programs: ['platform'],
  notifications: ['platform', 'identity'],
  storage: ['platform'],
  applications: ['platform', 'identity', 'programs', 'notifications', 'storage'],
  review: ['platform', 'identity', 'programs', 'notifications', 'applications'],
  awards: ['platform', 'identity', 'programs', 'notifications', 'applications', 'review', 'storage'],
  payments: ['platform', 'identity', 'programs', 'notifications', 'applications', 'awards'],
  followup: [
    'platform',
    'identity',
    'programs',
    'notifications',
    'storage',
    'applications',
    'review',
    'awards',
    'payments',
  ],
  dossier: [
    'platform',
    'identity',
    'programs',
    'notifications',
    'storage',
    'applications',
    'review',
    'awards',
    'payments',
    'followup',
  ],
  statistics: ['platform', 'identity', 'programs', 'applications', 'awards', 'payments'],
};
const LIBS = Object.keys(ARROWS);

/** Packages that reach a database, a queue or Redis: never in the pure programs lib. */
const DATA_ACCESS = '(^|/)node_modules/(typeorm|@nestjs/typeorm|pg|pg-[^/]+|bullmq|@nestjs/bullmq|ioredis)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LIBS.map((lib) => ({
      name: `arrows-from-${lib}`,
      comment:
        `${lib} may import only ${ARROWS[lib].length ? ARROWS[lib].join(', ') : 'no other lib'}. A lower lib that needs a ` +
        'higher one’s answer declares a port (injection token + interface) that the higher one provides.',
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: '^libs/[^/]+/', pathNot: `^libs/(${[lib, ...ARROWS[lib]].join('|')})/` },
    })),
    {
      name: 'unknown-lib',
      comment: 'A new lib needs its arrows in .dependency-cruiser.cjs (ARROWS) and docs/architecture.md.',
      severity: 'error',
      from: { path: `^libs/(?!(${LIBS.join('|')})/)[^/]+/` },
      to: {},
    },
    {
      name: 'lib-internals',
      comment:
        'Another lib is reached only through its barrel (`@portal/<lib>` → libs/<lib>/src/index.ts), ' +
        'never a file inside it, whether by alias or by a relative path.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'app-lib-internals',
      comment: 'Apps use a lib through its barrel only.',
      severity: 'error',
      from: { path: '^apps/(api|worker|portal)/' },
      to: { path: '^libs/[^/]+/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'lib-to-app',
      comment: 'Libs never import apps, tests or seeds (the arrow is apps → libs).',
      severity: 'error',
      from: { path: '^libs/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|test|seeds)/' },
    },
    {
      name: 'lib-spec-to-app',
      comment: 'A lib’s unit spec may use test fakes (test/fake-bank) and seed data, never an app.',
      severity: 'error',
      from: { path: '^libs/.+\\.spec\\.ts$' },
      to: { path: '^apps/' },
    },
    {
      name: 'app-to-app',
      comment: 'apps/api, apps/worker and apps/portal are separate processes; they share code through libs.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/web/scripts/' },
      to: { path: '^apps/[^/]+/', pathNot: '^apps/$1/' },
    },
    {
      name: 'web-stays-in-web',
      comment:
        'The web front end talks to the server over HTTP only; it imports no server code. Its build scripts ' +
        '(apps/web/scripts, run in Node by npm run gen:api) are the exception, see web-scripts-read-the-api-document.',
      severity: 'error',
      from: { path: '^apps/web/', pathNot: '^apps/web/scripts/' },
      to: { path: '^(libs|apps/(api|worker|portal)|test|seeds)/' },
    },
    {
      name: 'web-scripts-read-the-api-document',
      comment:
        "apps/web/scripts generate the web client's types from the API's OpenAPI document: they may load the API's " +
        'module and document builder (apps/api/src/app.module.ts, openapi.ts), nothing else of the server.',
      severity: 'error',
      from: { path: '^apps/web/scripts/' },
      to: { path: '^(apps/(worker|portal)|test|seeds)/' },
    },
    {
      name: 'programs-pure',
      comment: 'Program definitions are pure rules and forms: no database, queue or Redis access.',
      severity: 'error',
      from: { path: '^libs/programs/', pathNot: '\\.spec\\.ts$' },
      to: { path: DATA_ACCESS },
    },
    {
      name: 'no-circular-between-libs',
      comment: 'A cycle that leaves the lib it starts in is a circle between rooms: break it with a port.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, via: { pathNot: '^libs/$1/' } },
    },
    {
      name: 'no-circular-in-lib',
      comment: 'A cycle inside one lib (load-order traps, tangled files).',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { circular: true, viaOnly: { path: '^libs/$1/' } },
    },
    {
      name: 'no-circular',
      comment: 'Cycles in apps, tests and seeds.',
      severity: 'error',
      from: { pathNot: '^libs/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing on disk.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|coverage|\\.data)/|^apps/web/src/api/schema\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: {
      mermaid: { minify: false },
      text: { highlightFocused: true },
    },
  },
};
