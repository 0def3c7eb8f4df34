import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertStatusQuery } from '@app/alerting';
import { MetricsQuery, MetricsResponse } from '@app/training-load';
import { AthleteScoped } from '../auth/access.decorators';
import { MetricsRangeQuery } from './metrics-query.dto';

@ApiTags('athletes')
@ApiBearerAuth()
@Controller('api/athletes')
export class AthletesController {
  constructor(
    private readonly metrics: MetricsQuery,
    private readonly alertStatuses: AlertStatusQuery,
  ) {}

  @Get(':id/alert-status')
  @AthleteScoped('id')
  @ApiOperation({ summary: 'Every alert rule on the athlete today: triggered, clear, or suppressed with the reason (warm-up, coverage …)' })
  alertStatus(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.alertStatuses.forAthlete(id);
  }

  @Get(':id/metrics')
  @AthleteScoped('id')
  @ApiOperation({ summary: "An athlete's daily load and rolling metrics (null where a metric is not defined)" })
  getMetrics(@Param('id', new ParseUUIDPipe()) id: string, @Query() range: MetricsRangeQuery): Promise<MetricsResponse> {
    return this.metrics.forAthlete(id, range.from, range.to);
  }
}
