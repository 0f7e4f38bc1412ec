export * from './tuiyou.definition';
export * from './tuiyou.dto';
export * from './tuiyou.module';
export * from './tuiyou.rules';
