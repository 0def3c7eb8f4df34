import { trailingSums } from './rolling';

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
  const priorDays = chronicDays - acuteDays;
  const acuteSums = trailingSums(loads, acuteDays);
  const chronicSums = trailingSums(loads, chronicDays);
  // The uncoupled window is its own rolling sum (shifted by acuteDays) rather than chronic − acute, so that a
  // zero window is exactly 0 and never a float residue that would give a huge ratio.
  const priorSums = trailingSums(loads, priorDays);
  const n = loads.length;
  const acute = new Array<number | null>(n);
  const chronic = new Array<number | null>(n);
  const chronicUncoupled = new Array<number | null>(n);
  for (let t = 0; t < n; t++) {
    const a = acuteSums[t];
    const c = chronicSums[t];
    const p = t >= acuteDays ? priorSums[t - acuteDays] : null;
    acute[t] = a === null ? null : a / acuteDays;
    chronic[t] = c === null ? null : c / chronicDays;
    chronicUncoupled[t] = p === null ? null : p / priorDays;
  }
  return { acute, chronic, chronicUncoupled };
}
