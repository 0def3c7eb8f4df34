import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Athlete, Team } from '@app/roster';
import { addDays } from '@app/training-load';
import { AlertThresholds, DEFAULT_THRESHOLDS, resolveThresholds, RULE_INPUT_WINDOWS, RuleInput } from './rules';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Rows with an athlete_id column, grouped by it (the column dropped), in their order. */
function byAthlete(rows: Record<string, unknown>[]): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const { athlete_id, ...row } of rows) {
    const list = out.get(athlete_id as string);
    if (list) list.push(row);
    else out.set(athlete_id as string, [row]);
  }
  return out;
}

/** Reads what the rules judge for one athlete on one day (the windows the rules declare), inside a transaction. */
@Injectable()
export class RuleInputLoader {
  private readonly logger = new Logger(RuleInputLoader.name);

  async load(manager: EntityManager, athlete: Athlete, today: string): Promise<RuleInput> {
    return (await this.loadMany(manager, [{ athlete, today }])).get(athlete.id) as RuleInput;
  }

  /**
   * `load` for many athletes (each on its own today): one query per input kind for all of them, in one
   * transaction. One after another: inside a transaction all queries share one connection.
   */
  async loadMany(manager: EntityManager, requests: { athlete: Athlete; today: string }[]): Promise<Map<string, RuleInput>> {
    const out = new Map<string, RuleInput>();
    if (requests.length === 0) return out;
    const window = (days: number) => [requests.map((r) => r.athlete.id), requests.map((r) => addDays(r.today, -days)), requests.map((r) => r.today)];
    const JOIN = `JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS w(athlete_id, since, today) ON w.athlete_id = x.athlete_id`;
    const days = await manager.query(
      `SELECT x.athlete_id, x.date::text AS date, load, state, acute7 AS "acute7", chronic28 AS "chronic28", acwr_rac AS "acwrRac", acwr_rau AS "acwrRau",
         acwr_ewma AS "acwrEwma", ewma_acute AS "ewmaAcute", ewma_chronic AS "ewmaChronic", monotony, strain, ctl, atl, form, ramp,
         rest_day_ratio7 AS "restDayRatio7", rest_day_ratio28 AS "restDayRatio28", streak, week_over_week AS "weekOverWeek", coverage28 AS "coverage28"
       FROM daily_metrics x ${JOIN} WHERE x.date BETWEEN w.since AND w.today ORDER BY x.athlete_id, x.date`,
      window(RULE_INPUT_WINDOWS.metricsDays),
    );
    const sessions = await manager.query(
      `SELECT x.athlete_id, local_date::text AS "localDate", start_time AS "startTime", sport, duration_s AS "durationS", moving_time_s AS "movingTimeS",
         distance_m AS "distanceM", COALESCE(athlete_rpe, rpe) AS rpe, load, tags, COALESCE(exercises, '[]'::jsonb) AS exercises
       FROM sessions x ${JOIN} WHERE NOT x.deleted AND x.local_date BETWEEN w.since AND w.today ORDER BY x.athlete_id, x.start_time`,
      window(RULE_INPUT_WINDOWS.sessionDays),
    );
    const reports = await manager.query(
      `SELECT x.athlete_id, x.date::text AS date, wellness, back_pain AS "backPain", back_pain_region AS "backPainRegion", red_flags AS "redFlags", illness
       FROM self_reports x ${JOIN} WHERE x.date BETWEEN w.since AND w.today ORDER BY x.athlete_id, x.date`,
      window(RULE_INPUT_WINDOWS.selfReportDays),
    );
    // One source per day: the first that has each marker (platforms rarely overlap for one athlete).
    const recovery = await manager.query(
      `SELECT x.athlete_id, x.date::text AS date, (array_agg(resting_hr) FILTER (WHERE resting_hr IS NOT NULL))[1] AS "restingHr",
         (array_agg(hrv_rmssd) FILTER (WHERE hrv_rmssd IS NOT NULL))[1] AS "hrvRmssd", (array_agg(sleep_s) FILTER (WHERE sleep_s IS NOT NULL))[1] AS "sleepS"
       FROM daily_recovery x ${JOIN} WHERE x.date BETWEEN w.since AND w.today GROUP BY x.athlete_id, x.date ORDER BY x.athlete_id, x.date`,
      window(RULE_INPUT_WINDOWS.recoveryDays),
    );
    const teams = await manager.findBy(Team, { id: In([...new Set(requests.map((r) => r.athlete.teamId))]) });
    const teamOf = new Map(teams.map((t) => [t.id, t]));
    const [daysOf, sessionsOf, reportsOf, recoveryOf] = [days, sessions, reports, recovery].map(byAthlete);
    for (const { athlete, today } of requests) {
      out.set(athlete.id, {
        today,
        athlete: { name: athlete.name, lbpHistory: athlete.lbpHistory },
        days: (daysOf.get(athlete.id) ?? []) as unknown as RuleInput['days'],
        sessions: (sessionsOf.get(athlete.id) ?? []).map((s) => ({
          ...s,
          startTime: new Date(s.startTime as string).toISOString(),
          rpe: num(s.rpe),
          load: num(s.load),
          distanceM: num(s.distanceM),
        })) as unknown as RuleInput['sessions'],
        selfReports: (reportsOf.get(athlete.id) ?? []) as unknown as RuleInput['selfReports'],
        recovery: (recoveryOf.get(athlete.id) ?? []).map((r) => ({ date: r.date as string, restingHr: num(r.restingHr), hrvRmssd: num(r.hrvRmssd), sleepS: num(r.sleepS) })),
        thresholds: this.thresholds(teamOf.get(athlete.teamId) ?? null),
      });
    }
    return out;
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
