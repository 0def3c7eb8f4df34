/**
 * Resumable metrics (SPEC §4: "incremental recomputation from the changed day forward must give exactly the same
 * numbers as a full recomputation"). The worker recomputes from a changed day d with a `ResumeContext` built from
 * the rows it stored for the days before d, instead of reading the whole history.
 *
 * What the days from d on need from before d, and where it is stored:
 * - loads and states of the last N = resumeWindowDays(options) days (trailing windows, counts, monotony):
 *   `load`, `state` of the stored rows;
 * - the running window sums of the last day, the uncoupled sums of the last `acuteDays` days and the 7-day sums
 *   of the last 7 days: the carry (`acuteSum`, `chronicSum`, `uncoupledSum`, `weekSum`). They are NOT derivable
 *   from `acute7` & co.: a running sum carries the rounding of the whole history (e.g. of a 1e6 day 40 days ago),
 *   and sum/7·7 does not give the sum back, so re-adding the window would differ in the last bits (and, after
 *   huge loads, by more). Carrying the raw sums makes a resumed run bit-identical;
 * - EWMA acute/chronic, CTL, ATL and streak of the last day, CTL of the last 7 days (ramp): stored row fields;
 * - the day number of d in the whole history (warm-up counts from the first day): `historyDays`.
 * The options must be those that produced the stored rows.
 */
import { addDays, toDayNumber } from './dates';
import { COVERAGE_DAYS, metricsAfter, SHORT_REST_DAYS, validateDays } from './metrics';
import { MONOTONY_DAYS } from './monotony';
import { assertIntegerInRange } from './numbers';
import { resolveMetricOptions } from './options';
import { RAMP_DAYS } from './pmc';
import type { DailyMetrics, DayInput, DayState, MetricOptions, ResumeContext, ResumeRow, StoredDailyMetrics } from './types';
import { WEEK_DAYS } from './week-over-week';

const CARRIED_STATES = ['acuteSum', 'chronicSum', 'uncoupledSum', 'weekSum', 'ewmaAcute', 'ewmaChronic', 'ctl', 'atl'] as const;

/** The context of a series' first day: resuming from it is computing from scratch. */
export const EMPTY_RESUME_CONTEXT: ResumeContext = Object.freeze({ historyDays: 0, rows: Object.freeze([]) });

const MAX_HISTORY_DAYS = 3_660_000;
const DAY_STATES: readonly DayState[] = ['trained', 'rest', 'missing'];

/**
 * Days of stored rows before d that a resumed run reads: the longest trailing window among chronic (28),
 * coverage/rest-ratio (28), week-over-week (7), monotony (7) and ramp (7). The uncoupled window looks back
 * `acuteDays` + (chronic − acute) = chronicDays days, and the weeks of week-over-week 7 + 7, but both resume
 * from the carried sums, so neither needs more days than its own window. Defaults: 28.
 */
export function resumeWindowDays(options: Partial<MetricOptions> = {}): number {
  const opts = resolveMetricOptions(options);
  return Math.max(opts.chronicDays, opts.acuteDays, COVERAGE_DAYS, SHORT_REST_DAYS, WEEK_DAYS, MONOTONY_DAYS, RAMP_DAYS);
}

/**
 * The context for resuming right after `stored` (rows ending on the day before d, oldest first). `historyDays`
 * is the number of days from the series' first day to d (d − first day); by default `stored` is the whole
 * history. Only the last resumeWindowDays(options) rows are kept.
 */
export function resumeContext(
  stored: readonly ResumeRow[],
  options: Partial<MetricOptions> = {},
  historyDays: number = stored.length,
): ResumeContext {
  assertIntegerInRange(historyDays, 0, MAX_HISTORY_DAYS, 'historyDays');
  const needed = Math.min(historyDays, resumeWindowDays(options));
  if (stored.length < needed) {
    throw new RangeError(`resuming after ${historyDays} days needs the last ${needed} stored rows, got ${stored.length}`);
  }
  return { historyDays, rows: stored.slice(stored.length - needed).map(pickResumeRow) };
}

/**
 * Metrics of `days` (the days from d on, consecutive, starting the day after the context's last row) as if the
 * whole history had been computed: equal, bit for bit, to `computeDailyMetrics(history ++ days).slice(-days.length)`.
 */
