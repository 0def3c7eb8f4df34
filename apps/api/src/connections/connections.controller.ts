import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ConnectionService, OAuthService, ProviderConnection } from '@app/ingestion';
import { RosterService } from '@app/roster';
import { AthleteScoped, Public } from '../auth/access.decorators';

export class ConnectDto {
  @ApiPropertyOptional({ description: 'Delete the synced data when the athlete disconnects (default: keep it)' })
  @IsOptional()
  @IsBoolean()
  purgeOnDisconnect?: boolean;
}

export class LinkDto {
  @ApiPropertyOptional({ description: "The aggregator's user id for this athlete (Terra user_id, Junction user_id)" })
  @IsString()
  @Length(1, 200)
  providerUserId!: string;
}

export class DisconnectQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) purge?: 'true' | 'false';
}

function toConnectionResponse(c: ProviderConnection) {
  return {
    id: c.id,
    provider: c.provider,
    providerUserId: c.providerUserId,
    status: c.status,
    scopes: c.scopes,
    purgeOnDisconnect: c.purgeOnDisconnect,
    backfill: { status: c.backfillStatus, ...c.backfillProgress },
    lastSyncAt: c.lastSyncAt,
    connectedAt: c.createdAt,
  };
}

@ApiTags('connections')
@ApiBearerAuth()
@Controller('api/athletes/:athleteId/connections')
export class ConnectionsController {
  constructor(
    private readonly oauth: OAuthService,
    private readonly connections: ConnectionService,
    private readonly roster: RosterService,
  ) {}

  @Get()
  @AthleteScoped('athleteId', 'read')
  @ApiOperation({ summary: "The athlete's tracker connections, with backfill progress" })
  async list(@Param('athleteId', new ParseUUIDPipe()) athleteId: string) {
    await this.roster.requireAthlete(athleteId);
    return (await this.connections.listForAthlete(athleteId)).map(toConnectionResponse);
  }

  @Post(':provider')
  @AthleteScoped('athleteId', 'own')
  @ApiOperation({ summary: 'Start connecting a tracker: returns the URL to send the athlete to (OAuth 2, PKCE where supported)' })
  async connect(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Param('provider') provider: string, @Body() dto: ConnectDto) {
    const { url, expiresAt } = await this.oauth.authorizeUrl(athleteId, provider, dto.purgeOnDisconnect ?? false);
    return { authorizeUrl: url, expiresAt };
  }

  @Post(':provider/link')
  @AthleteScoped('athleteId', 'own')
  @ApiOperation({ summary: "Link an aggregator user (Terra, Junction) whose own widget did the authorization" })
  async link(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Param('provider') provider: string, @Body() dto: LinkDto) {
    await this.roster.requireAthlete(athleteId);
    return toConnectionResponse(await this.oauth.link(athleteId, provider, dto.providerUserId));
  }

  @Delete(':provider')
  @AthleteScoped('athleteId', 'own')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disconnect: stop syncing; purge=true also deletes the data that came from this tracker' })
  async disconnect(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Param('provider') provider: string, @Query() q: DisconnectQuery): Promise<void> {
    await this.oauth.disconnect(athleteId, provider, q.purge === 'true');
  }
}

@ApiTags('connections')
@Public()
@Controller('oauth')
export class OAuthCallbackController {
  constructor(private readonly oauth: OAuthService) {}

  @Get(':provider/callback')
  @ApiOperation({ summary: 'Where the platform sends the browser back after the athlete approved (state-protected)' })
  async callback(@Param('provider') provider: string, @Query() q: Record<string, string>) {
    const c = await this.oauth.callback(provider, { code: q.code, state: q.state, error: q.error });
    return { connected: c.provider, athleteId: c.athleteId, connectionId: c.id, backfill: 'started' };
  }
}
