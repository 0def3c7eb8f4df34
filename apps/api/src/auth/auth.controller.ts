import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, Actor, InvitesService } from '@app/accounts';
import { DomainError, ErrorCode } from '@app/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CurrentActor, Public, SignedIn } from './access.decorators';
import { AcceptInviteDto, ApiTokenDto, LoginDto, PasswordResetDto, PasswordResetRequestDto } from './auth.dto';
import { PerAccountThrottlerGuard } from './per-account-throttler.guard';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './session-cookie';

export function toMeResponse(actor: Actor) {
  return { id: actor.userId, name: actor.name, email: actor.email, role: actor.role, teamId: actor.teamId, athleteId: actor.athleteId };
}

// Guessing passwords or flooding someone's inbox: 10 tries a minute per address and client.
const LIMITED = { default: { limit: 10, ttl: 60_000 } };

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly invites: InvitesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(PerAccountThrottlerGuard)
  @Throttle(LIMITED)
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password: sets the session cookie (httpOnly, SameSite=Lax)' })
  async login(@Body() dto: LoginDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const { actor, session } = await this.accounts.login(dto.email, dto.password, req.headers['user-agent']?.slice(0, 200) ?? null);
    setSessionCookie(res, session, this.config.publicUrl);
    return toMeResponse(actor);
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(204)
  @ApiOperation({ summary: 'End this browser session' })
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<void> {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await this.accounts.logout(token);
    clearSessionCookie(res, this.config.publicUrl);
  }

  @Get('me')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is signed in' })
  me(@CurrentActor() actor: Actor) {
    return toMeResponse(actor);
  }

  @Post('tokens')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a personal API token (shown once; valid one year) for scripts: Authorization: Bearer <token>' })
  async createToken(@CurrentActor() actor: Actor, @Body() dto: ApiTokenDto) {
    if (!actor.userId) throw new DomainError(ErrorCode.Forbidden, 'The operator token cannot create personal tokens; sign in as a person');
    const issued = await this.accounts.createApiToken(actor.userId, dto.label);
    return { id: issued.id, token: issued.token, label: dto.label, expiresAt: issued.expiresAt };
  }

  @Get('tokens')
  @SignedIn()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Your live API tokens (never the secrets)' })
  listTokens(@CurrentActor() actor: Actor) {
    return actor.userId ? this.accounts.listApiTokens(actor.userId) : [];
  }

  @Delete('tokens/:id')
  @SignedIn()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke one of your API tokens' })
  async revokeToken(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.accounts.revokeApiToken(actor.userId ?? '', id);
  }

  @Post('password-reset')
  @Public()
  @UseGuards(PerAccountThrottlerGuard)
  @Throttle(LIMITED)
  @HttpCode(202)
  @ApiOperation({ summary: 'Email a reset link (the answer is the same whether or not the address has an account)' })
  async requestReset(@Body() dto: PasswordResetRequestDto) {
    await this.accounts.requestPasswordReset(dto.email);
    return { message: 'If the address has an account, a reset link is on its way' };
  }

  @Post('password-reset/confirm')
  @Public()
  @UseGuards(PerAccountThrottlerGuard)
  @Throttle(LIMITED)
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a new password from the emailed link: ends every other session, signs this one in' })
  async reset(@Body() dto: PasswordResetDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { actor, session } = await this.accounts.resetPassword(dto.token, dto.password);
    setSessionCookie(res, session, this.config.publicUrl);
    return toMeResponse(actor);
  }

  @Post('invites/accept')
  @Public()
  @UseGuards(PerAccountThrottlerGuard)
  @Throttle(LIMITED)
  @HttpCode(200)
  @ApiOperation({ summary: "Accept a coach's invitation: creates the athlete's login, optionally shares with the coach" })
  async acceptInvite(@Body() dto: AcceptInviteDto, @Res({ passthrough: true }) res: FastifyReply) {
    const { actor, session } = await this.invites.accept(dto.token, { password: dto.password, shareWithCoach: dto.shareWithCoach, timezone: dto.timezone });
    setSessionCookie(res, session, this.config.publicUrl);
    return toMeResponse(actor);
  }
}
