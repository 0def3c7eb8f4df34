import { Controller, Get, Param, ParseUUIDPipe, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertStatusQuery } from '@app/alerting';
import { MetricsQuery, MetricsResponse } from '@app/training-load';
import { BearerTokenGuard } from '../auth/bearer-token.guard';
import { MetricsRangeQuery } from './metrics-query.dto';

@ApiTags('athletes')
@ApiBearerAuth()
@UseGuards(BearerTokenGuard)
@Controller('api/athletes')
export class AthletesController {
  constructor(
    private readonly metrics: MetricsQuery,
    private readonly alertStatuses: AlertStatusQuery,
  ) {}

  @Get(':id/alert-status')
  @ApiOperation({ summary: 'Every alert rule on the athlete today: triggered, clear, or suppressed with the reason (warm-up, coverage …)' })
  alertStatus(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.alertStatuses.forAthlete(id);
  }

  @Get(':id/metrics')
  @ApiOperation({ summary: "An athlete's daily load and rolling metrics (null where a metric is not defined)" })
  getMetrics(@Param('id', new ParseUUIDPipe()) id: string, @Query() range: MetricsRangeQuery): Promise<MetricsResponse> {
    return this.metrics.forAthlete(id, range.from, range.to);
  }
}
