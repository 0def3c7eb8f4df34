/**
 * Daily recovery readings (one value per local day, e.g. morning rMSSD or resting HR) and the windows the
 * recovery baselines read. Windows are calendar days ending on a given day; days without a reading are skipped.
 */
import { toDayNumber } from './dates';

export interface RecoveryWindows {
  /** Readings of the `acuteDays` days ending on the day (today included). */
  acute: number[];
  /** Readings of the `baselineDays` days before the acute window. */
  baseline: number[];
}

/**
 * Values by day number. `value` picks the reading of a row (null: no reading that day). Throws a RangeError
 * for a bad date, a second reading on the same day (the caller picks one source per day: mixing a nightly
 * ring average with a morning chest-strap reading is not one measurement) or a value `valid` rejects.
 */
export function readingsByDay<T extends { date: string }>(
  rows: readonly T[],
  value: (row: T) => number | null | undefined,
  valid: (v: number) => boolean,
  what: string,
): Map<number, number> {
  if (!Array.isArray(rows)) throw new RangeError(`${what} readings must be an array`);
  const byDay = new Map<number, number>();
  for (const row of rows) {
    const day = toDayNumber(row.date);
    const v = value(row);
    if (v === null || v === undefined) continue;
    if (typeof v !== 'number' || !valid(v)) throw new RangeError(`${what} on ${row.date} is not a valid reading: ${String(v)}`);
    if (byDay.has(day)) throw new RangeError(`two ${what} readings on ${row.date}: give one per day`);
    byDay.set(day, v);
  }
  return byDay;
}

/**
 * The acute window (the `acuteDays` days ending on `date`) and the baseline window (the `baselineDays` days
 * before it). The baseline excludes the acute days: a sustained change must not pull its own reference along
 * (the coupling Lolli 2019 criticises in ACWR), and science.md §6's HRV vector is computed that way.
 */
export function recoveryWindows(byDay: ReadonlyMap<number, number>, date: string, acuteDays: number, baselineDays: number): RecoveryWindows {
  const end = toDayNumber(date);
  const acute: number[] = [];
  const baseline: number[] = [];
  for (let day = end - acuteDays - baselineDays + 1; day <= end; day++) {
    const v = byDay.get(day);
    if (v === undefined) continue;
    (day > end - acuteDays ? acute : baseline).push(v);
  }
  return { acute, baseline };
}

/** Arithmetic mean; null for no values. */
export function meanOrNull(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (n − 1, two-pass); null for fewer than 2 values; exactly 0 when all values are equal. */
export function sampleSdOrNull(values: readonly number[]): number | null {
  const mean = meanOrNull(values);
  if (mean === null || values.length < 2) return null;
  // equal values can average to a mean an ulp off, which would leave a residue SD instead of an exact 0
  if (values.every((v) => v === values[0])) return 0;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
