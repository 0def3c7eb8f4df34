/**
 * Heart-rate training impulses (science.md §1.2, §1.3, §1.6): Banister/Morton exponential TRIMP from the
 * average HR or per sample, Edwards zone TRIMP, and TRIMP100 (GoldenCheetah: 100 = one hour at threshold HR).
 */

export type Sex = 'male' | 'female';

/** One heart-rate sample: `t` seconds since the session start, `hr` in bpm (null or 0: sensor dropout). */
export interface HrSample {
  t: number;
  hr: number | null;
}

export interface TrimpInput {
  durationMin: number;
  hrAvg: number;
  hrRest: number;
  hrMax: number;
  /** Unknown sex (null/undefined) uses the male coefficients. */
  sex?: Sex | null;
}

export interface HrProfile {
  hrRest: number;
  hrMax: number;
  /** Unknown sex (null/undefined) uses the male coefficients. */
  sex?: Sex | null;
}

/** Banister/Morton weighting `a·e^(b·HRr)`: men 0.64·e^(1.92x), women 0.86·e^(1.67x). */
export const TRIMP_COEFFICIENTS: Readonly<Record<Sex, Readonly<{ a: number; b: number }>>> = Object.freeze({
  male: Object.freeze({ a: 0.64, b: 1.92 }),
  female: Object.freeze({ a: 0.86, b: 1.67 }),
});

/**
 * Longest interval between two HR samples that counts in full. A longer gap is a pause (auto-pause, sensor
 * lost, watch stopped): only its first 30 s count, at the HR held before it, so a coffee stop does not score as
 * effort. 30 s is above the sampling interval of every common recorder (1 s, or "smart" recording at ≤ ~10 s).
 */
export const MAX_HR_SAMPLE_GAP_S = 30;

/** Edwards 1993 zone weights 1–5 for 50–60, 60–70, 70–80, 80–90 and 90–100 % HRmax. */
export const EDWARDS_ZONE_WEIGHTS: readonly number[] = Object.freeze([1, 2, 3, 4, 5]);
/** Lower bounds (% HRmax) of the five Edwards zones; below 50 % scores 0. */
export const EDWARDS_ZONE_FLOORS: readonly number[] = Object.freeze([0.5, 0.6, 0.7, 0.8, 0.9]);

/**
 * Banister exponential TRIMP from average HR: `min × HRr × a·e^(b·HRr)`, `HRr = (avg − rest)/(max − rest)`.
 * 0 when the average is below resting HR (GoldenCheetah does the same). Not capped above HRmax.
 */
export function banisterTrimp(input: TrimpInput): number {
  const { durationMin, hrAvg } = input;
  assertNonNegative(durationMin, 'durationMin');
  if (!isHr(hrAvg)) throw new RangeError(`hrAvg must be a finite number > 0, got ${String(hrAvg)}`);
  assertProfile(input);
  return weightedMinutes(durationMin, hrAvg, input);
}

/**
 * Banister TRIMP summed per sample, `Σ Δt_min × HRr_i × a·e^(b·HRr_i)` (science.md §1.2 best practice: the
 * exponential weighting makes the average-HR form underestimate interval sessions).
 * Each interval between consecutive samples counts at the HR of its first sample (the value a recorder holds
 * until the next one), capped at `maxGapS` (see MAX_HR_SAMPLE_GAP_S); the last sample ends the session.
 * Dropouts (hr null or 0) and HR below rest count 0. Throws a RangeError when the timestamps are not finite,
 * negative or decreasing, or an HR is negative or not finite.
 */
export function banisterTrimpSamples(samples: readonly HrSample[], profile: HrProfile, maxGapS = MAX_HR_SAMPLE_GAP_S): number {
  assertProfile(profile);
  if (!(maxGapS > 0) || !Number.isFinite(maxGapS)) throw new RangeError(`maxGapS must be a finite number > 0, got ${maxGapS}`);
  validateSamples(samples);
  let total = 0;
  for (let i = 1; i < samples.length; i++) {
    const hr = samples[i - 1].hr;
    if (hr === null || hr === 0) continue;
    const seconds = Math.min(samples[i].t - samples[i - 1].t, maxGapS);
    total += weightedMinutes(seconds / 60, hr, profile);
  }
  return total;
}

/**
 * Edwards zone TRIMP: Σ time in zone × weight (1..5) over the five %HRmax zones 50–60 … 90–100
 * (science.md §1.3: [10, 20, 20, 8, 2] min → 152). `unit` says whether the times are minutes or seconds.
 */
