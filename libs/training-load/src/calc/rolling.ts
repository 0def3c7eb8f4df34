/**
 * Trailing-window primitives, O(n) each: one add and one subtract per day, never re-summing a window.
 * Windows end today (today included).
 */

/**
 * Sum of the `window` values ending at each index; `null` until a full window exists (index < window − 1).
 * Values must be ≥ 0. A window holding only zeros sums to exactly 0 (the running sum is reset when the count of
 * non-zero values in the window drops to 0), so a zero denominator is detected exactly despite float drift.
 */
export function trailingSums(values: readonly number[], window: number): (number | null)[] {
  assertWindow(window);
  const out: (number | null)[] = new Array<number | null>(values.length);
  let sum = 0;
  let nonZero = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    sum += v;
    if (v !== 0) nonZero++;
    if (i >= window) {
      const old = values[i - window];
      sum -= old;
      if (old !== 0) nonZero--;
    }
    if (nonZero === 0 || sum < 0) sum = 0;
    out[i] = i >= window - 1 ? sum : null;
  }
  return out;
}

/** Trailing means over full windows (`trailingSums / window`); `null` until a full window exists. */
export function trailingMeans(values: readonly number[], window: number): (number | null)[] {
  return trailingSums(values, window).map((s) => (s === null ? null : s / window));
}

/**
 * Number of `true` flags among the last `window` days at each index. Days before the first index do not exist
 * and count as false, so early windows are partial.
 */
export function trailingCounts(flags: readonly boolean[], window: number): number[] {
  assertWindow(window);
  const out = new Array<number>(flags.length);
  let count = 0;
  for (let i = 0; i < flags.length; i++) {
    if (flags[i]) count++;
    if (i >= window && flags[i - window]) count--;
    out[i] = count;
  }
  return out;
}

function assertWindow(window: number): void {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be an integer >= 1, got ${window}`);
}
