/**
 * Small pure helpers shared by the rules: calendar windows on `RuleInput`, tolerant comparisons, rounding and
 * formatting with units, and the "could not judge" result. Windows are calendar windows ending on a given day
 * (that day included), selected by date, never by array position.
 */
import { addDays, daysBetween } from '../../../training-load/src/calc';
import type { MetricsDay, RuleInput, RuleNotTriggered, RuleSession } from './rule.types';

/** Tolerance of every threshold comparison: a float residue must not decide an alert. */
export const EPS = 1e-9;

/** value > threshold, forgiving float residue. */
export const above = (value: number, threshold: number): boolean => value > threshold + EPS;
/** value < threshold, forgiving float residue. */
export const below = (value: number, threshold: number): boolean => value < threshold - EPS;
/** value ≥ threshold, forgiving float residue. */
export const atLeast = (value: number, threshold: number): boolean => value >= threshold - EPS;

export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Rounded to `digits` decimals; null for null or a non-finite number (evidence never holds NaN/±Infinity). */
export function round(x: number | null | undefined, digits: number): number | null {
  if (!isFiniteNumber(x)) return null;
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Fixed decimals for messages ("1.62"); "n/a" for null. Never "-0". */
export function fmt(x: number | null | undefined, digits: number): string {
  if (!isFiniteNumber(x)) return 'n/a';
  const s = x.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** Hours as "6 h 58 min" (so that 6.96 h is not shown as a misleading "7.0 h"); "n/a" for null. */
export function fmtHours(h: number | null | undefined): string {
  if (!isFiniteNumber(h)) return 'n/a';
  const total = Math.round(h * 60);
  return `${Math.floor(total / 60)} h ${String(total % 60).padStart(2, '0')} min`;
}

/** A change as a signed percentage, e.g. 0.351 → "+35.1%". */
export function signedPercent(fraction: number, digits = 1): string {
  const s = fmt(fraction * 100, digits);
  return `${Number(s) > 0 ? '+' : ''}${s}%`;
}

/** The result of a rule that could not judge today, with the reason users see. */
export function suppressed(reason: string): RuleNotTriggered {
  return { triggered: false, suppressed: { reason } };
}

export const NOT_TRIGGERED: RuleNotTriggered = Object.freeze({ triggered: false as const });

/** Metric rows dated on or before `today`, oldest first. */
export function rowsUpToToday(input: RuleInput): MetricsDay[] {
  return input.days.filter((d) => d.date <= input.today);
}

/** Today's metric row, if the loader provided one. */
export function todayRow(input: RuleInput): MetricsDay | undefined {
  for (let i = input.days.length - 1; i >= 0; i--) {
    const d = input.days[i];
    if (d.date === input.today) return d;
  }
  return undefined;
}

/** The result every metric-based rule returns when there is no row for today. */
export function noRowForToday(input: RuleInput): RuleNotTriggered {
  return suppressed(`no daily metrics for ${input.today} yet`);
}

/**
 * Days of history up to today, today included, counted from the first row provided (the series start when the
 * series is shorter than the loaded window). 0 without rows.
 */
export function historyDays(input: RuleInput): number {
  const first = input.days.find((d) => d.date <= input.today);
  return first === undefined ? 0 : daysBetween(first.date, input.today) + 1;
}

/** Rows of the `n` calendar days ending on `end` (end included), oldest first; days without a row are absent. */
export function rowsInWindow(rows: readonly MetricsDay[], end: string, n: number): MetricsDay[] {
  const from = addDays(end, -(n - 1));
  return rows.filter((d) => d.date >= from && d.date <= end);
}

/** Sessions whose local date is in [from, to], sorted by start time. */
export function sessionsBetween(input: RuleInput, from: string, to: string): RuleSession[] {
  return input.sessions.filter((s) => s.localDate >= from && s.localDate <= to).sort((a, b) => startMs(a) - startMs(b));
}

/** Start instant in ms; falls back to noon UTC of the local date when the timestamp is unusable. */
export function startMs(s: RuleSession): number {
  const t = Date.parse(s.startTime);
  return Number.isFinite(t) ? t : Date.parse(`${s.localDate}T12:00:00Z`);
}

/** Linear-interpolation percentile (Excel PERCENTILE.INC / R type 7) of `values`, p in [0, 100]; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * (p / 100);
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (h - lo);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample SD (n − 1); null for fewer than 2 values. */
export function sampleSd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let s = 0;
  for (const v of values) s += (v - m) ** 2;
  return Math.sqrt(s / (values.length - 1));
}

/** "2026-03-02" or "2026-03-02 to 2026-03-08". */
export function dateSpan(from: string, to: string): string {
  return from === to ? from : `${from} to ${to}`;
}

/** "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
