/**
 * Strength-session reading for the back-load rules (science.md §7.2 items 5–7 and 10). The session tags come first:
 * the exercise catalogue (training-load/src/exercises) tags every stored session with spinal-loading, core and
 * max-attempt (including ≥ 95 % of the athlete's best e1RM). The name patterns below are a fallback for sessions
 * stored before the catalogue or sent with tags only by a provider.
 *
 * - Spinal-loading session: tagged `spinal-loading`, or with an exercise whose name is a spinal-loading lift
 *   (deadlift/RDL, squat, clean, snatch, good morning, kettlebell swing, barbell/bent-over row…), or a rowing
 *   session (sport family `row`, the rowing erg of §7.2).
 * - Spinal volume of a session: its sRPE load (AU) and its tonnage (Σ reps × kg of the spinal lifts; of every
 *   exercise when the session is spinal by tag only).
 * - Max attempt: tag `max-attempt`, or a set of a spinal lift at RPE 10.
 * - Core work: tag `core`, or an exercise such as plank, bird dog, dead bug, pelvic tilt, (partial) crunch, wall
 *   sit, back extension, side plank, Pallof press, hollow hold, glute bridge.
 */
import { sportFamily } from '../../../training-load/src/calc';
import { isFiniteNumber } from './rule-support';
import type { RuleExercise, RuleSession } from './rule.types';

const SPINAL_LIFT =
  /\b(?:dead ?lifts?|rdls?|romanian dead ?lifts?|squats?|cleans?|hang cleans?|power cleans?|snatch(?:es)?|good ?mornings?|kettlebell swings?|kb swings?|(?:barbell|bent[- ]over|pendlay|t[- ]bar|seal) rows?|rowing|jerks?|thrusters?)\b/i;
const CORE_EXERCISE =
  /\b(?:planks?|side planks?|bird ?dogs?|dead ?bugs?|pelvic tilts?|crunch(?:es)?|partial crunch(?:es)?|wall sits?|back extensions?|hyperextensions?|pallof|hollow (?:holds?|body)|glute bridges?|supermans?|mcgill|sit-?ups?|ab wheel)\b/i;

const hasTag = (s: RuleSession, tag: string) => Array.isArray(s.tags) && s.tags.some((t) => typeof t === 'string' && t.toLowerCase() === tag);
const exercises = (s: RuleSession): RuleExercise[] => (Array.isArray(s.exercises) ? s.exercises : []);
const isSpinalLift = (e: RuleExercise) => typeof e.name === 'string' && SPINAL_LIFT.test(e.name);

export function isSpinalLoading(s: RuleSession): boolean {
  return hasTag(s, 'spinal-loading') || exercises(s).some(isSpinalLift) || sportFamily(s.sport) === 'row';
}

export function isCoreWork(s: RuleSession): boolean {
  return hasTag(s, 'core') || exercises(s).some((e) => typeof e.name === 'string' && CORE_EXERCISE.test(e.name));
}

export function isMaxAttempt(s: RuleSession): boolean {
  if (hasTag(s, 'max-attempt')) return true;
  return exercises(s).some((e) => isSpinalLift(e) && Array.isArray(e.sets) && e.sets.some((set) => isFiniteNumber(set.rpe) && set.rpe >= 10));
}

/** Σ reps × kg of the session's spinal lifts (of all exercises when none is named as one); 0 without weights. */
export function spinalTonnage(s: RuleSession): number {
  const all = exercises(s);
  const named = all.filter(isSpinalLift);
  let kg = 0;
  for (const e of named.length > 0 ? named : all) {
    if (!Array.isArray(e.sets)) continue;
    for (const set of e.sets) {
      if (isFiniteNumber(set.reps) && set.reps > 0 && isFiniteNumber(set.kg) && set.kg > 0) kg += set.reps * set.kg;
    }
  }
  return kg;
}

/** The session's sRPE load, 0 when unknown. */
export function sessionLoadAu(s: RuleSession): number {
  return isFiniteNumber(s.load) && s.load > 0 ? s.load : 0;
}
