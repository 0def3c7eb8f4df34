/**
 * Trailing-window primitives, O(n) each: one add and one subtract per day, never re-summing a window.
 * Windows end today (today included).
 */

/**
 * Where a resumed run picks up: `values[0]` is day `offset` of the history (0 = the first day ever), and
 * `sums[i]` is the running sum already produced for `values[i]`, for every i before the first new index
 * (`sums.length`). Running sums depend on the whole history at the last bit (float rounding), so a resumed run
 * continues from the stored sum instead of re-adding the window: that is what makes it bit-identical.
 */
export interface RunningSumResume {
  offset: number;
  sums: readonly number[];
}

/**
 * The raw running window sum at each index (also before a full window exists), continuing from `resume`.
 * Values must be ≥ 0. A window holding only zeros sums to exactly 0 (the running sum is reset when the count of
 * non-zero values in the window drops to 0), so a zero denominator is detected exactly despite float drift.
 */
export function runningSums(values: readonly number[], window: number, resume?: RunningSumResume): number[] {
  assertWindow(window);
  const offset = resume?.offset ?? 0;
  const start = resume?.sums.length ?? 0;
  if (start > values.length) throw new RangeError(`resume has ${start} sums for ${values.length} values`);
  if (offset > 0 && start < window) {
    throw new RangeError(`resuming a ${window}-day window needs at least ${window} earlier days, got ${start}`);
  }
  const out = new Array<number>(values.length);
  let sum = 0;
  let nonZero = 0;
  if (resume !== undefined && start > 0) {
    for (let i = 0; i < start; i++) out[i] = resume.sums[i];
    sum = resume.sums[start - 1];
    for (let i = Math.max(0, start - window); i < start; i++) if (values[i] !== 0) nonZero++;
  }
  for (let i = start; i < values.length; i++) {
    const v = values[i];
    sum += v;
    if (v !== 0) nonZero++;
    if (offset + i >= window) {
      const old = values[i - window];
      sum -= old;
      if (old !== 0) nonZero--;
    }
    if (nonZero === 0 || sum < 0) sum = 0;
    out[i] = sum;
  }
  return out;
}

/** Running sums masked to `null` until a full window exists (history day `offset + i` < window − 1). */
export function fullWindowSums(sums: readonly number[], window: number, offset = 0): (number | null)[] {
  return sums.map((s, i) => (offset + i >= window - 1 ? s : null));
}

/**
 * Sum of the `window` values ending at each index; `null` until a full window exists (index < window − 1).
 * Values must be ≥ 0; see `runningSums` for the exact-zero guarantee and `resume`.
 */
export function trailingSums(values: readonly number[], window: number, resume?: RunningSumResume): (number | null)[] {
  return fullWindowSums(runningSums(values, window, resume), window, resume?.offset ?? 0);
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
