export * from './templates/format';
export * from './templates/awards';
export * from './templates/payments';
export * from './templates/recipients';
export * from './templates/send';
export * from './templates/change-reports';
export * from './templates/reports';
export * from './templates/annual-review';
