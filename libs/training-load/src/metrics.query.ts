import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { RosterService } from '@app/roster';
import { addDays, ALGO_VERSION, DailyMetrics, localDate } from './calc';

export interface MetricsResponse {
  athleteId: string;
  timezone: string;
  algoVersion: number;
  days: DailyMetrics[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RANGE_DAYS = 3 * 366;

/** Reads stored metric rows for the API. */
@Injectable()
export class MetricsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roster: RosterService,
    private readonly clock: Clock,
  ) {}

  async forAthlete(athleteId: string, from?: string, to?: string): Promise<MetricsResponse> {
    const athlete = await this.roster.requireAthlete(athleteId);
    const end = to ?? localDate(this.clock.now(), athlete.timezone);
    const start = from ?? addDays(end, -89);
    for (const [name, value] of [['from', start], ['to', end]] as const) {
      if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
        throw new DomainError(ErrorCode.ValidationFailed, `${name} must be a date YYYY-MM-DD`);
      }
    }
    if (start > end) throw new DomainError(ErrorCode.ValidationFailed, 'from must not be after to');
    if (addDays(start, MAX_RANGE_DAYS) < end) throw new DomainError(ErrorCode.ValidationFailed, `at most ${MAX_RANGE_DAYS} days per request`);
    const days: DailyMetrics[] = await this.dataSource.query(
      `SELECT date::text AS date, load, state, acute7 AS "acute7", chronic28 AS "chronic28", acwr_rac AS "acwrRac",
         acwr_rau AS "acwrRau", acwr_ewma AS "acwrEwma", ewma_acute AS "ewmaAcute", ewma_chronic AS "ewmaChronic", monotony,
         strain, ctl, atl, form, ramp, rest_day_ratio7 AS "restDayRatio7", rest_day_ratio28 AS "restDayRatio28", streak,
         week_over_week AS "weekOverWeek", coverage28 AS "coverage28"
       FROM daily_metrics WHERE athlete_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date`,
      [athleteId, start, end],
    );
    return { athleteId, timezone: athlete.timezone, algoVersion: ALGO_VERSION, days };
  }
}
