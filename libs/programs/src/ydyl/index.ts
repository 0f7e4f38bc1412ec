export * from './ydyl.definition';
export * from './ydyl.dto';
export * from './ydyl.module';
export * from './ydyl.rules';
