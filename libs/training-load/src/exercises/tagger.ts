// Session tags from the logged exercises (SPEC §3 tags, used by the back-pain score of SPEC §5 / science.md §7.2).
// Pure: no framework imports. Never throws, whatever a provider sent.
import { asPrepared, type Catalogue, type ExerciseMatch, matchExercise } from './matcher';
import { normalizeExerciseName } from './normalize';
import { estimatedOneRepMax, exerciseKey } from './one-rep-max';
import { type CatalogueEntry, type LoggedSet, SESSION_TAG } from './exercise.types';

/** science.md §7.2 rule 7: a set at ≥ 95 % of the athlete's best estimated 1RM is a max attempt. */
export const MAX_ATTEMPT_FRACTION = 0.95;
/** Session or set RPE at or above this is a max effort (CR-10 scale). */
export const MAX_ATTEMPT_RPE = 10;
const MAX_REPS = 10_000;
const MAX_KG = 2_000;

export interface SessionToClassify {
  exercises?: readonly unknown[] | null;
  tags?: readonly unknown[] | null;
  rpe?: number | null;
}

export interface MaxAttempt {
  /** The exercise as logged (null when only the session RPE says so). */
  exercise: string | null;
  reason: string;
}

export interface SessionClassification {
  /** The given tags, then the derived ones not already given, in the order of SESSION_TAG. */
  tags: string[];
  /** Logged names the catalogue does not know, as logged (trimmed, one per normalized name): report, never guess. */
  unknownExercises: string[];
  maxAttempt: MaxAttempt | null;
  /** Σ reps × kg over the sets of spinal-loading exercises. */
  spinalTonnageKg: number;
  /** Sets of spinal-loading exercises (with or without load, e.g. rowing-erg intervals). */
  spinalSets: number;
}

interface Item {
  name: string;
  sets: LoggedSet[];
  match: ExerciseMatch | null;
}

/**
 * Tags a session from its exercises:
 * - spinal-loading / core: any exercise of that category;
 * - warm-up / cool-down: exercises whose category is only warm-up, cool-down or mobility ("prep") count by where
 *   they were done: before the first other exercise → warm-up, after the last → cool-down; in between, or in a
 *   session of prep only, by their own flags (mobility alone then counts as warm-up in a prep-only session and as
 *   nothing in between). Spinal-loading and core exercises are the work, never warm-up or cool-down;
 * - max-attempt: a set at RPE 10; a set whose load is ≥ 95 % of the athlete's best e1RM for that exercise
 *   (`athleteBestE1rm`, keyed by catalogue name or normalized name, see bestEstimatedOneRepMax); or session RPE 10.
 *   Set evidence on a spinal-loading exercise is reported first.
 * The given tags are always kept.
 */
export function classifySession<T extends CatalogueEntry>(
  session: SessionToClassify,
  catalogue: Catalogue<T>,
  athleteBestE1rm?: ReadonlyMap<string, number> | null,
): SessionClassification {
  const prepared = asPrepared(catalogue);
  const items: Item[] = [];
  const unknown = new Map<string, string>();
  for (const raw of Array.isArray(session?.exercises) ? session.exercises : []) {
    if (!raw || typeof raw !== 'object') continue;
    const rawName: unknown = (raw as { name?: unknown }).name;
    if (typeof rawName !== 'string' || rawName.trim() === '') continue;
    const name = rawName.trim();
    const rawSets: unknown = (raw as { sets?: unknown }).sets;
    const sets = Array.isArray(rawSets) ? rawSets.filter((s): s is LoggedSet => !!s && typeof s === 'object') : [];
    const match = matchExercise(name, prepared);
    if (!match) {
      const key = normalizeExerciseName(name) || name.toLowerCase();
      if (!unknown.has(key)) unknown.set(key, name);
    }
    items.push({ name, sets, match });
  }

  const derived = new Set<string>();
  let spinalTonnageKg = 0;
  let spinalSets = 0;
  for (const item of items) {
    const d = item.match?.definition;
    if (d?.spinalLoading) {
      derived.add(SESSION_TAG.spinalLoading);
      spinalSets += item.sets.length;
      for (const set of item.sets) spinalTonnageKg += volume(set);
    }
    if (d?.core) derived.add(SESSION_TAG.core);
  }
  for (const tag of prepTags(items)) derived.add(tag);

  const maxAttempt = findMaxAttempt(items, session?.rpe, bestByKey(athleteBestE1rm, prepared));
  if (maxAttempt) derived.add(SESSION_TAG.maxAttempt);

  const tags: string[] = [];
  for (const tag of Array.isArray(session?.tags) ? session.tags : []) if (typeof tag === 'string' && !tags.includes(tag)) tags.push(tag);
  for (const tag of Object.values(SESSION_TAG)) if (derived.has(tag) && !tags.includes(tag)) tags.push(tag);

  return {
    tags,
    unknownExercises: [...unknown.values()],
    maxAttempt,
    spinalTonnageKg: Math.round(spinalTonnageKg * 100) / 100,
    spinalSets,
  };
}

