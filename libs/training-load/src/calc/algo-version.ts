/**
 * Version of the metric formulas. Every stored metric row records the version that produced it.
 * A change of ANY formula, default option or convention in this folder bumps this integer, and the
 * history is then recomputed by replaying it (science.md §0, SPEC §4).
 */
export const ALGO_VERSION = 1;
