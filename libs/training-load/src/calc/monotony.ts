import type { SdConvention } from './types';

/** Foster monotony and strain use a calendar week: the last 7 days, today included. */
export const MONOTONY_DAYS = 7;

/**
 * Foster 1998 monotony of one window: mean / SD (sample n−1 by default, or population n).
 * `null` when the SD is 0 (all values equal: monotony would be infinite) or fewer than 2 values.
 */
export function monotony(window: readonly number[], sd: SdConvention = 'sample'): number | null {
  return monotonyOfRange(window, 0, window.length, sd);
}

export interface MonotonyStrain {
  monotony: number | null;
  /** 7-day load sum × monotony; null when monotony is null. */
  strain: number | null;
}

/**
 * Monotony and strain for every day over the last 7 days (loads of missing days already 0).
 * Null until 7 days exist, or when fewer than `minKnownDays` of the 7 are known.
 * O(7·n): the window is fixed and tiny, and computing its SD directly (two-pass) keeps "SD = 0" exact, which a
 * running sum of squares cannot guarantee.
 */
export function monotonySeries(
  loads: readonly number[],
  knownInWeek: readonly number[],
  sd: SdConvention,
  minKnownDays: number,
): MonotonyStrain[] {
  const { monotony, strain } = monotonyColumns(loads, knownInWeek, sd, minKnownDays);
  return monotony.map((m, t) => ({ monotony: m, strain: strain[t] }));
}

/** `monotonySeries` as two columns, without an object per day (the engine's form). */
export function monotonyColumns(
  loads: readonly number[],
  knownInWeek: readonly number[],
  sd: SdConvention,
  minKnownDays: number,
): { monotony: (number | null)[]; strain: (number | null)[] } {
  const monotony = new Array<number | null>(loads.length);
  const strain = new Array<number | null>(loads.length);
  for (let t = 0; t < loads.length; t++) {
    const from = t - MONOTONY_DAYS + 1;
    if (from < 0 || knownInWeek[t] < minKnownDays) {
      monotony[t] = null;
      strain[t] = null;
      continue;
    }
    const m = monotonyOfRange(loads, from, t + 1, sd);
    let sum = 0;
    for (let i = from; i <= t; i++) sum += loads[i];
    monotony[t] = m;
    strain[t] = m === null ? null : sum * m;
  }
  return { monotony, strain };
}

function monotonyOfRange(values: readonly number[], from: number, to: number, sd: SdConvention): number | null {
  const n = to - from;
  if (n < 2) return null;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return null; // SD is exactly 0; the computed SD could be a rounding residue instead
  const mean = sum / n;
  let squares = 0;
  for (let i = from; i < to; i++) squares += (values[i] - mean) ** 2;
  const deviation = Math.sqrt(squares / (sd === 'sample' ? n - 1 : n));
  if (!(deviation > 0) || !Number.isFinite(deviation)) return null;
  const result = mean / deviation;
  return Number.isFinite(result) ? result : null;
}
