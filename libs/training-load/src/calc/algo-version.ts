/**
 * Version of the metric formulas. Every stored metric row records the version that produced it.
 * A change of ANY formula, default option or convention in this folder bumps this integer, and the
 * history is then recomputed by replaying it (science.md §0, SPEC §4).
 *
 * 2: a day's loads are summed smallest first (order-independent to the last bit), and rows carry the running
 *    window sums that make a resumed recompute exact. Rows of version 1 have no carry and are recomputed.
 */
export const ALGO_VERSION = 2;
