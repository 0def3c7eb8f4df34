/**
 * Daily metric engine: one DailyMetrics row per input day, pure and causal (a row depends only on that day and
 * earlier days), O(n) in the number of days. science.md §2–§5, SPEC §4. Conventions, at a glance:
 *
 * - Input: a contiguous series of local calendar days (no gaps, no duplicates), load ≥ 0, state
 *   trained | rest | missing. Missing days count as load 0 in every sum, mean, EWMA, CTL and ATL (as
 *   TrainingPeaks, GoldenCheetah, intervals.icu) but are not "known" days; the output `load` of a missing day is 0.
 * - Trailing windows end today, today included. "History" = days since the first input day, today included.
 * - acute7 = mean L[t−6..t], null until 7 days exist. chronic28 = mean L[t−27..t], null until 28 days exist.
 * - acwrRac = acute7 / chronic28 (coupled, max 4.0). acwrRau = acute7 / mean L[t−27..t−7] (uncoupled, 21 days).
 * - ewmaAcute/ewmaChronic: E_t = λL_t + (1−λ)E_{t−1}, λ = 2/(N+1) (0.25, 0.068966); seed E_0 = L_0 (option:
 *   E_{−1} = 0). Reported from day 1. acwrEwma = ewmaAcute / ewmaChronic.
 * - All three ratios are null until 28 days of history AND ≥ 21 known days in the last 28; a zero denominator
 *   gives null. No value anywhere is NaN or ±Infinity: undefined values are null.
 * - monotony = mean / SD of L[t−6..t] (sample SD n−1; option population), missing days as 0; null until 7 days
 *   exist, when SD = 0, or when fewer than 5 of the 7 days are known. strain = 7-day sum × monotony.
 * - ctl/atl: X_t = X_{t−1} + k(L_t − X_{t−1}), k = 1−e^(−1/42), 1−e^(−1/7) (GoldenCheetah/intervals.icu;
 *   option TrainingPeaks k = 1/N); seeds 0 on the day before the first day.
 * - form on day t = CTL(t−1) − ATL(t−1) (TrainingPeaks/WKO and GoldenCheetah's default "SB tomorrow"); null on
 *   the first day unless a seed is given (then ctlSeed − atlSeed). ramp = CTL(t) − CTL(t−7), null until 7
 *   earlier days exist (with a seed, the seed day counts).
 * - restDayRatio7/28 = rest days / known days in the last 7/28 days (partial at the start; null if none known).
 * - streak = consecutive `trained` days ending today; a rest or missing day ends it.
 * - weekOverWeek = (sum L[t−6..t] − sum L[t−13..t−7]) / sum L[t−13..t−7] as a fraction (0.351 = +35.1 %);
 *   null until 14 days exist or when the earlier sum is 0.
 * - coverage28 = known (non-missing) days among the last 28 (0..28; partial at the start).
 */
import { loadWindows } from './acwr';
import { toDayNumber } from './dates';
import { ewmaSeries } from './ewma';
import { MONOTONY_DAYS, monotonySeries } from './monotony';
import { finiteOrNull, ratioOrNull } from './numbers';
import { resolveMetricOptions } from './options';
import { pmcSeries } from './pmc';
import { restDayRatios, trainingStreaks } from './rest-days';
import { trailingCounts } from './rolling';
import type { DailyMetrics, DayInput, DayState, MetricOptions } from './types';
import { weekOverWeekSeries } from './week-over-week';

/** Window of `coverage28` and `restDayRatio28`. */
export const COVERAGE_DAYS = 28;
/** Window of `restDayRatio7`. */
export const SHORT_REST_DAYS = 7;

const DAY_STATES: readonly DayState[] = ['trained', 'rest', 'missing'];

/**
 * Every metric for every day of `days` (see the conventions above). Throws a RangeError when the days are not
 * consecutive calendar days, a load is negative or not finite, a state is unknown, or an option is invalid.
 */
