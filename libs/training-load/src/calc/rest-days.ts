import type { DayState } from './types';

/**
 * Rest-day ratio per day: rest days / known days among the last `window` days (missing days are in neither).
 * Days before the first day do not exist, so early windows are partial. `null` when the window has no known day.
 */
export function restDayRatios(states: readonly DayState[], window: number): (number | null)[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  // One pass with two running counts (this runs for every day of every series).
  const out = new Array<number | null>(states.length);
  let rest = 0;
  let known = 0;
  for (let t = 0; t < states.length; t++) {
    const s = states[t];
    if (s === 'rest') rest++;
    if (s !== 'missing') known++;
    if (t >= window) {
      const old = states[t - window];
      if (old === 'rest') rest--;
      if (old !== 'missing') known--;
    }
    out[t] = known === 0 ? null : rest / known;
  }
  return out;
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
