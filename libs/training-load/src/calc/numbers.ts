/** `null` for NaN, ±Infinity and null itself; the value otherwise. The engine never emits a non-finite number. */
export function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

/** numerator / denominator, or null when either is null, the denominator is not positive, or the result is not finite. */
export function ratioOrNull(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || !(denominator > 0)) return null;
  return finiteOrNull(numerator / denominator);
}

/** Throws a RangeError unless `value` is a finite number ≥ 0. */
export function assertNonNegativeFinite(value: unknown, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${String(value)}`);
  }
}

/** Throws a RangeError unless `value` is an integer in [min, max]. */
export function assertIntegerInRange(value: unknown, min: number, max: number, what: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
}
