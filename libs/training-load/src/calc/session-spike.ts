/**
 * Single-session distance spike (Garmin-RUNSAFE, Frandsen/Nielsen et al. BJSM 2025; science.md §2.5, §5): a run
 * 10–30 % longer than the longest run of the previous 30 days carried +64 % injury risk, more than twice as long
 * +128 %, while weekly ratios did not predict injury there. Rule: flag a session > 10 % longer than the longest
 * session of the same sport family in the 30 days before it.
 */

/** Look-back of the longest earlier session, days. */
export const SPIKE_LOOKBACK_DAYS = 30;
/** A session more than this fraction longer than the longest earlier one is a spike. */
export const SPIKE_THRESHOLD = 0.1;

const MS_PER_DAY = 86_400_000;

export interface DistanceSession {
  /** Start instant. */
  start: Date;
  /** Distance, metres (null: not recorded). */
  distanceM: number | null;
  /** Provider sport name, e.g. `Run`, `TrailRun`, `treadmill_running`. */
  sport: string | null;
}

export interface SessionSpikeOptions {
  lookbackDays: number;
  threshold: number;
}

export interface SessionSpike {
  /** Sport family compared (see sportFamily); null when the session has no sport. */
  family: string | null;
  /** Longest distance of the same family in the look-back; null when there was none (> 0 m). */
  longestM: number | null;
  /** distance / longest (1.25 = 25 % longer); null without a distance or a longest session. */
  ratio: number | null;
  /** ratio > 1 + threshold. False when the ratio is null: with no earlier session there is nothing to exceed. */
  spike: boolean;
}

const FAMILIES: readonly (readonly [string, readonly string[]])[] = [
  ['run', ['run', 'treadmill', 'jog']],
  ['ride', ['ride', 'cycl', 'bike', 'biking', 'velo']],
  ['swim', ['swim']],
  ['walk', ['walk', 'hike', 'hiking', 'trek']],
  ['row', ['rowing', 'row']],
  ['ski', ['ski']],
];

/**
 * Sport family of a provider sport name, so that a trail run is compared with road runs and a virtual ride with
 * rides: the name is lower-cased, stripped to letters, and matched by keyword (run/treadmill/jog → `run`,
 * ride/cycling/bike → `ride`, swim, walk/hike, row, ski). Any other name is its own family; null when empty.
 */
export function sportFamily(sport: string | null | undefined): string | null {
  if (typeof sport !== 'string') return null;
  const name = sport.toLowerCase().replace(/[^a-z]/g, '');
  if (name === '') return null;
  for (const [family, keys] of FAMILIES) if (keys.some((k) => name.includes(k))) return family;
  return name;
}

/**
 * Spike of `session` against `history` (any sessions; those of another family, without a distance, at or after
 * the session's start, or more than `lookbackDays` × 24 h before it are ignored; sessions earlier the same day
 * count). Throws a RangeError for an invalid start, a negative or non-finite distance, or a bad option.
 */
export function sessionSpike(
  session: DistanceSession,
  history: readonly DistanceSession[],
  options: Partial<SessionSpikeOptions> = {},
): SessionSpike {
  const lookbackDays = options.lookbackDays ?? SPIKE_LOOKBACK_DAYS;
  const threshold = options.threshold ?? SPIKE_THRESHOLD;
  if (!(lookbackDays > 0) || !Number.isFinite(lookbackDays)) throw new RangeError(`lookbackDays must be > 0, got ${lookbackDays}`);
  if (!(threshold >= 0) || !Number.isFinite(threshold)) throw new RangeError(`threshold must be >= 0, got ${threshold}`);
  const start = instant(session.start, 'session start');
  const distance = checkedDistance(session.distanceM);
  const family = sportFamily(session.sport);
  let longest: number | null = null;
  if (family !== null) {
    const from = start - lookbackDays * MS_PER_DAY;
    for (const other of history) {
      const at = instant(other.start, 'history start');
      const d = checkedDistance(other.distanceM);
      if (at < from || at >= start || d === null || d <= 0 || sportFamily(other.sport) !== family) continue;
      if (longest === null || d > longest) longest = d;
    }
  }
  const ratio = distance === null || longest === null ? null : distance / longest;
  // 1e-9: exactly 10 % longer (11 km after 10 km) must not become a spike through float rounding
  return { family, longestM: longest, ratio, spike: ratio !== null && ratio > 1 + threshold + 1e-9 };
}

function instant(value: Date, what: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid Date`);
  return ms;
}

function checkedDistance(value: number | null): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`distanceM must be null or a finite number >= 0, got ${String(value)}`);
  }
  return value;
}