export function computeDailyMetrics(days: readonly DayInput[], options: Partial<MetricOptions> = {}): DailyMetrics[] {
  const opts = resolveMetricOptions(options);
  validateDays(days);
  const n = days.length;
  const states = days.map((d) => d.state);
  const loads = days.map((d) => (d.state === 'missing' ? 0 : d.load));
  const known = states.map((s) => s !== 'missing');

  const windows = loadWindows(loads, opts.acuteDays, opts.chronicDays);
  const ewmaAcute = ewmaSeries(loads, opts.acuteDays, opts.ewmaSeed);
  const ewmaChronic = ewmaSeries(loads, opts.chronicDays, opts.ewmaSeed);
  const knownInChronic = trailingCounts(known, opts.chronicDays);
  const coverage = trailingCounts(known, COVERAGE_DAYS);
  const monotony = monotonySeries(loads, trailingCounts(known, MONOTONY_DAYS), opts.monotonySd, opts.minKnownDaysForMonotony);
  const pmc = pmcSeries(loads, {
    form: opts.pmcForm,
    ctlDays: opts.ctlDays,
    atlDays: opts.atlDays,
    ctlSeed: opts.ctlSeed,
    atlSeed: opts.atlSeed,
  });
  const rest7 = restDayRatios(states, SHORT_REST_DAYS);
  const rest28 = restDayRatios(states, COVERAGE_DAYS);
  const streaks = trainingStreaks(states);
  const weekOverWeek = weekOverWeekSeries(loads);

  // RAC cannot exceed chronicDays/acuteDays (4.0): the acute days are part of the chronic window. Capping only
  // removes float error at that ceiling (e.g. 4.000000002 from denormal loads).
  const racCeiling = opts.chronicDays / opts.acuteDays;
  const rows: DailyMetrics[] = new Array<DailyMetrics>(n);
  for (let t = 0; t < n; t++) {
    const ratiosAllowed = t + 1 >= opts.warmupDays && knownInChronic[t] >= opts.minKnownDaysInChronic;
    const acute = windows.acute[t];
    rows[t] = {
      date: days[t].date,
      load: loads[t],
      state: states[t],
      acute7: finiteOrNull(acute),
      chronic28: finiteOrNull(windows.chronic[t]),
      acwrRac: ratiosAllowed ? atMost(ratioOrNull(acute, windows.chronic[t]), racCeiling) : null,
      acwrRau: ratiosAllowed ? ratioOrNull(acute, windows.chronicUncoupled[t]) : null,
      acwrEwma: ratiosAllowed ? ratioOrNull(ewmaAcute[t], ewmaChronic[t]) : null,
      ewmaAcute: finiteOrNull(ewmaAcute[t]),
      ewmaChronic: finiteOrNull(ewmaChronic[t]),
      monotony: finiteOrNull(monotony[t].monotony),
      strain: finiteOrNull(monotony[t].strain),
      ctl: finiteOrNull(pmc[t].ctl),
      atl: finiteOrNull(pmc[t].atl),
      form: finiteOrNull(pmc[t].form),
      ramp: finiteOrNull(pmc[t].ramp),
      restDayRatio7: rest7[t],
      restDayRatio28: rest28[t],
      streak: streaks[t],
      weekOverWeek: finiteOrNull(weekOverWeek[t]),
      coverage28: coverage[t],
    };
  }
  return rows;
}

function atMost(value: number | null, ceiling: number): number | null {
  return value === null ? null : Math.min(value, ceiling);
}

function validateDays(days: readonly DayInput[]): void {
  let previous = 0;
  for (let i = 0; i < days.length; i++) {
    const day = days[i];
    const dayNumber = toDayNumber(day.date);
    if (i > 0 && dayNumber !== previous + 1) {
      throw new RangeError(`days must be consecutive calendar days: ${days[i - 1].date} is followed by ${day.date}`);
    }
    previous = dayNumber;
    if (typeof day.load !== 'number' || !Number.isFinite(day.load) || day.load < 0) {
      throw new RangeError(`load on ${day.date} must be a finite number >= 0, got ${String(day.load)}`);
    }
    if (!DAY_STATES.includes(day.state)) {
      throw new RangeError(`state on ${day.date} must be one of ${DAY_STATES.join(', ')}, got ${String(day.state)}`);
    }
  }
}
