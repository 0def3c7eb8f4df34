import { toDayNumber, fromDayNumber } from './dates';
import type { DayInput, DayState } from './types';

/** A session reduced to what the daily series needs. */
export interface DailySessionLoad {
  /** The athlete's local calendar day of the session start, `YYYY-MM-DD`. */
  localDate: string;
  load: number;
  /** A recovery session (walk, yoga, mobility with RPE ≤ 2) does not make a day `trained`. */
  isRecovery?: boolean;
}

export interface SeriesRange {
  /** First day, `YYYY-MM-DD`, included. */
  from: string;
  /** Last day, `YYYY-MM-DD`, included. */
  to: string;
  /** Days with no data (daily-summary source silent, or "did not wear device"). They win over sessions. */
  missingDates?: Iterable<string>;
}

/**
 * Contiguous day series from `range.from` to `range.to` (both included), one entry per day, loads summed per
 * local day (several sessions on a day add up, as in GoldenCheetah's PMC).
 *
 * Day state (SPEC §4): `missing` when the date is in `missingDates` (missing wins, even over sessions: its load is
 * kept for display but the metric engine counts it as 0); otherwise `rest` when the load of the day's
 * NON-recovery sessions is ≤ `restThreshold` — which covers "no session", "total load ≤ threshold" and "only
 * recovery sessions"; otherwise `trained`. Sessions and missing dates outside the range are ignored.
 * A day's loads are added smallest first, so the order the sessions arrive in (a database gives none within a
 * day) cannot change the sum in its last bit, and a later recomputation gives the very same daily load.
 */
export function buildDailySeries(
  sessions: readonly DailySessionLoad[],
  range: SeriesRange,
  restThreshold = 0,
): DayInput[] {
  const start = toDayNumber(range.from);
  const end = toDayNumber(range.to);
  if (end < start) throw new RangeError(`range.to (${range.to}) is before range.from (${range.from})`);
  if (typeof restThreshold !== 'number' || !Number.isFinite(restThreshold) || restThreshold < 0) {
    throw new RangeError(`restThreshold must be a finite number >= 0, got ${String(restThreshold)}`);
  }
  const n = end - start + 1;
  const total: number[][] = Array.from({ length: n }, () => []);
  const training: number[][] = Array.from({ length: n }, () => []);
  const missing = new Array<boolean>(n).fill(false);

  for (const session of sessions) {
    const { load } = session;
    if (typeof load !== 'number' || !Number.isFinite(load) || load < 0) {
      throw new RangeError(`session load on ${String(session.localDate)} must be a finite number >= 0, got ${String(load)}`);
    }
    const i = toDayNumber(session.localDate) - start;
    if (i < 0 || i >= n) continue;
    total[i].push(load);
    if (session.isRecovery !== true) training[i].push(load);
  }
  for (const date of range.missingDates ?? []) {
    const i = toDayNumber(date) - start;
    if (i >= 0 && i < n) missing[i] = true;
  }

  const days: DayInput[] = [];
  for (let i = 0; i < n; i++) {
    const state: DayState = missing[i] ? 'missing' : sumSmallestFirst(training[i]) > restThreshold ? 'trained' : 'rest';
    days.push({ date: fromDayNumber(start + i), load: sumSmallestFirst(total[i]), state });
  }
  return days;
}

/** Sum in ascending order: the result depends only on the values, not on their order. */
function sumSmallestFirst(values: number[]): number {
  values.sort((a, b) => a - b);
  let sum = 0;
  for (const v of values) sum += v;
  return sum;
}