export function edwardsTrimp(timeInZones: readonly number[], unit: 'min' | 's' = 'min'): number {
  if (!Array.isArray(timeInZones) || timeInZones.length !== EDWARDS_ZONE_WEIGHTS.length) {
    throw new RangeError(`Edwards TRIMP needs the time in 5 zones, got ${String(timeInZones?.length)}`);
  }
  let total = 0;
  timeInZones.forEach((time, i) => {
    assertNonNegative(time, `time in Edwards zone ${i + 1}`);
    total += time * EDWARDS_ZONE_WEIGHTS[i];
  });
  return unit === 's' ? total / 60 : total;
}

/**
 * Seconds in each Edwards zone from HR samples (same interval rule and gap cap as banisterTrimpSamples).
 * HR at or above a zone's floor belongs to it; ≥ 100 % HRmax stays in zone 5; below 50 % is in no zone.
 */
export function edwardsZoneSeconds(samples: readonly HrSample[], hrMax: number, maxGapS = MAX_HR_SAMPLE_GAP_S): number[] {
  if (!isHr(hrMax)) throw new RangeError(`hrMax must be a finite number > 0, got ${String(hrMax)}`);
  if (!(maxGapS > 0) || !Number.isFinite(maxGapS)) throw new RangeError(`maxGapS must be a finite number > 0, got ${maxGapS}`);
  validateSamples(samples);
  const zones = [0, 0, 0, 0, 0];
  for (let i = 1; i < samples.length; i++) {
    const hr = samples[i - 1].hr;
    if (hr === null || hr === 0) continue;
    let zone = -1;
    for (let z = 0; z < EDWARDS_ZONE_FLOORS.length; z++) if (hr >= EDWARDS_ZONE_FLOORS[z] * hrMax) zone = z;
    if (zone >= 0) zones[zone] += Math.min(samples[i].t - samples[i - 1].t, maxGapS);
  }
  return zones;
}

/** TRIMP of one hour at the threshold (lactate-threshold) HR: the TRIMP100 unit (167.88 for 55/190/170, male). */
export function thresholdHourTrimp(profile: HrProfile & { hrThreshold: number }): number {
  assertProfile(profile);
  const { hrThreshold, hrRest } = profile;
  if (!isHr(hrThreshold) || hrThreshold <= hrRest) {
    throw new RangeError(`hrThreshold must be above hrRest (${hrRest}), got ${String(hrThreshold)}`);
  }
  return weightedMinutes(60, hrThreshold, profile);
}

/**
 * TRIMP100 (GoldenCheetah "TRIMP(100) Points"): `100 × TRIMP / TRIMP(60 min at threshold HR)`, so one hour at
 * threshold scores 100, the same scale as TSS (science.md §1.6: the 155-bpm hour → 70.3). The coefficient `a`
 * cancels, so GoldenCheetah's 0.64-for-everyone and Morton's 0.86 for women give the same TRIMP100.
 */
export function trimp100(trimp: number, profile: HrProfile & { hrThreshold: number }): number {
  assertNonNegative(trimp, 'trimp');
  return (100 * trimp) / thresholdHourTrimp(profile);
}

/** `minutes × HRr × a·e^(b·HRr)` of one HR (in this operation order, which banisterTrimp has always used); 0 below resting HR. */
function weightedMinutes(minutes: number, hr: number, profile: HrProfile): number {
  if (hr < profile.hrRest) return 0;
  const hrr = (hr - profile.hrRest) / (profile.hrMax - profile.hrRest);
  const { a, b } = TRIMP_COEFFICIENTS[profile.sex === 'female' ? 'female' : 'male'];
  return minutes * hrr * a * Math.exp(b * hrr);
}

function validateSamples(samples: readonly HrSample[]): void {
  if (!Array.isArray(samples)) throw new RangeError('HR samples must be an array');
  let previous = 0;
  samples.forEach((sample, i) => {
    const { t, hr } = sample;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || (i > 0 && t < previous)) {
      throw new RangeError(`HR sample ${i}: t must be a finite number >= 0, not before the previous sample, got ${String(t)}`);
    }
    if (hr !== null && (typeof hr !== 'number' || !Number.isFinite(hr) || hr < 0)) {
      throw new RangeError(`HR sample ${i}: hr must be null or a finite number >= 0, got ${String(hr)}`);
    }
    previous = t;
  });
}

function assertProfile(profile: HrProfile): void {
  const { hrRest, hrMax } = profile;
  if (!isHr(hrRest) || !isHr(hrMax) || hrMax <= hrRest) {
    throw new RangeError(`need 0 < hrRest < hrMax, got hrRest=${String(hrRest)} hrMax=${String(hrMax)}`);
  }
}

function assertNonNegative(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${String(value)}`);
  }
}

/** A usable heart rate: a finite number > 0. */
export function isHr(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
