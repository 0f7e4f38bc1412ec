import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** One definition of the database connection for the app, the CLI and tests. `synchronize` is always off. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: { max: 20, application_name: 'portal' },
    ...extra,
  } as DataSourceOptions;
}
