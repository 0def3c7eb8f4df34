import { Body, Controller, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService } from '@app/accounts';
import { TeamThresholdsService } from '@app/alerting';
import { IntegrationService } from '@app/ingestion';
import { RosterService } from '@app/roster';
import { Roles, TeamScoped } from '../auth/access.decorators';
import { CreateAthleteDto, CreateCoachDto, CreateIntegrationDto, CreateTeamDto } from './admin.dto';

/** Setting a team up: admins create teams and coaches; coaches add athletes and tune their team's thresholds. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('api/teams')
export class AdminController {
  constructor(
    private readonly roster: RosterService,
    private readonly integrations: IntegrationService,
    private readonly thresholds: TeamThresholdsService,
    private readonly accounts: AccountsService,
  ) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a team' })
  async createTeam(@Body() dto: CreateTeamDto) {
    const team = await this.roster.createTeam(dto.name);
    return { id: team.id, name: team.name };
  }

  @Post(':teamId/athletes')
  @TeamScoped()
  @ApiOperation({ summary: 'Add an athlete to a team' })
  async createAthlete(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() dto: CreateAthleteDto) {
    const a = await this.roster.createAthlete(teamId, dto);
    return { id: a.id, teamId: a.teamId, name: a.name, email: a.email, externalId: a.externalId, timezone: a.timezone };
  }

  @Post(':teamId/coaches')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a coach to a team: they get an email to set their password' })
  async createCoach(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() dto: CreateCoachDto) {
    await this.roster.requireTeam(teamId);
    const c = await this.accounts.createUser({ teamId, name: dto.name, email: dto.email, role: 'coach' });
    return { id: c.id, teamId: c.teamId, name: c.name, email: c.email, role: c.role };
  }

  @Put(':teamId/alert-thresholds')
  @TeamScoped()
  @ApiOperation({ summary: "Override the team's alert thresholds (any subset of the defaults; validated, versioned with the rules)" })
  async setThresholds(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() overrides: Record<string, unknown>) {
    return this.thresholds.set(teamId, overrides);
  }

  @Post(':teamId/integrations')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a Standard Webhooks integration; the whsec_ secret is shown only in this response' })
  async createIntegration(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() dto: CreateIntegrationDto) {
    const { integration, secret } = await this.integrations.create(teamId, dto.name);
    return { id: integration.id, teamId, name: integration.name, secret, webhookPath: '/webhooks/standard' };
  }
}
