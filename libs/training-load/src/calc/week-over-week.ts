import { ratioOrNull } from './numbers';
import { runningSums } from './rolling';

export const WEEK_DAYS = 7;

/**
 * Rolling week-over-week change as a fraction (0.351 = +35.1 %): (sum of the last 7 days − sum of the 7 before)
 * / sum of the 7 before. `null` until 14 days exist or when the earlier week sums to 0.
 */
export function weekOverWeekSeries(loads: readonly number[]): (number | null)[] {
  return weekOverWeekFromSums(runningSums(loads, WEEK_DAYS));
}

/** The same from the raw 7-day running sums (see `runningSums`); `offset` is the history day of index 0. */
export function weekOverWeekFromSums(sums: readonly number[], offset = 0): (number | null)[] {
  return sums.map((current, t) => {
    // both weeks are full from day 13 on (the earlier one ends on day t − 7 ≥ 6)
    if (offset + t < 2 * WEEK_DAYS - 1 || t < WEEK_DAYS) return null;
    const previous = sums[t - WEEK_DAYS];
    return ratioOrNull(current - previous, previous);
  });
}
