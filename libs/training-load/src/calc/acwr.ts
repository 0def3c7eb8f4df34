import { runningSums } from './rolling';

export interface LoadWindows {
  /** Mean of L[t−acute+1..t]; null until `acuteDays` days exist. */
  acute: (number | null)[];
  /** Mean of L[t−chronic+1..t] (includes the acute week: "coupled"); null until `chronicDays` days exist. */
  chronic: (number | null)[];
  /** Mean of L[t−chronic+1..t−acute] (Windt & Gabbett uncoupled, 21 days by default); null until `chronicDays` days exist. */
  chronicUncoupled: (number | null)[];
}

/** Rolling acute/chronic means behind RAC (acute/chronic) and RAU (acute/chronicUncoupled). O(n). */
export function loadWindows(loads: readonly number[], acuteDays: number, chronicDays: number): LoadWindows {
  if (!(chronicDays > acuteDays)) throw new RangeError(`chronicDays (${chronicDays}) must exceed acuteDays (${acuteDays})`);
  // The uncoupled window is its own rolling sum (shifted by acuteDays) rather than chronic − acute, so that a
  // zero window is exactly 0 and never a float residue that would give a huge ratio.
  return loadWindowsFromSums(
    runningSums(loads, acuteDays),
    runningSums(loads, chronicDays),
    runningSums(loads, chronicDays - acuteDays),
    acuteDays,
    chronicDays,
  );
}

/**
 * The same windows from the raw running sums (see `runningSums`) of the acute, chronic and prior
 * (`chronicDays − acuteDays`) windows. `offset` is the history day of index 0: a window is null until it is full
 * in the whole history, and the uncoupled window of day t is the prior-window sum of day t − acuteDays.
 */
export function loadWindowsFromSums(
  acuteSums: readonly number[],
  chronicSums: readonly number[],
  priorSums: readonly number[],
  acuteDays: number,
  chronicDays: number,
  offset = 0,
): LoadWindows {
  const priorDays = chronicDays - acuteDays;
  const n = acuteSums.length;
  const acute = new Array<number | null>(n);
  const chronic = new Array<number | null>(n);
  const chronicUncoupled = new Array<number | null>(n);
  for (let t = 0; t < n; t++) {
    const day = offset + t;
    // prior window of day t − acuteDays is full when that day ≥ priorDays − 1, i.e. day ≥ chronicDays − 1
    const p = day >= chronicDays - 1 && t >= acuteDays ? priorSums[t - acuteDays] : null;
    acute[t] = day >= acuteDays - 1 ? acuteSums[t] / acuteDays : null;
    chronic[t] = day >= chronicDays - 1 ? chronicSums[t] / chronicDays : null;
    chronicUncoupled[t] = p === null ? null : p / priorDays;
  }
  return { acute, chronic, chronicUncoupled };
}
