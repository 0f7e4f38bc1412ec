import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginLimiter } from './auth/login-limiter';
import { JwtStrategy, LocalAuthGuard, LocalStrategy } from './auth/strategies';
import { TokenService } from './auth/token.service';
import {
  AdminController,
  AuthController,
  MeController,
  OrganizationsController,
  UsersController,
} from './identity.controller';
import { IdentityService } from './identity.service';
import { Organization, OrganizationFlag } from './organizations/organization.entity';
import { ExpertConflict, ExpertProfile, User } from './users/user.entity';

@Module({
  imports: [
    PassportModule,
    JwtModule.register({}),
    TypeOrmModule.forFeature([Organization, OrganizationFlag, User, ExpertProfile, ExpertConflict]),
  ],
  controllers: [AuthController, MeController, UsersController, OrganizationsController, AdminController],
  providers: [IdentityService, TokenService, LoginLimiter, JwtStrategy, LocalStrategy, LocalAuthGuard],
  exports: [IdentityService, TokenService, TypeOrmModule],
})
export class IdentityModule {}
