import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Alert, AlertsQuery } from '@app/alerting';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { RosterService } from '@app/roster';
import { addDays, DailyMetrics, localDate, MetricsQuery } from '@app/training-load';
import { RECOVERY_LEAD_DAYS, recoveryBands, RecoveryDay, RecoveryReading } from './recovery-bands';

export const MAX_BOARD_DAYS = 731;

export interface BoardSession {
  id: string;
  date: string;
  startTime: string;
  sport: string | null;
  provider: string;
  durationS: number;
  rpe: number | null;
  load: number;
  loadMethod: string;
  /** No RPE and no calibration: the load is a scaled estimate, shown marked. */
  estimated: boolean;
  tags: string[];
}

export interface BoardSelfReport {
  date: string;
  wellness: Record<string, number> | null;
  backPain: number | null;
  backPainRegion: string | null;
  redFlags: string[];
  illness: boolean;
  didNotWearDevice: boolean;
}

export interface AthleteBoard {
  athlete: { id: string; name: string; teamId: string; timezone: string; lbpHistory: boolean };
  from: string;
  to: string;
  days: DailyMetrics[];
  recovery: RecoveryDay[];
  selfReports: BoardSelfReport[];
  sessions: BoardSession[];
  alerts: Alert[];
  summary: { estimatedShare: number | null; restDays28: number | null; currentStreak: number | null; longestStreak: number; sessions: number };
}

/** Everything the athlete page draws, in one round trip: metrics, recovery bands, reports, sessions, alerts. */
@Injectable()
export class AthleteBoardQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly roster: RosterService,
    private readonly metrics: MetricsQuery,
    private readonly alerts: AlertsQuery,
    private readonly clock: Clock,
  ) {}

  async forAthlete(athleteId: string, days = 180): Promise<AthleteBoard> {
    if (!Number.isInteger(days) || days < 7 || days > MAX_BOARD_DAYS) {
      throw new DomainError(ErrorCode.ValidationFailed, `days must be a whole number from 7 to ${MAX_BOARD_DAYS}`);
    }
    const athlete = await this.roster.requireAthlete(athleteId);
    const to = localDate(this.clock.now(), athlete.timezone);
    const from = addDays(to, -(days - 1));
    const [metrics, readings, selfReports, sessions, alerts] = await Promise.all([
      this.metrics.forAthlete(athleteId, from, to),
      this.recoveryReadings(athleteId, addDays(from, -RECOVERY_LEAD_DAYS), to),
      this.selfReports(athleteId, from, to),
      this.sessions(athleteId, from, to),
      this.alerts.list({ athleteId, limit: 200 }),
    ]);
    const last28 = metrics.days.slice(-28);
    const estimated = sessions.filter((s) => s.estimated).length;
    return {
      athlete: { id: athlete.id, name: athlete.name, teamId: athlete.teamId, timezone: athlete.timezone, lbpHistory: athlete.lbpHistory },
      from,
      to,
      days: metrics.days,
      recovery: recoveryBands(readings, from),
      selfReports,
      sessions,
      alerts,
      summary: {
        estimatedShare: sessions.length > 0 ? estimated / sessions.length : null,
        restDays28: last28.length > 0 ? last28.filter((d) => d.state === 'rest').length : null,
        currentStreak: metrics.days.at(-1)?.streak ?? null,
        longestStreak: metrics.days.reduce((max, d) => Math.max(max, d.streak), 0),
        sessions: sessions.length,
      },
    };
  }

  private recoveryReadings(athleteId: string, from: string, to: string): Promise<RecoveryReading[]> {
    // One reading per day: the first source that has each marker, as the recovery rule reads them.
    return this.dataSource.query(
      `SELECT date::text AS date, (array_agg(resting_hr) FILTER (WHERE resting_hr IS NOT NULL))[1] AS "restingHr",
         (array_agg(hrv_rmssd) FILTER (WHERE hrv_rmssd IS NOT NULL))[1] AS "hrvRmssd", (array_agg(sleep_s) FILTER (WHERE sleep_s IS NOT NULL))[1] AS "sleepS"
       FROM daily_recovery WHERE athlete_id = $1 AND date BETWEEN $2 AND $3 GROUP BY date ORDER BY date`,
      [athleteId, from, to],
    );
  }

  private selfReports(athleteId: string, from: string, to: string): Promise<BoardSelfReport[]> {
    return this.dataSource.query(
      `SELECT date::text AS date, wellness, back_pain AS "backPain", back_pain_region AS "backPainRegion", red_flags AS "redFlags", illness,
         did_not_wear_device AS "didNotWearDevice"
       FROM self_reports WHERE athlete_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date`,
      [athleteId, from, to],
    );
  }

  private sessions(athleteId: string, from: string, to: string): Promise<BoardSession[]> {
    return this.dataSource.query(
      `SELECT id, local_date::text AS date, start_time AS "startTime", sport, provider, duration_s AS "durationS", COALESCE(athlete_rpe, rpe) AS rpe,
         load, load_method AS "loadMethod", load_method = 'estimated' AS estimated, tags
       FROM sessions WHERE athlete_id = $1 AND NOT deleted AND local_date BETWEEN $2 AND $3 ORDER BY start_time DESC`,
      [athleteId, from, to],
    );
  }
}
