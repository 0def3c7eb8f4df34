import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { Athlete } from '@app/roster';
import { ALGO_VERSION, buildDailySeries, computeDailyMetrics, DailyMetrics, localDate } from './calc';
import { isRecoverySession } from './recovery-session';

interface SessionRow {
  local_date: string;
  load: number;
  rpe: number | null;
  sport: string | null;
  tags: string[];
}

/**
 * Rebuilds an athlete's daily series and stores the metric rows from the changed day forward.
 * One run per athlete at a time (advisory lock), so adding workers never interleaves two rebuilds.
 */
@Injectable()
export class LoadRecomputeService {
  private readonly logger = new Logger(LoadRecomputeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async recompute(athleteId: string, fromDate: string, cause: string): Promise<'done' | 'skipped'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7263))`, [athleteId]);
      const athlete = await manager.findOneBy(Athlete, { id: athleteId });
      if (!athlete) return 'skipped';
      const written = await this.rebuild(manager, athlete, fromDate);
      this.logger.debug(`athlete ${athleteId}: ${written} metric rows from ${fromDate} (${cause})`);
      await this.outbox.add(manager, JobName.EvaluateAlerts, { athleteId, cause });
      return 'done';
    });
  }

  private async rebuild(manager: EntityManager, athlete: Athlete, fromDate: string): Promise<number> {
    const sessions: SessionRow[] = await manager.query(
      `SELECT local_date::text, load, rpe, sport, tags FROM sessions WHERE athlete_id = $1 AND NOT deleted ORDER BY local_date`,
      [athlete.id],
    );
    if (sessions.length === 0) {
      await manager.query(`DELETE FROM daily_metrics WHERE athlete_id = $1`, [athlete.id]);
      return 0;
    }
    const missing: { date: string }[] = await manager.query(
      `SELECT date::text FROM self_reports WHERE athlete_id = $1 AND did_not_wear_device`,
      [athlete.id],
    );
    const today = localDate(this.clock.now(), athlete.timezone);
    const first = sessions[0].local_date;
    const last = sessions[sessions.length - 1].local_date;
    const days = buildDailySeries(
      sessions.map((s) => ({ localDate: s.local_date, load: Number(s.load), isRecovery: isRecoverySession(s) })),
      { from: first, to: last > today ? last : today, missingDates: missing.map((m) => m.date) },
    );
    const metrics = computeDailyMetrics(days);
    const start = fromDate > first ? fromDate : first;
    const changed = metrics.filter((m) => m.date >= start);
    await this.upsertRows(manager, athlete.id, changed);
    // Days outside the series (e.g. the first session was deleted) have no metrics any more.
    await manager.query(`DELETE FROM daily_metrics WHERE athlete_id = $1 AND (date < $2 OR date > $3)`, [
      athlete.id,
      metrics[0].date,
      metrics[metrics.length - 1].date,
    ]);
    return changed.length;
  }

  private async upsertRows(manager: EntityManager, athleteId: string, rows: DailyMetrics[]): Promise<void> {
    const CHUNK = 2000;
    for (let i = 0; i < rows.length; i += CHUNK) {
      await manager.query(
        `INSERT INTO daily_metrics (athlete_id, algo_version, date, load, state, acute7, chronic28, acwr_rac, acwr_rau, acwr_ewma,
           ewma_acute, ewma_chronic, monotony, strain, ctl, atl, form, ramp, rest_day_ratio7, rest_day_ratio28, streak,
           week_over_week, coverage28)
         SELECT $1, $2, r.date, r.load, r.state, r."acute7", r."chronic28", r."acwrRac", r."acwrRau", r."acwrEwma",
           r."ewmaAcute", r."ewmaChronic", r.monotony, r.strain, r.ctl, r.atl, r.form, r.ramp, r."restDayRatio7",
           r."restDayRatio28", r.streak, r."weekOverWeek", r."coverage28"
         FROM jsonb_to_recordset($3::jsonb) AS r(date date, load float8, state text, "acute7" float8, "chronic28" float8,
           "acwrRac" float8, "acwrRau" float8, "acwrEwma" float8, "ewmaAcute" float8, "ewmaChronic" float8, monotony float8,
           strain float8, ctl float8, atl float8, form float8, ramp float8, "restDayRatio7" float8, "restDayRatio28" float8,
           streak int, "weekOverWeek" float8, "coverage28" int)
         ON CONFLICT (athlete_id, date) DO UPDATE SET algo_version = EXCLUDED.algo_version, load = EXCLUDED.load,
           state = EXCLUDED.state, acute7 = EXCLUDED.acute7, chronic28 = EXCLUDED.chronic28, acwr_rac = EXCLUDED.acwr_rac,
           acwr_rau = EXCLUDED.acwr_rau, acwr_ewma = EXCLUDED.acwr_ewma, ewma_acute = EXCLUDED.ewma_acute,
           ewma_chronic = EXCLUDED.ewma_chronic, monotony = EXCLUDED.monotony, strain = EXCLUDED.strain, ctl = EXCLUDED.ctl,
           atl = EXCLUDED.atl, form = EXCLUDED.form, ramp = EXCLUDED.ramp, rest_day_ratio7 = EXCLUDED.rest_day_ratio7,
           rest_day_ratio28 = EXCLUDED.rest_day_ratio28, streak = EXCLUDED.streak, week_over_week = EXCLUDED.week_over_week,
           coverage28 = EXCLUDED.coverage28, updated_at = now()`,
        [athleteId, ALGO_VERSION, JSON.stringify(rows.slice(i, i + CHUNK))],
      );
    }
  }
}
