import { MONOTONY_DAYS } from './monotony';
import { assertIntegerInRange, assertNonNegativeFinite } from './numbers';
import type { MetricOptions } from './types';

/** SPEC §4 defaults. */
export const DEFAULT_METRIC_OPTIONS: Readonly<MetricOptions> = Object.freeze({
  acuteDays: 7,
  chronicDays: 28,
  ewmaSeed: 'first',
  monotonySd: 'sample',
  pmcForm: 'exponential',
  ctlDays: 42,
  atlDays: 7,
  warmupDays: 28,
  minKnownDaysInChronic: 21,
  minKnownDaysForMonotony: 5,
});

const MAX_WINDOW_DAYS = 3660;

/** Defaults overlaid with the given options (`undefined` values keep the default); throws a RangeError on a bad value. */
export function resolveMetricOptions(options: Partial<MetricOptions> = {}): MetricOptions {
  const merged: MetricOptions = { ...DEFAULT_METRIC_OPTIONS };
  for (const [key, value] of Object.entries(options) as [keyof MetricOptions, unknown][]) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  assertIntegerInRange(merged.acuteDays, 1, MAX_WINDOW_DAYS, 'acuteDays');
  assertIntegerInRange(merged.chronicDays, merged.acuteDays + 1, MAX_WINDOW_DAYS, 'chronicDays (must exceed acuteDays)');
  assertIntegerInRange(merged.warmupDays, 1, MAX_WINDOW_DAYS, 'warmupDays');
  assertIntegerInRange(merged.minKnownDaysInChronic, 0, merged.chronicDays, 'minKnownDaysInChronic');
  assertIntegerInRange(merged.minKnownDaysForMonotony, 0, MONOTONY_DAYS, 'minKnownDaysForMonotony');
  for (const key of ['ctlDays', 'atlDays'] as const) {
    const v = merged[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > MAX_WINDOW_DAYS) {
      throw new RangeError(`${key} must be a number in [1, ${MAX_WINDOW_DAYS}], got ${String(v)}`);
    }
  }
  if (merged.ctlSeed !== undefined) assertNonNegativeFinite(merged.ctlSeed, 'ctlSeed');
  if (merged.atlSeed !== undefined) assertNonNegativeFinite(merged.atlSeed, 'atlSeed');
  assertOneOf(merged.ewmaSeed, ['first', 'zero'], 'ewmaSeed');
  assertOneOf(merged.monotonySd, ['sample', 'population'], 'monotonySd');
  assertOneOf(merged.pmcForm, ['exponential', 'trainingpeaks'], 'pmcForm');
  return merged;
}

function assertOneOf(value: unknown, allowed: readonly string[], what: string): void {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new RangeError(`${what} must be one of ${allowed.join(', ')}, got ${String(value)}`);
  }
}
