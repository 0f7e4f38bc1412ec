import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles, UuidPipe } from '@portal/platform';
import { SessionClient } from '../auth/token.service';
import type { SessionUser } from '../auth/strategies';
import { TokenPairResponse } from '../identity.responses';
import { ChangePasswordDto, PasswordResetConfirmDto, PasswordResetRequestDto, UpdateProfileDto } from './account.dto';
import { PasswordResetRequestedResponse, ProfileResponse, SessionResponse } from './account.responses';
import { AccountService, RESET_TTL_MINUTES } from './account.service';

type ClientRequest = { ip?: string; headers?: Record<string, string | string[] | undefined>; user?: SessionUser };

/** The request's User-Agent and address, kept with the session it starts or refreshes. */
export function sessionClient(req: ClientRequest): SessionClient {
  const ua = req.headers?.['user-agent'];
  return { userAgent: typeof ua === 'string' ? ua : null, address: req.ip ?? null };
}

@ApiTags('identity')
@Controller('auth')
export class PasswordResetController {
  constructor(private readonly account: AccountService) {}

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({
    type: PasswordResetRequestedResponse,
    description: 'always, whatever the e-mail: a known account gets a mail with a link valid for 30 minutes, once',
  })
  @ApiTooManyRequestsResponse({ description: 'too many requests for this e-mail or from this address' })
  async request(@Body() dto: PasswordResetRequestDto, @Req() req: ClientRequest) {
    await this.account.requestReset(dto.email, req.ip ?? null);
    return { accepted: true, validMinutes: RESET_TTL_MINUTES };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: 'the password is set; every session of the account ends (400 for an unknown, used or expired link)',
  })
  async confirm(@Body() dto: PasswordResetConfirmDto) {
    await this.account.confirmReset(dto.token, dto.password);
  }
}

@ApiTags('identity')
@ApiBearerAuth()
@Controller('me')
export class AccountController {
  constructor(private readonly account: AccountService) {}

  @Roles('any')
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({
    type: TokenPairResponse,
    description: 'every session ends, this one too; the answer is a fresh pair (a new session) for this client',
  })
  changePassword(@CurrentUser() user: AuthUser, @Body() dto: ChangePasswordDto, @Req() req: ClientRequest) {
    return this.account.changePassword(user, dto, sessionClient(req));
  }

  @Roles('any')
  @Get('profile')
  @ApiOkResponse({ type: ProfileResponse })
  profile(@CurrentUser() user: AuthUser) {
    return this.account.profile(user);
  }

  @Roles('any')
  @Patch('profile')
  @ApiOkResponse({ type: ProfileResponse, description: '409 when the version changed meanwhile' })
  updateProfile(@CurrentUser() user: AuthUser, @Body() dto: UpdateProfileDto) {
    return this.account.updateProfile(user, dto);
  }

  @Roles('any')
  @Get('sessions')
  @ApiOkResponse({ type: [SessionResponse] })
  sessions(@CurrentUser() user: AuthUser, @Req() req: ClientRequest) {
    return this.account.sessions(user, req.user?.sessionId);
  }

  @Roles('any')
  @Post('sessions/revoke-all')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'signed out everywhere, this session too: every token stops working at once' })
  async revokeAll(@CurrentUser() user: AuthUser) {
    await this.account.revokeAll(user);
  }

  @Roles('any')
  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiNoContentResponse({
    description: "the session's refresh token is revoked and its access token refused from the next request on",
  })
  async revoke(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string) {
    await this.account.revokeSession(user, id);
  }
}
