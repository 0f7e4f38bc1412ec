import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AuthUser, CurrentUser, PageQuery, pageOf, Public, ROLES, Roles, UuidPipe } from '@portal/platform';
import {
  AcceptInvitationDto,
  CreateUserDto,
  CreditCodeExceptionDto,
  FlagDto,
  InviteDto,
  RefreshDto,
  RegisterDto,
  VerifyEmailDto,
} from './auth/dto';
import { LocalAuthGuard } from './auth/strategies';
import { TokenService } from './auth/token.service';
import { AuthService } from './auth/auth.service';
import { CreditCodeService } from './credit-code/credit-code.service';
import { InvitationsService } from './invitations/invitations.service';
import { OrganizationsService } from './organizations/organizations.service';
import { RegistrationService } from './registration/registration.service';
import { UsersService } from './users/users.service';
import {
  CreatedUserResponse,
  CreditCodeExceptionResponse,
  InvitationResponse,
  MeResponse,
  OrganizationFlagListItemResponse,
  OrganizationFlagResponse,
  OrganizationResponse,
  RegisteredResponse,
  TokenPairResponse,
  UserResponse,
} from './identity.responses';
import { User } from './users/user.entity';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly auth: AuthService,
    private readonly invitations: InvitationsService,
    private readonly tokens: TokenService,
  ) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: RegisteredResponse })
  register(@Body() dto: RegisterDto) {
    return this.registration.register(dto);
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponse })
  login(@Req() req: { user: User }) {
    return this.auth.login(req.user);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponse })
  refresh(@Body() dto: RefreshDto) {
    return this.tokens.rotate(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Roles('any')
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the refresh token family is revoked' })
  async logout(@CurrentUser() user: AuthUser, @Body() dto: RefreshDto) {
    await this.tokens.revokeFamily(dto.refreshToken, user.id);
  }

  @Public()
  @Post('verify-email')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the e-mail is verified' })
  async verifyEmail(@Body() dto: VerifyEmailDto) {
    await this.registration.verifyEmail(dto.token);
  }

  @Public()
  @Post('accept-invitation')
  @ApiCreatedResponse({ type: UserResponse })
  acceptInvitation(@Body() dto: AcceptInvitationDto) {
    return this.invitations.acceptInvitation(dto);
  }
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Roles('any')
  @Get()
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentUser() user: AuthUser) {
    return this.users.me(user);
  }
}

class UserListQuery extends PageQuery {
  @IsOptional() @IsIn(ROLES) role?: string;
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post()
  @ApiCreatedResponse({ type: CreatedUserResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return this.users.createUser(user, dto);
  }

  @Roles('admin')
  @Get()
  @ApiOkResponse({ type: pageOf(UserResponse) })
  list(@Query() q: UserListQuery) {
    return this.users.listUsers(q, q.role);
  }
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly invitations: InvitationsService,
  ) {}

  @Roles('applicant', 'officer', 'admin', 'finance')
  @Get(':id')
  @ApiOkResponse({ type: OrganizationResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.organizations.getOrganization(user, id);
  }

  @Roles('officer')
  @Post(':id/flags')
  @ApiCreatedResponse({ type: OrganizationFlagResponse })
  flag(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: FlagDto) {
    return this.organizations.addFlag(user, id, dto);
  }

  @Roles('officer', 'applicant')
  @Get(':id/flags')
  @ApiOkResponse({ type: [OrganizationFlagListItemResponse] })
  flags(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.organizations.listFlags(user, id);
  }

  @Roles('applicant')
  @Post(':id/invitations')
  @ApiCreatedResponse({ type: InvitationResponse })
  invite(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: InviteDto) {
    return this.invitations.invite(user, id, dto.email);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(private readonly creditCodes: CreditCodeService) {}

  @Roles('admin')
  @Post('credit-code-exceptions')
  @ApiCreatedResponse({ type: CreditCodeExceptionResponse })
  exception(@CurrentUser() user: AuthUser, @Body() dto: CreditCodeExceptionDto) {
    return this.creditCodes.acceptException(user, dto);
  }
}
