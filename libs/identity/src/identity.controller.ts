import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import {
  AuthUser,
  CurrentUser,
  PageQuery,
  pageOf,
  Public,
  ROLES,
  Roles,
  UuidPipe,
  ProvinceScoped,
} from '@portal/platform';
import {
  AcceptInvitationDto,
  CreateUserDto,
  CreditCodeExceptionDto,
  FlagDto,
  InviteDto,
  RefreshDto,
  RegisterDto,
  SetRolesDto,
  VerifyEmailDto,
} from './auth/dto';
import { ProvinceCorrectionDto, SetAgencyDto } from './agencies/agency.dto';
import { LocalAuthGuard } from './auth/strategies';
import { TokenService } from './auth/token.service';
import { AuthService } from './auth/auth.service';
import { CreditCodeService } from './credit-code/credit-code.service';
import { InvitationsService } from './invitations/invitations.service';
import { OrganizationsService } from './organizations/organizations.service';
import { RegistrationService } from './registration/registration.service';
import { UsersService } from './users/users.service';
import { AuditLogService } from './users/audit-log.service';
import {
  CreatedUserResponse,
  AuditChainCheckResponse,
  AuditEventResponse,
  CreditCodeExceptionListItemResponse,
  CreditCodeExceptionResponse,
  InvitationResponse,
  MeResponse,
  OrganizationFlagListItemResponse,
  OrganizationDetailResponse,
  OrganizationFlagResponse,
  OrganizationResponse,
  RegisteredResponse,
  TokenPairResponse,
  UserResponse,
} from './identity.responses';
import { User } from './users/user.entity';
import { sessionClient } from './account/account.controller';

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
  register(@Body() dto: RegisterDto, @Req() req: { ip?: string }) {
    return this.registration.register(dto, req.ip ?? null);
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponse })
  login(@Req() req: { user: User; ip?: string; headers?: Record<string, string | string[] | undefined> }) {
    return this.auth.login(req.user, sessionClient(req));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponse })
  refresh(
    @Body() dto: RefreshDto,
    @Req() req: { ip?: string; headers?: Record<string, string | string[] | undefined> },
  ) {
    return this.tokens.rotate(dto.refreshToken, sessionClient(req));
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
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: string;
  @ApiPropertyOptional({ description: 'a part of the name or of the e-mail (any case)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
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
    return this.users.listUsers(q, q.role, q.q);
  }

  @Roles('admin')
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponse, description: 'the account can no longer log in; its tokens stop working' })
  disable(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.users.setDisabled(user, id, true);
  }

  @Roles('admin')
  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserResponse })
  enable(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.users.setDisabled(user, id, false);
  }

  @Roles('admin')
  @Put(':id/roles')
  @ApiOkResponse({ type: UserResponse })
  setRoles(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: SetRolesDto) {
    return this.users.setRoles(user, id, dto.roles);
  }

  @Roles('admin')
  @Put(':id/agency')
  @ApiOkResponse({ type: UserResponse, description: "the officer's agency (scope) from their next request on" })
  setAgency(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: SetAgencyDto) {
    return this.users.setAgency(user, id, dto.agencyId);
  }
}

class OrganizationListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'a part of the name (any case) or of the credit code', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

@ApiTags('identity')
@ApiBearerAuth()
@ProvinceScoped()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly invitations: InvitationsService,
  ) {}

  /** Admins and officers find organizations (a provincial officer: its province's only), e.g. to correct a province. */
  @Roles('officer', 'admin')
  @Get()
  @ApiOkResponse({ type: pageOf(OrganizationResponse) })
  list(@CurrentUser() user: AuthUser, @Query() q: OrganizationListQuery) {
    return this.organizations.listOrganizations(user, q);
  }

  @Roles('applicant', 'officer', 'admin', 'finance')
  @Get(':id')
  @ApiOkResponse({ type: OrganizationDetailResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    return this.organizations.viewOrganization(user, id);
  }

  @Roles('admin')
  @Post(':id/province')
  @HttpCode(200)
  @ApiOkResponse({
    type: OrganizationDetailResponse,
    description: 'the province corrected, with the reason kept in provinceChanges and the audit chain',
  })
  correctProvince(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ProvinceCorrectionDto,
  ) {
    return this.organizations.correctProvince(user, id, dto);
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
  invite(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidPipe) id: string,
    @Body() dto: InviteDto,
    @Req() req: { ip?: string },
  ) {
    return this.invitations.invite(user, id, dto.email, req.ip ?? null);
  }
}

class AuditLogQuery extends PageQuery {
  @ApiPropertyOptional({ description: "the actor: a user id, or an account's e-mail" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
  @ApiPropertyOptional({ example: 'application' }) @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) entityId?: string;
  @ApiPropertyOptional({ description: 'an action (user.disabled), or its start ending in a dot (user.)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;
  @ApiPropertyOptional({ description: 'from this instant (ISO 8601) or day (YYYY-MM-DD, Asia/Shanghai) on' })
  @IsOptional()
  @IsDateString()
  from?: string;
  @ApiPropertyOptional({
    description: 'before this instant, or up to and including this day (YYYY-MM-DD, Asia/Shanghai)',
  })
  @IsOptional()
  @IsDateString()
  to?: string;
}

class AuditVerifyDto {
  @ApiPropertyOptional({ description: 'the first event to check (default 1: the whole chain from its start)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  fromSeq?: number;
}

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly creditCodes: CreditCodeService,
    private readonly auditLog: AuditLogService,
  ) {}

  /** The audit chain, newest first, filtered by actor, entity, action and time. */
  @Roles('admin')
  @Get('audit')
  @ApiOkResponse({ type: pageOf(AuditEventResponse) })
  audit(@Query() q: AuditLogQuery) {
    return this.auditLog.list(q);
  }

  /**
   * Runs the chain verifier: at most 50,000 events per request (`complete: false` and `nextSeq` say where to go on),
   * to the head, which it also compares with the last event.
   */
  @Roles('admin')
  @Post('audit/verify')
  @HttpCode(200)
  @ApiOkResponse({ type: AuditChainCheckResponse })
  verify(@Body() dto: AuditVerifyDto) {
    return this.auditLog.verify(dto.fromSeq ?? 1);
  }

  /** The accepted exceptions (codes that fail only the check character), newest first, with who accepted them. */
  @Roles('admin')
  @Get('credit-code-exceptions')
  @ApiOkResponse({ type: pageOf(CreditCodeExceptionListItemResponse) })
  exceptions(@Query() q: PageQuery) {
    return this.creditCodes.listExceptions(q);
  }

  @Roles('admin')
  @Post('credit-code-exceptions')
  @ApiCreatedResponse({ type: CreditCodeExceptionResponse })
  exception(@CurrentUser() user: AuthUser, @Body() dto: CreditCodeExceptionDto) {
    return this.creditCodes.acceptException(user, dto);
  }
}
