import { ratioOrNull } from './numbers';
import { trailingSums } from './rolling';

export const WEEK_DAYS = 7;

/**
 * Rolling week-over-week change as a fraction (0.351 = +35.1 %): (sum of the last 7 days − sum of the 7 before)
 * / sum of the 7 before. `null` until 14 days exist or when the earlier week sums to 0.
 */
export function weekOverWeekSeries(loads: readonly number[]): (number | null)[] {
  const sums = trailingSums(loads, WEEK_DAYS);
  return sums.map((current, t) => {
    const previous = t >= WEEK_DAYS ? sums[t - WEEK_DAYS] : null;
    if (current === null || previous === null) return null;
    return ratioOrNull(current - previous, previous);
  });
}