export function computeDailyMetricsFrom(
  context: ResumeContext,
  days: readonly DayInput[],
  options: Partial<MetricOptions> = {},
): DailyMetrics[] {
  return resume(context, days, options).rows;
}

/**
 * Like `computeDailyMetricsFrom`, with the carry of every new day beside its metrics: the rows the worker stores,
 * so that any later day can be resumed from them. Throws a RangeError when a state to carry is not finite (only
 * loads near 1e308 can overflow a running sum; such a series cannot be resumed).
 */
export function computeStoredMetricsFrom(
  context: ResumeContext,
  days: readonly DayInput[],
  options: Partial<MetricOptions> = {},
): StoredDailyMetrics[] {
  const { rows, carry } = resume(context, days, options);
  return rows.map((row, i) => {
    const stored = { ...row, ...carry[i] };
    for (const key of CARRIED_STATES) {
      const value = stored[key];
      if (value === null || !Number.isFinite(value)) {
        throw new RangeError(`${key} on ${row.date} is not finite: the loads are too large to store a resumable state`);
      }
    }
    return stored;
  });
}

/** Metrics and carry of a whole series from its first day (a full recompute that the worker can store). */
export function computeStoredMetrics(days: readonly DayInput[], options: Partial<MetricOptions> = {}): StoredDailyMetrics[] {
  return computeStoredMetricsFrom(EMPTY_RESUME_CONTEXT, days, options);
}

function resume(context: ResumeContext, days: readonly DayInput[], options: Partial<MetricOptions>) {
  const opts = resolveMetricOptions(options);
  validateDays(days);
  const prefix = validateContext(context, resumeWindowDays(opts));
  if (prefix.length > 0 && days.length > 0) {
    const expected = addDays(prefix[prefix.length - 1].date, 1);
    if (days[0].date !== expected) {
      throw new RangeError(`the resumed days must start on ${expected} (the day after the context), got ${days[0].date}`);
    }
  }
  return metricsAfter(prefix, context.historyDays, days, opts);
}

/** The last rows the engine reads, after checking them; throws a RangeError on an unusable context. */
function validateContext(context: ResumeContext, windowDays: number): ResumeRow[] {
  assertIntegerInRange(context.historyDays, 0, MAX_HISTORY_DAYS, 'context.historyDays');
  if (!Array.isArray(context.rows)) throw new RangeError('context.rows must be an array');
  const needed = Math.min(context.historyDays, windowDays);
  if (context.rows.length < needed || context.rows.length > context.historyDays) {
    throw new RangeError(
      `context.rows must hold the last ${needed} (at most ${context.historyDays}) days before the resume day, got ${context.rows.length}`,
    );
  }
  const rows = context.rows.slice(context.rows.length - needed);
  let previous = 0;
  rows.forEach((row, i) => {
    const day = toDayNumber(row.date);
    if (i > 0 && day !== previous + 1) throw new RangeError(`context rows must be consecutive days: ${rows[i - 1].date}, ${row.date}`);
    previous = day;
    if (!DAY_STATES.includes(row.state)) throw new RangeError(`context state on ${row.date} is not a day state: ${String(row.state)}`);
    for (const key of ['load', 'acuteSum', 'chronicSum', 'uncoupledSum', 'weekSum', 'ewmaAcute', 'ewmaChronic', 'ctl', 'atl'] as const) {
      const v = row[key];
      // A running sum, load, EWMA or CTL/ATL is never negative in a series of loads ≥ 0.
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
        throw new RangeError(`context ${key} on ${row.date} must be a finite number >= 0, got ${String(v)}`);
      }
    }
    assertIntegerInRange(row.streak, 0, context.historyDays, `context streak on ${row.date}`);
  });
  return rows;
}

/** Only the fields the engine reads (a stored row may carry more). */
function pickResumeRow(row: ResumeRow): ResumeRow {
  const { date, load, state, ewmaAcute, ewmaChronic, ctl, atl, streak, acuteSum, chronicSum, uncoupledSum, weekSum } = row;
  return { date, load, state, ewmaAcute, ewmaChronic, ctl, atl, streak, acuteSum, chronicSum, uncoupledSum, weekSum };
}
