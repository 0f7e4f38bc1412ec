export * from './jingpin.definition';
export * from './jingpin.dto';
export * from './jingpin.module';
export * from './jingpin.rules';
export * from './jingpin.reports';
