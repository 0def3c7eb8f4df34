/**
 * Test fixtures for the rules (pure; used by the specs, not by production code): hand-made metric rows and a
 * `RuleInput` builder for table tests where each field is set directly rather than computed.
 */
import { addDays } from '../../../../training-load/src/calc';
import type { MetricsDay, RecoveryDay, RuleInput, RuleSession, SelfReportDay } from '../rule.types';
import { resolveThresholds } from '../thresholds';
import type { AlertThresholds } from '../thresholds';

/** A week with two rest days (days 2 and 6 of each week, counted from the first row). */
export const WEEK_PATTERN = [400, 300, 0, 400, 300, 500, 0] as const;

/** A plausible, calm metric row: nothing in it triggers a rule. */
export function row(date: string, overrides: Partial<MetricsDay> = {}): MetricsDay {
  return {
    date,
    load: 300,
    state: 'trained',
    acute7: 271,
    chronic28: 271,
    acwrRac: 1,
    acwrRau: 1,
    acwrEwma: 1,
    ewmaAcute: 271,
    ewmaChronic: 271,
    monotony: 1.37,
    strain: 2600,
    ctl: 271,
    atl: 271,
    form: 0,
    ramp: 0,
    restDayRatio7: 2 / 7,
    restDayRatio28: 8 / 28,
    streak: 1,
    weekOverWeek: 0,
    coverage28: 28,
    ...overrides,
  };
}

export interface InputSpec {
  today?: string;
  /** Number of metric rows ending today. Default 60. */
  n?: number;
  /** Overrides per row (i = 0 for the oldest row). */
  rows?: (date: string, i: number, n: number) => Partial<MetricsDay>;
  /** Overrides of today's row. */
  last?: Partial<MetricsDay>;
  sessions?: RuleSession[];
  selfReports?: SelfReportDay[];
  recovery?: RecoveryDay[];
  name?: string;
  lbpHistory?: boolean;
  thresholds?: Partial<AlertThresholds>;
}

export const TODAY = '2026-03-20';

/** A RuleInput whose rows follow WEEK_PATTERN (loads, states, streaks) with calm metrics, then the overrides. */
export function makeInput(spec: InputSpec = {}): RuleInput {
  const today = spec.today ?? TODAY;
  const n = spec.n ?? 60;
  const days: MetricsDay[] = [];
  let streak = 0;
  for (let i = 0; i < n; i++) {
    const date = addDays(today, i - n + 1);
    const load = WEEK_PATTERN[i % 7];
    streak = load > 0 ? streak + 1 : 0;
    days.push(row(date, { load, state: load > 0 ? 'trained' : 'rest', streak, coverage28: Math.min(28, i + 1), ...spec.rows?.(date, i, n) }));
  }
  if (spec.last && days.length > 0) days[days.length - 1] = { ...days[days.length - 1], ...spec.last };
  return {
    today,
    athlete: { name: spec.name ?? 'Sam Okafor', lbpHistory: spec.lbpHistory ?? false },
    days,
    sessions: spec.sessions ?? [],
    selfReports: spec.selfReports ?? [],
    recovery: spec.recovery ?? [],
    thresholds: resolveThresholds(spec.thresholds ?? {}),
  };
}

/** A session on `date` (start 17:00 UTC unless given). */
export function session(date: string, overrides: Partial<RuleSession> = {}): RuleSession {
  return {
    localDate: date,
    startTime: `${date}T17:00:00Z`,
    sport: 'WeightTraining',
    durationS: 3600,
    movingTimeS: 3600,
    distanceM: null,
    rpe: 7,
    load: 420,
    tags: [],
    exercises: [],
    ...overrides,
  };
}

/** A strength session with one exercise of `sets` × `reps` at `kg`. */
export function lift(date: string, name: string, sets: number, reps: number, kg: number, overrides: Partial<RuleSession> = {}): RuleSession {
  return session(date, { exercises: [{ name, sets: Array.from({ length: sets }, () => ({ reps, kg })) }], ...overrides });
}

export function run(date: string, km: number, overrides: Partial<RuleSession> = {}): RuleSession {
  return session(date, { sport: 'Run', distanceM: km * 1000, durationS: km * 330, movingTimeS: km * 330, load: km * 30, ...overrides });
}

export function report(date: string, overrides: Partial<SelfReportDay> = {}): SelfReportDay {
  return { date, wellness: null, backPain: null, backPainRegion: null, redFlags: [], illness: false, ...overrides };
}

export function recoveryDay(date: string, overrides: Partial<RecoveryDay> = {}): RecoveryDay {
  return { date, restingHr: null, hrvRmssd: null, sleepS: null, ...overrides };
}

/** Daily recovery readings for the `n` days ending on `today`, from per-day functions (i = 0 oldest). */
export function recoverySeries(
  today: string,
  n: number,
  f: (i: number, date: string) => Partial<RecoveryDay>,
): RecoveryDay[] {
  return Array.from({ length: n }, (_, i) => {
    const date = addDays(today, i - n + 1);
    return recoveryDay(date, f(i, date));
  });
}

/** A small deterministic wobble in [−1, 1] (no randomness in fixtures). */
export function wobble(i: number): number {
  return Math.sin(i * 1.7) * 0.6 + Math.sin(i * 0.31) * 0.4;
}
