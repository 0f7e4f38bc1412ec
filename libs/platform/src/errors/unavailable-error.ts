/**
 * Which dependency an error says is unreachable: the database (node-postgres and PostgreSQL's own codes for a
 * connection that failed, was cut or timed out) or Redis (ioredis's command timeout, a closed or unwritable stream, a
 * retry limit), or null for any other error. The error filter answers such an error with 503 and Retry-After
 * (PLATFORM.UNAVAILABLE) instead of a 500: it is an outage, not a fault of the request or of the code.
 */
export type UnavailablePart = 'database' | 'redis';

/** Socket errors (either dependency; node-postgres and ioredis both surface them as they are). */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of an unavailable server: class 08 (connection exception), 57P01–57P03 (shutting down, crashed, starting
 * up), 53300 (too many connections), 57014 (statement timeout / cancelled).
 */
const PG_CODES = /^(08\d{3}|57P0[123]|53300|57014)$/;

const PG_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Query read timeout/i,
  /connection error and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

const REDIS_MESSAGES = [
  /^Command timed out/i,
  /Stream isn't writeable/i,
  /max retries per request limit/i,
  /^Connection is closed/i,
];

function looksLikeRedis(e: { name?: unknown; command?: unknown }): boolean {
  return e.name === 'MaxRetriesPerRequestError' || (typeof e.command === 'object' && e.command !== null);
}

export function unavailablePart(err: unknown, depth = 0): UnavailablePart | null {
  if (!err || typeof err !== 'object' || depth > 4) return null;
  const e = err as {
    code?: unknown;
    message?: unknown;
    name?: unknown;
    command?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const message = typeof e.message === 'string' ? e.message : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (REDIS_MESSAGES.some((r) => r.test(message)) || (looksLikeRedis(e) && SOCKET_CODES.has(code))) return 'redis';
  if (PG_CODES.test(code) || SOCKET_CODES.has(code) || PG_MESSAGES.some((r) => r.test(message))) return 'database';
  // TypeORM's QueryFailedError keeps the driver's error; an AggregateError (connect to several addresses) its parts
  const inner = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  for (const x of inner) {
    const part = unavailablePart(x, depth + 1);
    if (part) return part;
  }
  return null;
}
