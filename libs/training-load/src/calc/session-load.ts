/**
 * Load of one session (science.md §1, SPEC §4 "session load"). The SPEC chain, `sessionLoad(s, a, calibration)`:
 * 1. session-RPE (Foster 2001) when the athlete rated the session → `srpe`;
 * 2. else Banister TRIMP (per sample when HR samples exist, else from average HR) mapped onto the athlete's sRPE
 *    scale by the per-athlete fit (srpe-calibration.ts), once ≥ 10 sessions have both → `trimp`;
 * 3. else `estimated`: duration × DEFAULT_ESTIMATED_RPE, also when HR exists but no fit does (see below).
 * The two-argument `sessionLoad(s, a)` keeps the earlier behaviour (raw TRIMP as `trimp`) for existing callers.
 * `sessionTrimp`, `sessionTrimp100`, `sessionTss` and `sessionEdwardsTrimp` give the other scales of science.md
 * §1 for athletes whose series uses them (method `trimp100` / `tss`) and for calibration.
 */
import { normalizedPower, tss } from './power';
import { type SrpeCalibration, type SrpeTrimpPair, trimpToSrpe } from './srpe-calibration';
import {
  banisterTrimp,
  banisterTrimpSamples,
  edwardsTrimp,
  edwardsZoneSeconds,
  type HrSample,
  isHr,
  type Sex,
  trimp100,
} from './trimp';

export { banisterTrimp, TRIMP_COEFFICIENTS } from './trimp';
export type { Sex, TrimpInput } from './trimp';

/** The methods `sessionLoad` (the SPEC §4 chain) produces. */
export type SessionLoadMethod = 'srpe' | 'trimp' | 'estimated';
/**
 * Every method a stored session load can carry (the `load_method` column): the chain's three, plus `trimp100`
 * and `tss` for a series kept on the TSS scale (science.md §0 "one load unit per athlete").
 */
export type StoredLoadMethod = SessionLoadMethod | 'trimp100' | 'tss';

/** The session fields the load needs (names match the TrainingSession entity). */
export interface SessionLoadInput {
  /** Elapsed duration, seconds. */
  durationS: number;
  /** Moving time, seconds; used instead of `durationS` when given and > 0 (GoldenCheetah does the same). */
  movingTimeS?: number | null;
  /** Session RPE on the CR-10 scale (0–10), athlete-reported. */
  rpe?: number | null;
  /** Average heart rate, bpm. */
  avgHr?: number | null;
  /** Heart-rate samples (seconds since start, bpm); preferred to `avgHr` for TRIMP when at least 2 carry an HR. */
  hrSamples?: readonly HrSample[] | null;
  /** Seconds in the five Edwards zones (50–60 … 90–100 % HRmax), for `sessionEdwardsTrimp`. */
  hrZoneSeconds?: readonly number[] | null;
  /** 1-Hz power samples, W (null = dropout, counted as 0 W). */
  powerSamples?: readonly (number | null)[] | null;
  /** Normalized power from the provider's power summary, W; used when there are no power samples. */
  normalizedPower?: number | null;
}

/** The athlete fields the load needs (names match the Athlete entity). */
export interface AthleteLoadProfile {
  /** Unknown sex uses the male coefficients. */
  sex?: Sex | null;
  hrRest?: number | null;
  hrMax?: number | null;
  /** Lactate-threshold HR, bpm (TRIMP100). */
  hrThreshold?: number | null;
  /** Functional threshold power, W (TSS). */
  ftp?: number | null;
}

export interface SessionLoad {
  load: number;
  method: SessionLoadMethod;
}

/**
 * RPE assumed for a session without an RPE and without a usable TRIMP calibration. CR-10 4 ("somewhat hard") sits
 * in the 3–5 band of ordinary training sessions: it keeps the session in the series (counting it as 0 would fake
 * a rest day and a later load spike) without inventing a hard session that could raise a false spike alert.
 * The method is stored as `estimated`, so the dashboard can show how much of the load is a guess.
 */
export const DEFAULT_ESTIMATED_RPE = 4;

/** Foster session-RPE load in AU: `RPE (CR-10, 0–10) × duration (min)`. */
export function srpeLoad(rpe: number, durationMin: number): number {
  if (typeof rpe !== 'number' || !Number.isFinite(rpe) || rpe < 0 || rpe > 10) {
    throw new RangeError(`RPE must be a number in [0, 10] (CR-10), got ${String(rpe)}`);
  }
  assertDuration(durationMin, 'durationMin');
  return rpe * durationMin;
}

/** Minutes used for the load: moving time when given and > 0, else elapsed duration. */
export function sessionMinutes(session: SessionLoadInput): number {
  assertDuration(session.durationS, 'durationS');
  const moving = session.movingTimeS;
  if (moving !== null && moving !== undefined) {
    assertDuration(moving, 'movingTimeS');
    if (moving > 0) return moving / 60;
  }
  return session.durationS / 60;
}

