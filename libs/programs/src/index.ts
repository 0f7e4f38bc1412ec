export * from './program-definition';
export * from './form-layout';
export * from './program-definition.provider';
export * from './program-registry';
export { PROGRAM_ERROR_CODES } from './errors';
export * from './programs.controller';
export * from './programs.module';
export * from './engine/attachment-kinds';
export * from './engine/award-outcome';
export * from './engine/office';
export * from './engine/common-rules';
export * from './engine/dates';
export * from './engine/eligibility';
export * from './engine/form-schema';
export * from './engine/format';
export { APPLICATION_STATUS_NAMES, statusName } from './engine/rule-kit';
export * from './engine/validate-payload';
export * from './jingpin';
export * from './yuandongli';
export * from './tuiguang';
export * from './rending';
export * from './program.responses';
export {
  IdNumberField,
  PhoneField,
  personalDataPaths,
  mapPersonalData,
  maskPersonalData,
  type PersonalDataKind,
  type PersonalDataPath,
} from './engine/dto-fields';
export * from './engine/report-forms';
