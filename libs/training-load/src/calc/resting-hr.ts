/**
 * Resting-HR trend (science.md §6): 7-day mean morning/nightly resting HR against a 28-day baseline mean;
 * ≥ +5 bpm is the Polar guidance for concern (Oura: 3–5 bpm). RHR can also fall in parasympathetic
 * overtraining, so the delta is reported with its sign and only a rise is flagged.
 */
import { assertIntegerInRange } from './numbers';
import { meanOrNull, readingsByDay, recoveryWindows } from './recovery-readings';

export interface RestingHrReading {
  /** Local calendar day, `YYYY-MM-DD`; at most one reading per day. */
  date: string;
  /** Resting HR, bpm (> 0); null: no reading that day. */
  restingHr: number | null;
}

export interface RestingHrOptions {
  /** Rolling window, days. Default 7. */
  acuteDays: number;
  /** Baseline window, days, just before the rolling window (it excludes it). Default 28 (SPEC §4). */
  baselineDays: number;
  /** Readings needed in the rolling window. Default 3 (as for HRV). */
  minAcuteReadings: number;
  /** Readings needed in the baseline. Default 14: two weeks of a 28-day window (only a mean is estimated). */
  minBaselineReadings: number;
  /** Rise that raises the flag, bpm. Default 5. */
  flagDeltaBpm: number;
}

export const DEFAULT_RESTING_HR_OPTIONS: Readonly<RestingHrOptions> = Object.freeze({
  acuteDays: 7,
  baselineDays: 28,
  minAcuteReadings: 3,
  minBaselineReadings: 14,
  flagDeltaBpm: 5,
});

export interface RestingHrStatus {
  date: string;
  /** Mean resting HR of the rolling window; null with too few readings. */
  mean7: number | null;
  /** Mean resting HR of the baseline window; null with too few readings. */
  baselineMean: number | null;
  /** mean7 − baselineMean, bpm (negative: lower than usual). */
  delta: number | null;
  /** delta ≥ flagDeltaBpm; null when delta is null. */
  elevated: boolean | null;
  acuteReadings: number;
  baselineReadings: number;
}

/**
 * Resting-HR status on `date` (science.md §6 vector: baseline 48.07, 7-day 53.43 → +5.36 → flag).
 * The comparison forgives 1e-9 bpm so that a float residue (means 45.2 and 40.2 differ by 4.999999999999972) cannot decide it.
 * Throws a RangeError for a bad date, option, a non-positive HR or two readings on one day.
 */
export function restingHrStatus(readings: readonly RestingHrReading[], date: string, options: Partial<RestingHrOptions> = {}): RestingHrStatus {
  return restingHrStatusSeries(readings, options)(date);
}

/** The same status for many days: readings parsed and checked once (see lnRmssdStatusSeries). */
export function restingHrStatusSeries(readings: readonly RestingHrReading[], options: Partial<RestingHrOptions> = {}): (date: string) => RestingHrStatus {
  const opts: RestingHrOptions = { ...DEFAULT_RESTING_HR_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof RestingHrOptions, number | undefined][]) {
    if (value !== undefined) opts[key] = value;
  }
  assertIntegerInRange(opts.acuteDays, 1, 366, 'acuteDays');
  assertIntegerInRange(opts.baselineDays, 1, 3660, 'baselineDays');
  assertIntegerInRange(opts.minAcuteReadings, 1, opts.acuteDays, 'minAcuteReadings');
  assertIntegerInRange(opts.minBaselineReadings, 1, opts.baselineDays, 'minBaselineReadings');
  if (typeof opts.flagDeltaBpm !== 'number' || !Number.isFinite(opts.flagDeltaBpm)) {
    throw new RangeError(`flagDeltaBpm must be a finite number, got ${String(opts.flagDeltaBpm)}`);
  }
  const byDay = readingsByDay(readings, (r) => r.restingHr, (v) => Number.isFinite(v) && v > 0, 'resting HR');
  return (date) => statusOn(byDay, date, opts);
}

function statusOn(byDay: ReadonlyMap<number, number>, date: string, opts: RestingHrOptions): RestingHrStatus {
  const { acute, baseline } = recoveryWindows(byDay, date, opts.acuteDays, opts.baselineDays);
  const mean7 = acute.length >= opts.minAcuteReadings ? meanOrNull(acute) : null;
  const baselineMean = baseline.length >= opts.minBaselineReadings ? meanOrNull(baseline) : null;
  const delta = mean7 === null || baselineMean === null ? null : mean7 - baselineMean;
  return {
    date,
    mean7,
    baselineMean,
    delta,
    elevated: delta === null ? null : delta >= opts.flagDeltaBpm - 1e-9,
    acuteReadings: acute.length,
    baselineReadings: baseline.length,
  };
}
