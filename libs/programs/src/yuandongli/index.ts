export * from './yuandongli.definition';
export * from './yuandongli.dto';
export * from './yuandongli.module';
export * from './yuandongli.rules';
export * from './yuandongli.reports';