/** A set's reps × kg, 0 when either is missing or implausible (beyond 10,000 reps or 2,000 kg, the ingestion bounds). */
function volume(set: LoggedSet): number {
  const { reps, kg } = set;
  if (typeof reps !== 'number' || typeof kg !== 'number' || !(reps > 0 && reps <= MAX_REPS) || !(kg > 0 && kg <= MAX_KG)) return 0;
  return reps * kg;
}

function isPrep(item: Item): boolean {
  const d = item.match?.definition;
  return !!d && !d.spinalLoading && !d.core && (d.warmUp || d.coolDown || d.mobility);
}

function prepTags(items: readonly Item[]): string[] {
  const tags: string[] = [];
  const work = items.map((item, i) => (isPrep(item) ? -1 : i)).filter((i) => i >= 0);
  const first = work.length > 0 ? work[0] : Number.POSITIVE_INFINITY;
  const last = work.length > 0 ? work[work.length - 1] : Number.NEGATIVE_INFINITY;
  items.forEach((item, i) => {
    if (!isPrep(item)) return;
    const d = item.match!.definition;
    if (work.length > 0 && i < first) tags.push(SESSION_TAG.warmUp);
    else if (work.length > 0 && i > last) tags.push(SESSION_TAG.coolDown);
    else {
      if (d.warmUp || (work.length === 0 && !d.coolDown)) tags.push(SESSION_TAG.warmUp);
      if (d.coolDown) tags.push(SESSION_TAG.coolDown);
    }
  });
  return tags;
}

function bestByKey<T extends CatalogueEntry>(given: ReadonlyMap<string, number> | null | undefined, catalogue: Catalogue<T>): Map<string, number> {
  const best = new Map<string, number>();
  if (!(given instanceof Map)) return best;
  for (const [name, e1rm] of given) {
    if (typeof e1rm !== 'number' || !Number.isFinite(e1rm) || e1rm <= 0) continue;
    const key = exerciseKey(name, catalogue);
    if (key && e1rm > (best.get(key) ?? 0)) best.set(key, e1rm);
  }
  return best;
}

function findMaxAttempt(items: readonly Item[], sessionRpe: unknown, best: ReadonlyMap<string, number>): MaxAttempt | null {
  let other: MaxAttempt | null = null;
  for (const item of items) {
    const spinal = !!item.match?.definition.spinalLoading;
    if (!spinal && other) continue;
    const found = setEvidence(item, best);
    if (found && spinal) return found;
    if (found) other = found;
  }
  if (other) return other;
  if (typeof sessionRpe === 'number' && sessionRpe >= MAX_ATTEMPT_RPE) return { exercise: null, reason: `session RPE ${sessionRpe}` };
  return null;
}

function setEvidence(item: Item, best: ReadonlyMap<string, number>): MaxAttempt | null {
  const key = item.match ? item.match.definition.name : normalizeExerciseName(item.name);
  const bestE1rm = best.get(key);
  for (const set of item.sets) {
    const what = describeSet(set);
    if (typeof set.rpe === 'number' && set.rpe >= MAX_ATTEMPT_RPE) return { exercise: item.name, reason: `set at RPE ${set.rpe}${what}` };
    if (bestE1rm && volume(set) > 0 && estimatedOneRepMax(set.kg, set.reps) > 0 && (set.kg as number) >= MAX_ATTEMPT_FRACTION * bestE1rm) {
      const pct = Math.round(((set.kg as number) / bestE1rm) * 100);
      return { exercise: item.name, reason: `set${what} at ${pct} % of the best estimated 1RM (${round1(bestE1rm)} kg)` };
    }
  }
  return null;
}

function describeSet(set: LoggedSet): string {
  const reps = typeof set.reps === 'number' && Number.isFinite(set.reps) ? set.reps : null;
  const kg = typeof set.kg === 'number' && Number.isFinite(set.kg) && set.kg > 0 ? set.kg : null;
  if (reps === null && kg === null) return '';
  if (kg === null) return ` (${reps} reps)`;
  return ` (${reps ?? '?'} × ${round1(kg)} kg)`;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
