/**
 * Node flags for the portal's server processes (API and worker), used by `npm start`, `npm run start:api|worker`,
 * the Docker image (as NODE_OPTIONS) and the benchmarks (for every server they start, both sides of a ratio).
 *
 * A 64 MB young generation instead of V8's default 16 MB: a request allocates short-lived objects (rows, JSON,
 * validation errors, log bindings), and with the small default the scavenger ran often enough under load to cost about
 * 10% of the API's CPU (perf, P1); with 64 MB it is under 5%. The cost is up to ~200 MB more address space per process.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
