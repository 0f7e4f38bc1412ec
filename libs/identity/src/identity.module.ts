import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
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
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';

@Module({
  imports: [PassportModule, JwtModule.register({}), TypeOrmModule.forFeature([Organization, OrganizationFlag, User])],
  controllers: [AuthController, MeController, UsersController, OrganizationsController, AdminController],
  providers: [
    CreditCodeService,
    UsersService,
    AuthService,
    RegistrationService,
    OrganizationsService,
    InvitationsService,
    TokenService,
    LoginLimiter,
    JwtStrategy,
    LocalStrategy,
    LocalAuthGuard,
  ],
  exports: [CreditCodeService, UsersService, OrganizationsService, TokenService, TypeOrmModule],
})
export class IdentityModule {}
