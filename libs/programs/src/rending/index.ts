export * from './rending.definition';
export * from './rending.dto';
export * from './rending.module';
export * from './rending.rules';
export * from './rending.annual-review';
