export * from './dossier.module';
export * from './errors';
export * from './dossier-section';
export * from './dossier.service';
export * from './verify-code';
export * from './dossier.responses';