/**
 * Load and method of one session.
 *
 * With `calibration` given (the athlete's current `fitSrpeFromTrimp` result, or null while there are fewer than
 * 10 sessions with both RPE and TRIMP): the SPEC §4 chain at the top of this file. Without a fit, an HR-only
 * session is `estimated` at duration × RPE 4, NOT at its raw TRIMP: raw TRIMP is on another scale (about a
 * quarter to a third of sRPE for the same session: 118 vs 420 AU for the hard hour of science.md §1.1/§1.2),
 * so in a series of rated sessions it would read as near-rest days followed by "spikes" (science.md §0: one
 * load unit per athlete). The TRIMP is not lost: `sessionTrimp` gives it, the caller stores it, and once the fit
 * exists the session is re-scored as `trimp`.
 *
 * Without the argument (the two-argument form existing callers use): the earlier chain, unchanged — an HR-only
 * session scores its raw TRIMP as `trimp`. Callers move to the SPEC chain by passing their fit or null.
 *
 * An RPE outside 0–10 or a negative/non-finite duration throws a RangeError; an unusable HR profile (missing, or
 * max ≤ rest) or missing HR data only rules TRIMP out.
 */
export function sessionLoad(session: SessionLoadInput, athlete: AthleteLoadProfile, calibration?: SrpeCalibration | null): SessionLoad {
  const minutes = sessionMinutes(session);
  if (session.rpe !== null && session.rpe !== undefined) {
    return { load: srpeLoad(session.rpe, minutes), method: 'srpe' };
  }
  if (calibration !== null) {
    const trimp = sessionTrimp(session, athlete);
    if (trimp !== null) return { load: calibration === undefined ? trimp : trimpToSrpe(trimp, calibration), method: 'trimp' };
  }
  return { load: srpeLoad(DEFAULT_ESTIMATED_RPE, minutes), method: 'estimated' };
}

/**
 * Banister TRIMP of a session: per sample when at least 2 HR samples carry an HR, else from the average HR over
 * the session minutes; null when there is no HR or the athlete's HR rest/max are unusable.
 */
export function sessionTrimp(session: SessionLoadInput, athlete: AthleteLoadProfile): number | null {
  const { hrRest, hrMax, sex } = athlete;
  if (!isHr(hrRest) || !isHr(hrMax) || hrMax <= hrRest) return null;
  const samples = session.hrSamples;
  if (samples !== null && samples !== undefined && samples.length >= 2 && samples.some((s) => isHr(s.hr))) {
    return banisterTrimpSamples(samples, { hrRest, hrMax, sex });
  }
  const minutes = sessionMinutes(session);
  return isHr(session.avgHr) ? banisterTrimp({ durationMin: minutes, hrAvg: session.avgHr, hrRest, hrMax, sex }) : null;
}

/** TRIMP100 of a session (100 = one hour at threshold HR); null without a TRIMP or a threshold HR above rest. */
export function sessionTrimp100(session: SessionLoadInput, athlete: AthleteLoadProfile): number | null {
  const { hrRest, hrMax, hrThreshold, sex } = athlete;
  if (!isHr(hrThreshold) || !isHr(hrRest) || hrThreshold <= hrRest) return null;
  const trimp = sessionTrimp(session, athlete);
  return trimp === null ? null : trimp100(trimp, { hrRest, hrMax: hrMax as number, hrThreshold, sex });
}

/**
 * TSS of a session: from 1-Hz power samples (one second per sample) when at least 30 exist, else from the
 * provider's normalized power over the session minutes (moving time when given, as providers compute NP over
 * it); null without power or FTP.
 */
export function sessionTss(session: SessionLoadInput, athlete: AthleteLoadProfile): number | null {
  const { ftp } = athlete;
  if (typeof ftp !== 'number' || !Number.isFinite(ftp) || ftp <= 0) return null;
  const samples = session.powerSamples;
  const sampledNp = samples === null || samples === undefined ? null : normalizedPower(samples);
  if (sampledNp !== null) return tss({ durationS: (samples as readonly unknown[]).length, np: sampledNp, ftp });
  const np = session.normalizedPower;
  if (np === null || np === undefined) return null;
  const moving = session.movingTimeS;
  sessionMinutes(session); // validates both durations
  return tss({ durationS: moving !== null && moving !== undefined && moving > 0 ? moving : session.durationS, np, ftp });
}

/** Edwards zone TRIMP of a session: from `hrZoneSeconds`, else from HR samples and HRmax; null otherwise. */
export function sessionEdwardsTrimp(session: SessionLoadInput, athlete: AthleteLoadProfile): number | null {
  if (session.hrZoneSeconds !== null && session.hrZoneSeconds !== undefined) return edwardsTrimp(session.hrZoneSeconds, 's');
  const samples = session.hrSamples;
  if (samples === null || samples === undefined || samples.length < 2 || !isHr(athlete.hrMax)) return null;
  return edwardsTrimp(edwardsZoneSeconds(samples, athlete.hrMax), 's');
}

/**
 * The (TRIMP, sRPE) pair of a rated session with usable HR, for `fitSrpeFromTrimp`; null when either is missing.
 */
export function calibrationPair(session: SessionLoadInput, athlete: AthleteLoadProfile): SrpeTrimpPair | null {
  if (session.rpe === null || session.rpe === undefined) return null;
  const trimp = sessionTrimp(session, athlete);
  return trimp === null ? null : { trimp, srpe: srpeLoad(session.rpe, sessionMinutes(session)) };
}

function assertDuration(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${String(value)}`);
  }
}
