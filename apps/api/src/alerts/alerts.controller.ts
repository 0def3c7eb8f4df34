import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { Alert, AlertsQuery } from '@app/alerting';
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

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(BearerTokenGuard)
@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsQuery) {}

  @Get()
  @ApiOperation({ summary: 'Alerts, newest first, filtered by athlete, status and kind' })
  async list(@Query() query: AlertListQuery): Promise<AlertResponse[]> {
    return (await this.alerts.list(query)).map(toAlertResponse);
  }
}
