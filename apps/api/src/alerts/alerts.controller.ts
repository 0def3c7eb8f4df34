import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { AccessService, Actor, describeActor } from '@app/accounts';
import { Alert, AlertActionsService, AlertsQuery } from '@app/alerting';
import { AlertScoped, CurrentActor, SignedIn } from '../auth/access.decorators';
import { AlertResponse, toAlertResponse } from './alert.response';

export class AlertListQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() athleteId?: string;
  @ApiPropertyOptional({ enum: ['open', 'acknowledged', 'resolved', 'snoozed'] })
  @IsOptional()
  @IsIn(['open', 'acknowledged', 'resolved', 'snoozed'])
  status?: Alert['status'];
  @ApiPropertyOptional({ enum: ['overtraining', 'back-pain'] }) @IsOptional() @IsIn(['overtraining', 'back-pain']) kind?: Alert['kind'];
}

export class AlertNoteDto {
  @ApiPropertyOptional({ example: 'Talked with the athlete; easy week planned' }) @IsOptional() @IsString() @Length(1, 1000) note?: string;
}

export class SnoozeDto extends AlertNoteDto {
  @ApiProperty({ example: '2026-11-28T08:00:00Z' }) @IsISO8601({ strict: true }) until!: string;
}

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsQuery,
    private readonly actions: AlertActionsService,
    private readonly access: AccessService,
  ) {}

  @Post(':id/acknowledge')
  @AlertScoped()
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge: the alert stays quiet for 24 h unless its severity rises' })
  async acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AlertNoteDto, @CurrentActor() actor: Actor): Promise<AlertResponse> {
    return toAlertResponse(await this.actions.act(id, { kind: 'acknowledge' }, describeActor(actor), dto.note));
  }

  @Post(':id/resolve')
  @AlertScoped()
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve with a note (it reopens if the condition returns)' })
  async resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AlertNoteDto, @CurrentActor() actor: Actor): Promise<AlertResponse> {
    return toAlertResponse(await this.actions.act(id, { kind: 'resolve' }, describeActor(actor), dto.note));
  }

  @Post(':id/snooze')
  @AlertScoped()
  @HttpCode(200)
  @ApiOperation({ summary: 'Snooze until a time (at most 30 days): quiet until then unless severity rises' })
  async snooze(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SnoozeDto, @CurrentActor() actor: Actor): Promise<AlertResponse> {
    return toAlertResponse(await this.actions.act(id, { kind: 'snooze', until: new Date(dto.until) }, describeActor(actor), dto.note));
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'Alerts the caller may see, newest first, filtered by athlete, status and kind' })
  async list(@Query() query: AlertListQuery, @CurrentActor() actor: Actor): Promise<AlertResponse[]> {
    if (query.athleteId) await this.access.assertAthlete(actor, query.athleteId, 'read');
    const readable = await this.access.readableAthleteIds(actor);
    return (await this.alerts.list({ ...query, athleteIds: readable === 'all' ? undefined : readable })).map(toAlertResponse);
  }
}
