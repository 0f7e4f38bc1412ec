export * from './awards.module';
export * from './decisions/fill-by-ranking';
export * from './final/award.view';
export * from './notices/notice.view';
export * from './objections/objection.view';
export * from './readers/award.reader';
export * from './shared/award-payments.port';
export * from './errors';
