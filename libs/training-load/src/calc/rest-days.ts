import { trailingCounts } from './rolling';
import type { DayState } from './types';

/**
 * Rest-day ratio per day: rest days / known days among the last `window` days (missing days are in neither).
 * Days before the first day do not exist, so early windows are partial. `null` when the window has no known day.
 */
export function restDayRatios(states: readonly DayState[], window: number): (number | null)[] {
  const rest = trailingCounts(states.map((s) => s === 'rest'), window);
  const known = trailingCounts(states.map((s) => s !== 'missing'), window);
  return rest.map((r, t) => (known[t] === 0 ? null : r / known[t]));
}

/**
 * Consecutive `trained` days ending today (0 when today is not trained). A rest or a missing day ends a streak.
 * `previous` is the streak of the day before `states[0]` (a resumed series).
 */
export function trainingStreaks(states: readonly DayState[], previous = 0): number[] {
  const out = new Array<number>(states.length);
  let streak = previous;
  for (let t = 0; t < states.length; t++) {
    streak = states[t] === 'trained' ? streak + 1 : 0;
    out[t] = streak;
  }
  return out;
}
