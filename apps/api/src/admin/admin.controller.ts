import { Body, Controller, Param, ParseUUIDPipe, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TeamThresholdsService } from '@app/alerting';
import { IntegrationService } from '@app/ingestion';
import { RosterService } from '@app/roster';
import { BearerTokenGuard } from '../auth/bearer-token.guard';
import { CreateAthleteDto, CreateCoachDto, CreateIntegrationDto, CreateTeamDto } from './admin.dto';

/** Operator endpoints to set a team up (accounts and the roster UI come in Step 6). */
@ApiTags('admin')
@ApiBearerAuth()
@UseGuards(BearerTokenGuard)
@Controller('api/teams')
export class AdminController {
  constructor(
    private readonly roster: RosterService,
    private readonly integrations: IntegrationService,
    private readonly thresholds: TeamThresholdsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a team' })
  async createTeam(@Body() dto: CreateTeamDto) {
    const team = await this.roster.createTeam(dto.name);
    return { id: team.id, name: team.name };
  }

  @Post(':teamId/athletes')
  @ApiOperation({ summary: 'Add an athlete to a team' })
  async createAthlete(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() dto: CreateAthleteDto) {
    const a = await this.roster.createAthlete(teamId, dto);
    return { id: a.id, teamId: a.teamId, name: a.name, email: a.email, externalId: a.externalId, timezone: a.timezone };
  }

  @Post(':teamId/coaches')
  @ApiOperation({ summary: 'Add a coach who receives alert emails for the team' })
  async createCoach(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() dto: CreateCoachDto) {
    const c = await this.roster.createCoach(teamId, dto.name, dto.email);
    return { id: c.id, teamId: c.teamId, name: c.name, email: c.email, role: c.role };
  }

  @Put(':teamId/alert-thresholds')
  @ApiOperation({ summary: "Override the team's alert thresholds (any subset of the defaults; validated, versioned with the rules)" })
  async setThresholds(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() overrides: Record<string, unknown>) {
    return this.thresholds.set(teamId, overrides);
  }

  @Post(':teamId/integrations')
  @ApiOperation({ summary: 'Create a Standard Webhooks integration; the whsec_ secret is shown only in this response' })
  async createIntegration(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() dto: CreateIntegrationDto) {
    const { integration, secret } = await this.integrations.create(teamId, dto.name);
    return { id: integration.id, teamId, name: integration.name, secret, webhookPath: '/webhooks/standard' };
  }
}
