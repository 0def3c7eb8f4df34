import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, InvitesService } from '@app/accounts';
import { CurrentActor, TeamScoped } from '../auth/access.decorators';
import { InviteAthleteDto } from '../auth/auth.dto';

@ApiTags('roster')
@ApiBearerAuth()
@Controller('api/teams/:teamId/invites')
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Post()
  @TeamScoped()
  @ApiOperation({ summary: 'Invite an athlete by email: adds them to the roster and emails a one-time link (14 days)' })
  invite(@Param('teamId', new ParseUUIDPipe()) teamId: string, @Body() dto: InviteAthleteDto, @CurrentActor() actor: Actor) {
    return this.invites.inviteAthlete(actor, teamId, dto);
  }

  @Get()
  @TeamScoped()
  @ApiOperation({ summary: "The team's invitations, newest first, with whether each was accepted" })
  list(@Param('teamId', new ParseUUIDPipe()) teamId: string) {
    return this.invites.listForTeam(teamId);
  }
}
