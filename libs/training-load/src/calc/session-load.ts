/**
 * Load of one session (science.md §1, SPEC §4 "session load").
 * Order of preference: session-RPE (Foster 2001) when the athlete rated the session; else Banister TRIMP from
 * average heart rate when the athlete's HR rest and max are known; else an `estimated` load (see below).
 */

export type SessionLoadMethod = 'srpe' | 'trimp' | 'estimated';
export type Sex = 'male' | 'female';

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
}

/** The athlete fields the load needs (names match the Athlete entity). */
export interface AthleteLoadProfile {
  /** Unknown sex uses the male coefficients. */
  sex?: Sex | null;
  hrRest?: number | null;
  hrMax?: number | null;
}

export interface SessionLoad {
  load: number;
  method: SessionLoadMethod;
}

export interface TrimpInput {
  durationMin: number;
  hrAvg: number;
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
 * RPE assumed for a session with neither an RPE nor usable heart rate. CR-10 4 ("somewhat hard") sits in the
 * 3–5 band of ordinary training sessions: it keeps the session in the series (counting it as 0 would fake a
 * rest day and a later load spike) without inventing a hard session that could raise a false spike alert.
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

/**
 * Banister exponential TRIMP from average HR: `min × HRr × a·e^(b·HRr)`, `HRr = (avg − rest)/(max − rest)`.
 * 0 when the average is below resting HR (GoldenCheetah does the same). Not capped above HRmax.
 */
export function banisterTrimp(input: TrimpInput): number {
  const { durationMin, hrAvg, hrRest, hrMax } = input;
  assertDuration(durationMin, 'durationMin');
  if (!isHr(hrAvg)) throw new RangeError(`hrAvg must be a finite number > 0, got ${String(hrAvg)}`);
  if (!isHr(hrRest) || !isHr(hrMax) || hrMax <= hrRest) {
    throw new RangeError(`need 0 < hrRest < hrMax, got hrRest=${String(hrRest)} hrMax=${String(hrMax)}`);
  }
  if (hrAvg < hrRest) return 0;
  const hrr = (hrAvg - hrRest) / (hrMax - hrRest);
  const { a, b } = TRIMP_COEFFICIENTS[input.sex === 'female' ? 'female' : 'male'];
  return durationMin * hrr * a * Math.exp(b * hrr);
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
 * Load and method of one session. An RPE outside 0–10 or a negative/non-finite duration throws a RangeError;
 * an unusable HR profile (missing, or max ≤ rest) or a missing/zero average HR only rules TRIMP out.
 */
export function sessionLoad(session: SessionLoadInput, athlete: AthleteLoadProfile): SessionLoad {
  const minutes = sessionMinutes(session);
  if (session.rpe !== null && session.rpe !== undefined) {
    return { load: srpeLoad(session.rpe, minutes), method: 'srpe' };
  }
  const { avgHr } = session;
  const { hrRest, hrMax } = athlete;
  if (isHr(avgHr) && isHr(hrRest) && isHr(hrMax) && hrMax > hrRest) {
    return { load: banisterTrimp({ durationMin: minutes, hrAvg: avgHr, hrRest, hrMax, sex: athlete.sex }), method: 'trimp' };
  }
  return { load: srpeLoad(DEFAULT_ESTIMATED_RPE, minutes), method: 'estimated' };
}

function assertDuration(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} must be a finite number >= 0, got ${String(value)}`);
  }
}

function isHr(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
