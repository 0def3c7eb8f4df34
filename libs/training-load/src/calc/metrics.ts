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
 * - Resumable: `metricsAfter` continues a series from stored rows (resume.ts); a full run is the same code with
 *   no history, so resumed and full runs perform the same float operations and agree bit for bit.
 */
import { loadWindowsFromSums } from './acwr';
import { toDayNumber } from './dates';
import { ewmaSeries } from './ewma';
import { MONOTONY_DAYS, monotonyColumns } from './monotony';
import { finiteOrNull, ratioOrNull } from './numbers';
import { resolveMetricOptions } from './options';
import { pmcSeries, RAMP_DAYS } from './pmc';
import { restDayRatios, trainingStreaks } from './rest-days';
import { runningSums, trailingCounts } from './rolling';
import type { DailyMetrics, DayInput, DayState, MetricOptions, MetricsCarry, ResumeRow } from './types';
import { WEEK_DAYS, weekOverWeekFromSums } from './week-over-week';

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
  return metricsAfter([], 0, days, opts).rows;
}

/** Rows and carry of the new days. */
export interface MetricsRun {
  rows: DailyMetrics[];
  carry: MetricsCarry[];
}

/**
 * The engine itself: metrics of `days`, which follow `historyDays` days of history whose last `prefix.length`
 * stored rows are `prefix` (validated by the caller; empty for a fresh series). The prefix rows sit in front of
 * the new days in every window; the running states (sums, EWMA, CTL/ATL, streak) continue from the prefix, with
 * exactly the float operations of a fresh run, so a resumed run is bit-identical to a full one.
 */
export function metricsAfter(
  prefix: readonly ResumeRow[],
  historyDays: number,
  days: readonly DayInput[],
  opts: MetricOptions,
): MetricsRun {
  const p = prefix.length;
  const n = days.length;
  const offset = historyDays - p; // history day of array index 0
  const last = p > 0 ? prefix[p - 1] : undefined;
  const states = p === 0 ? days.map((d) => d.state) : [...prefix.map((r) => r.state), ...days.map((d) => d.state)];
  const engineLoad = (d: { load: number; state: DayState }) => (d.state === 'missing' ? 0 : d.load);
  const loads = p === 0 ? days.map(engineLoad) : [...prefix.map(engineLoad), ...days.map(engineLoad)];
  const known = states.map((s) => s !== 'missing');
  const resume = (key: keyof MetricsCarry) => ({ offset, sums: prefix.map((r) => r[key]) });

  const acuteRun = runningSums(loads, opts.acuteDays, resume('acuteSum'));
  const chronicRun = runningSums(loads, opts.chronicDays, resume('chronicSum'));
  const priorDays = opts.chronicDays - opts.acuteDays;
  const priorRun = runningSums(loads, priorDays, resume('uncoupledSum'));
  const weekRun = runningSums(loads, WEEK_DAYS, resume('weekSum'));
  // The uncoupled window is its own rolling sum (shifted by acuteDays) rather than chronic − acute, so that a
  // zero window is exactly 0 and never a float residue that would give a huge ratio.
  const windows = loadWindowsFromSums(acuteRun, chronicRun, priorRun, opts.acuteDays, opts.chronicDays, offset);
  const weekOverWeek = weekOverWeekFromSums(weekRun, offset);
  const knownInChronic = trailingCounts(known, opts.chronicDays);
  const coverage = trailingCounts(known, COVERAGE_DAYS);
  const monotony = monotonyColumns(loads, trailingCounts(known, MONOTONY_DAYS), opts.monotonySd, opts.minKnownDaysForMonotony);
  const rest7 = restDayRatios(states, SHORT_REST_DAYS);
  const rest28 = restDayRatios(states, COVERAGE_DAYS);

  const newLoads = p === 0 ? loads : loads.slice(p);
  const ewmaAcute = ewmaSeries(newLoads, opts.acuteDays, opts.ewmaSeed, last && stateOf(last, 'ewmaAcute'));
  const ewmaChronic = ewmaSeries(newLoads, opts.chronicDays, opts.ewmaSeed, last && stateOf(last, 'ewmaChronic'));
  const pmc = pmcSeries(
    newLoads,
    { form: opts.pmcForm, ctlDays: opts.ctlDays, atlDays: opts.atlDays, ctlSeed: opts.ctlSeed, atlSeed: opts.atlSeed },
    last && { days: historyDays, ctls: prefix.slice(-RAMP_DAYS).map((r) => stateOf(r, 'ctl')), atl: stateOf(last, 'atl') },
  );
  const streaks = trainingStreaks(p === 0 ? states : states.slice(p), last?.streak ?? 0);

  // RAC cannot exceed chronicDays/acuteDays (4.0): the acute days are part of the chronic window. Capping only
  // removes float error at that ceiling (e.g. 4.000000002 from denormal loads).
  const racCeiling = opts.chronicDays / opts.acuteDays;
  const rows = new Array<DailyMetrics>(n);
  const carry = new Array<MetricsCarry>(n);
  for (let j = 0; j < n; j++) {
    const t = p + j; // index in the prefixed arrays
    const day = historyDays + j; // day of the whole history (0 = first day)
    const ratiosAllowed = day + 1 >= opts.warmupDays && knownInChronic[t] >= opts.minKnownDaysInChronic;
    const acute = windows.acute[t];
    rows[j] = {
      date: days[j].date,
      load: loads[t],
      state: states[t],
      acute7: finiteOrNull(acute),
      chronic28: finiteOrNull(windows.chronic[t]),
      acwrRac: ratiosAllowed ? atMost(ratioOrNull(acute, windows.chronic[t]), racCeiling) : null,
      acwrRau: ratiosAllowed ? ratioOrNull(acute, windows.chronicUncoupled[t]) : null,
      acwrEwma: ratiosAllowed ? ratioOrNull(ewmaAcute[j], ewmaChronic[j]) : null,
      ewmaAcute: finiteOrNull(ewmaAcute[j]),
      ewmaChronic: finiteOrNull(ewmaChronic[j]),
      monotony: finiteOrNull(monotony.monotony[t]),
      strain: finiteOrNull(monotony.strain[t]),
      ctl: finiteOrNull(pmc[j].ctl),
      atl: finiteOrNull(pmc[j].atl),
      form: finiteOrNull(pmc[j].form),
      ramp: finiteOrNull(pmc[j].ramp),
      restDayRatio7: rest7[t],
      restDayRatio28: rest28[t],
      streak: streaks[j],
      weekOverWeek: finiteOrNull(weekOverWeek[t]),
      coverage28: coverage[t],
    };
    carry[j] = { acuteSum: acuteRun[t], chronicSum: chronicRun[t], uncoupledSum: priorRun[t], weekSum: weekRun[t] };
  }
  return { rows, carry };
}

/** A running state of a stored row; a null one (never written for a finite series) cannot be resumed from. */
function stateOf(row: ResumeRow, key: 'ewmaAcute' | 'ewmaChronic' | 'ctl' | 'atl'): number {
  const value = row[key];
  if (value === null) throw new RangeError(`${key} on ${row.date} is null: the series cannot be resumed after that day`);
  return value;
}

function atMost(value: number | null, ceiling: number): number | null {
  return value === null ? null : Math.min(value, ceiling);
}

/** Throws a RangeError unless `days` are consecutive calendar days with finite loads ≥ 0 and known states. */
export function validateDays(days: readonly DayInput[]): void {
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
