import { DataSourceOptions } from 'typeorm';
import type { PortalConfig } from '../config/portal-config';
import { MIGRATIONS } from './migrations';

/** One definition of the database connection for the app, the CLI and tests. `synchronize` is always off. */
export function dataSourceOptions(
  url: string,
  extra: Partial<DataSourceOptions> = {},
  pool: Record<string, unknown> = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { max: 20, application_name: 'portal', ...pool },
    ...extra,
  } as DataSourceOptions;
}

/**
 * The pool options (node-postgres) that bound every wait on the database of the API and the worker, so an outage
 * answers 503 instead of hanging: `connectionTimeoutMillis` bounds both connecting and waiting for a free pooled
 * connection; `statement_timeout` (server side) and `query_timeout` (client side, for a server that stopped answering)
 * bound one statement; keep-alive notices a dead peer. The CLI and migrations run without them.
 */
export function outagePoolOptions(
  c: Pick<PortalConfig, 'DB_CONNECT_TIMEOUT_MS' | 'DB_STATEMENT_TIMEOUT_MS' | 'DB_QUERY_TIMEOUT_MS'>,
): Record<string, unknown> {
  return {
    connectionTimeoutMillis: c.DB_CONNECT_TIMEOUT_MS,
    ...(c.DB_STATEMENT_TIMEOUT_MS > 0 ? { statement_timeout: c.DB_STATEMENT_TIMEOUT_MS } : {}),
    ...(c.DB_QUERY_TIMEOUT_MS > 0 ? { query_timeout: c.DB_QUERY_TIMEOUT_MS } : {}),
    keepAlive: true,
  };
}
