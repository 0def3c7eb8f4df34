/**
 * A pure season builder for scenario tests and demos: describe each day (sessions, or a bare load; a self-report;
 * recovery readings), get the engine's metric rows (`computeDailyMetrics`) and a `RuleInput` for any day, windowed
 * exactly as the service loads it (RULE_INPUT_WINDOWS).
 */
import { addDays, computeDailyMetrics } from '../../../../training-load/src/calc';
import type { DayInput, DayState, MetricOptions } from '../../../../training-load/src/calc';
import { RULE_INPUT_WINDOWS } from '../index';
import type { MetricsDay, RecoveryDay, RuleAthlete, RuleInput, RuleSession, SelfReportDay } from '../rule.types';
import { resolveThresholds } from '../thresholds';
import type { AlertThresholds } from '../thresholds';

export interface SeasonDay {
  /** Sessions of the day (their `localDate` is set to the day; `startTime` defaults to 17:00 UTC + 2 h per session). */
  sessions?: Partial<RuleSession>[];
  /** The day's load when no sessions are given (or to override their sum). */
  load?: number;
  /** Default: `trained` when the load is > 0, else `rest`. */
  state?: DayState;
  selfReport?: Partial<Omit<SelfReportDay, 'date'>>;
  recovery?: Partial<Omit<RecoveryDay, 'date'>>;
}

export interface SeasonSpec {
  start: string;
  athlete: RuleAthlete;
  days: readonly SeasonDay[];
  metricOptions?: Partial<MetricOptions>;
  thresholds?: Partial<AlertThresholds>;
}

export interface Season {
  dates: string[];
  rows: MetricsDay[];
  sessions: RuleSession[];
  selfReports: SelfReportDay[];
  recovery: RecoveryDay[];
  /** The RuleInput of `date` as the service would load it (built once per date, then shared). */
  inputFor(date: string): RuleInput;
}

export function buildSeason(spec: SeasonSpec): Season {
  const dates = spec.days.map((_, i) => addDays(spec.start, i));
  const sessions: RuleSession[] = [];
  const selfReports: SelfReportDay[] = [];
  const recovery: RecoveryDay[] = [];
  const inputs: DayInput[] = spec.days.map((d, i) => {
    const date = dates[i];
    let sum = 0;
    (d.sessions ?? []).forEach((s, k) => {
      const full: RuleSession = {
        sport: null,
        durationS: null,
        movingTimeS: null,
        distanceM: null,
        rpe: null,
        load: 0,
        tags: [],
        exercises: [],
        ...s,
        localDate: date,
        startTime: s.startTime ?? `${date}T${String(17 + 2 * k).padStart(2, '0')}:00:00Z`,
      };
      sum += full.load ?? 0;
      sessions.push(full);
    });
    if (d.selfReport) selfReports.push({ wellness: null, backPain: null, backPainRegion: null, redFlags: [], illness: false, ...d.selfReport, date });
    if (d.recovery) recovery.push({ restingHr: null, hrvRmssd: null, sleepS: null, ...d.recovery, date });
    const load = d.load ?? sum;
    return { date, load, state: d.state ?? (load > 0 ? 'trained' : 'rest') };
  });
  const rows = computeDailyMetrics(inputs, spec.metricOptions ?? {});
  const thresholds = resolveThresholds(spec.thresholds ?? {});
  const w = RULE_INPUT_WINDOWS;
  const from = (date: string, n: number) => addDays(date, -(n - 1));
  const built = new Map<string, RuleInput>();
  return {
    dates,
    rows,
    sessions,
    selfReports,
    recovery,
    inputFor(date: string): RuleInput {
      const hit = built.get(date);
      if (hit) return hit;
      const input: RuleInput = {
        today: date,
        athlete: spec.athlete,
        days: rows.filter((r) => r.date >= from(date, w.metricsDays) && r.date <= date),
        sessions: sessions.filter((s) => s.localDate >= from(date, w.sessionDays) && s.localDate <= date),
        selfReports: selfReports.filter((r) => r.date >= from(date, w.selfReportDays) && r.date <= date),
        recovery: recovery.filter((r) => r.date >= from(date, w.recoveryDays) && r.date <= date),
        thresholds,
      };
      built.set(date, input);
      return input;
    },
  };
}
