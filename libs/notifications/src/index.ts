export * from './templates/format';
export * from './templates/awards';
export * from './templates/payments';
export * from './templates/recipients';
export * from './templates/send';
