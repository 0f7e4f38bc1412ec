export * from './identity.module';
export * from './identity.service';
export * from './auth/token.service';
export * from './auth/dto';
export * from './organizations/organization.entity';
export * from './users/user.entity';
export * from './credit-code';
export * from './readers/organization.reader';
