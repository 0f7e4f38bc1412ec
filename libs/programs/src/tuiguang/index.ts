export * from './tuiguang.definition';
export * from './tuiguang.dto';
export * from './tuiguang.module';
export * from './tuiguang.rules';
export * from './tuiguang.reports';
