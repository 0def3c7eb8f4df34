import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Athlete, Team } from '@app/roster';
import { addDays } from '@app/training-load';
import { AlertThresholds, DEFAULT_THRESHOLDS, resolveThresholds, RULE_INPUT_WINDOWS, RuleInput } from './rules';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Reads what the rules judge for one athlete on one day (the windows the rules declare), inside a transaction. */
@Injectable()
export class RuleInputLoader {
  private readonly logger = new Logger(RuleInputLoader.name);

  async load(manager: EntityManager, athlete: Athlete, today: string): Promise<RuleInput> {
    const since = (days: number) => addDays(today, -days);
    // One after another: inside a transaction all queries share one connection (pg does not run them in parallel).
    const days: unknown[] = await manager.query(
        `SELECT date::text AS date, load, state, acute7 AS "acute7", chronic28 AS "chronic28", acwr_rac AS "acwrRac", acwr_rau AS "acwrRau",
           acwr_ewma AS "acwrEwma", ewma_acute AS "ewmaAcute", ewma_chronic AS "ewmaChronic", monotony, strain, ctl, atl, form, ramp,
           rest_day_ratio7 AS "restDayRatio7", rest_day_ratio28 AS "restDayRatio28", streak, week_over_week AS "weekOverWeek", coverage28 AS "coverage28"
         FROM daily_metrics WHERE athlete_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date`,
        [athlete.id, since(RULE_INPUT_WINDOWS.metricsDays), today],
      );
    const sessions: unknown[] = await manager.query(
        `SELECT local_date::text AS "localDate", start_time AS "startTime", sport, duration_s AS "durationS", moving_time_s AS "movingTimeS",
           distance_m AS "distanceM", COALESCE(athlete_rpe, rpe) AS rpe, load, tags, COALESCE(exercises, '[]'::jsonb) AS exercises
         FROM sessions WHERE athlete_id = $1 AND NOT deleted AND local_date BETWEEN $2 AND $3 ORDER BY start_time`,
        [athlete.id, since(RULE_INPUT_WINDOWS.sessionDays), today],
      );
    const reports: unknown[] = await manager.query(
        `SELECT date::text AS date, wellness, back_pain AS "backPain", back_pain_region AS "backPainRegion", red_flags AS "redFlags", illness
         FROM self_reports WHERE athlete_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date`,
        [athlete.id, since(RULE_INPUT_WINDOWS.selfReportDays), today],
      );
    // One source per day: the first that has each marker (platforms rarely overlap for one athlete).
    const recovery: unknown[] = await manager.query(
        `SELECT date::text AS date, (array_agg(resting_hr) FILTER (WHERE resting_hr IS NOT NULL))[1] AS "restingHr",
           (array_agg(hrv_rmssd) FILTER (WHERE hrv_rmssd IS NOT NULL))[1] AS "hrvRmssd", (array_agg(sleep_s) FILTER (WHERE sleep_s IS NOT NULL))[1] AS "sleepS"
         FROM daily_recovery WHERE athlete_id = $1 AND date BETWEEN $2 AND $3 GROUP BY date ORDER BY date`,
        [athlete.id, since(RULE_INPUT_WINDOWS.recoveryDays), today],
      );
    const team = await manager.findOneBy(Team, { id: athlete.teamId });
    return {
      today,
      athlete: { name: athlete.name, lbpHistory: athlete.lbpHistory },
      days: days as RuleInput['days'],
      sessions: (sessions as Record<string, unknown>[]).map((s) => ({
        ...s,
        startTime: new Date(s.startTime as string).toISOString(),
        rpe: num(s.rpe),
        load: num(s.load),
        distanceM: num(s.distanceM),
      })) as unknown as RuleInput['sessions'],
      selfReports: reports as RuleInput['selfReports'],
      recovery: (recovery as Record<string, unknown>[]).map((r) => ({ date: r.date as string, restingHr: num(r.restingHr), hrvRmssd: num(r.hrvRmssd), sleepS: num(r.sleepS) })),
      thresholds: this.thresholds(team),
    };
  }

  /** The team's overrides over the defaults; overrides that no longer validate fall back to the defaults, loudly. */
  thresholds(team: Team | null): AlertThresholds {
    try {
      return resolveThresholds((team?.alertThresholds ?? {}));
    } catch (error) {
      this.logger.warn(`team ${team?.id}: invalid alert thresholds (${(error as Error).message}); using the defaults`);
      return DEFAULT_THRESHOLDS;
    }
  }
}
