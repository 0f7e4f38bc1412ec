export * from './statistics.module';
export * from './statistics.service';
export * from './statistics-refresher';
export * from './statistics-refresh.processor';
export * from './statistics.responses';
