import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountController, PasswordResetController } from './account/account.controller';
import { AccountService } from './account/account.service';
import { ColleaguesController } from './colleagues/colleagues.controller';
import { ColleaguesService } from './colleagues/colleagues.service';
import { AgenciesController } from './agencies/agencies.controller';
import { AgenciesService } from './agencies/agencies.service';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
import { PasswordHasher } from './auth/password-hasher';
import { JwtStrategy, LocalAuthGuard, LocalStrategy } from './auth/strategies';
import { TokenService } from './auth/token.service';
import { CreditCodeService } from './credit-code/credit-code.service';
import {
  AdminController,
  AuthController,
  MeController,
  OrganizationsController,
  UsersController,
} from './identity.controller';
import { InvitationsService } from './invitations/invitations.service';
import { Organization, OrganizationFlag } from './organizations/organization.entity';
import { OrganizationsService } from './organizations/organizations.service';
import { RegistrationService } from './registration/registration.service';
import { AccountStatusCache } from './users/account-status';
import { MailRecipientsModule } from './users/mail-recipients';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';
import { AuditLogService } from './users/audit-log.service';

/** Identity's services and tables: what other libs (and the worker) import. No routes, no passport strategies. */
@Module({
  imports: [
    JwtModule.register({}),
    TypeOrmModule.forFeature([Organization, OrganizationFlag, User]),
    MailRecipientsModule,
  ],
  providers: [
    CreditCodeService,
    UsersService,
    AuthService,
    RegistrationService,
    OrganizationsService,
    InvitationsService,
    TokenService,
    LoginLimiter,
    PasswordHasher,
    AccountStatusCache,
    AgenciesService,
    AccountService,
    ColleaguesService,
  ],
  exports: [
    AccountService,
    ColleaguesService,
    AccountStatusCache,
    AgenciesService,
    AuthService,
    CreditCodeService,
    InvitationsService,
    OrganizationsService,
    RegistrationService,
    TokenService,
    UsersService,
    TypeOrmModule,
  ],
})
export class IdentityModule {}

/**
 * Identity's routes and passport strategies: the API app only. Passport keeps one strategy per name per process, so a
 * worker (or a test hosting api and worker in one process) that built its own JwtStrategy would replace the API's,
 * with the worker's AccountStatusCache behind it: an account changed through the API would not be invalidated there.
 */
@Module({
  imports: [IdentityModule, PassportModule],
  controllers: [
    AuthController,
    MeController,
    UsersController,
    OrganizationsController,
    AdminController,
    AgenciesController,
    PasswordResetController,
    AccountController,
    ColleaguesController,
  ],
  providers: [JwtStrategy, LocalStrategy, LocalAuthGuard, AuditLogService],
  exports: [IdentityModule],
})
export class IdentityApiModule {}
