/**
 * Power-based load (Coggan; science.md §1.5): normalized power, intensity factor and Training Stress Score.
 * 1 h at NP = FTP scores 100; 90 min at NP 200 W with FTP 250 W → IF 0.80, TSS 96.0.
 */

/** Rolling-average window of normalized power, seconds (= samples at 1 Hz). */
export const NP_WINDOW_S = 30;

/**
 * Normalized power from 1-Hz power samples (W): the 30-s rolling average, raised to the 4th power, averaged,
 * 4th root. Rolling averages start once 30 samples exist (Coggan/TrainingPeaks), so a ride shorter than 30 s
 * has no NP (null). A null sample (dropout) counts as 0 W, like coasting, as GoldenCheetah does.
 * Throws a RangeError for a negative or non-finite sample.
 */
export function normalizedPower(samples: readonly (number | null)[]): number | null {
  if (!Array.isArray(samples)) throw new RangeError('power samples must be an array');
  const watts = samples.map((w, i) => {
    if (w === null) return 0;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`power sample ${i} must be null or a finite number >= 0, got ${String(w)}`);
    }
    return w;
  });
  if (watts.length < NP_WINDOW_S) return null;
  let windowSum = 0;
  let fourthPowers = 0;
  let count = 0;
  for (let i = 0; i < watts.length; i++) {
    windowSum += watts[i];
    if (i >= NP_WINDOW_S) windowSum -= watts[i - NP_WINDOW_S];
    if (i < NP_WINDOW_S - 1) continue;
    const rolling = Math.max(0, windowSum) / NP_WINDOW_S; // max: a float residue of a zero window is not negative power
    fourthPowers += rolling ** 4;
    count++;
  }
  // two square roots are exact for exact 4th powers (250 W → 250), where `** 0.25` may miss by an ulp
  return Math.sqrt(Math.sqrt(fourthPowers / count));
}

/** IF = NP / FTP. */
export function intensityFactor(np: number, ftp: number): number {
  assertNonNegative(np, 'NP');
  assertPositive(ftp, 'FTP');
  return np / ftp;
}

export interface TssInput {
  /** Seconds the NP was measured over. */
  durationS: number;
  /** Normalized power, W. */
  np: number;
  /** Functional threshold power, W. */
  ftp: number;
}

/** `TSS = (sec × NP × IF) / (FTP × 3600) × 100`, the same as hours × IF² × 100. */
export function tss(input: TssInput): number {
  const { durationS, np, ftp } = input;
  assertNonNegative(durationS, 'durationS');
  const intensity = intensityFactor(np, ftp);
  return ((durationS * np * intensity) / (ftp * 3600)) * 100;
}

/** TSS of 1-Hz power samples (duration = one second per sample); null when the ride is too short for an NP. */
export function tssFromPowerSamples(samples: readonly (number | null)[], ftp: number): number | null {
  assertPositive(ftp, 'FTP');
  const np = normalizedPower(samples);
  return np === null ? null : tss({ durationS: samples.length, np, ftp });
}

function assertNonNegative(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${String(value)}`);
  }
}

function assertPositive(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${what} must be a finite number > 0, got ${String(value)}`);
  }
}
