import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Alert, AlertActionsService, AlertsQuery } from '@app/alerting';
import { BearerTokenGuard } from '../auth/bearer-token.guard';
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

// Until accounts arrive (Step 6) every action is taken with the operator token; its history names it so.
const OPERATOR = 'operator (API token)';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(BearerTokenGuard)
@Controller('api/alerts')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsQuery,
    private readonly actions: AlertActionsService,
  ) {}

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge: the alert stays quiet for 24 h unless its severity rises' })
  async acknowledge(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AlertNoteDto): Promise<AlertResponse> {
    return toAlertResponse(await this.actions.act(id, { kind: 'acknowledge' }, OPERATOR, dto.note));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve with a note (it reopens if the condition returns)' })
  async resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: AlertNoteDto): Promise<AlertResponse> {
    return toAlertResponse(await this.actions.act(id, { kind: 'resolve' }, OPERATOR, dto.note));
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Snooze until a time (at most 30 days): quiet until then unless severity rises' })
  async snooze(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SnoozeDto): Promise<AlertResponse> {
    return toAlertResponse(await this.actions.act(id, { kind: 'snooze', until: new Date(dto.until) }, OPERATOR, dto.note));
  }

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first, filtered by athlete, status and kind' })
  async list(@Query() query: AlertListQuery): Promise<AlertResponse[]> {
    return (await this.alerts.list(query)).map(toAlertResponse);
  }
}
