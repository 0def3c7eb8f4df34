// Estimated one-repetition maximum. Pure: no framework imports.
import { asPrepared, type Catalogue, matchExercise, type PreparedCatalogue } from './matcher';
import { normalizeExerciseName } from './normalize';
import type { CatalogueEntry, LoggedExercise } from './exercise.types';

/**
 * Epley: e1RM = kg × (1 + reps / 30). A single is its own 1RM (Epley is defined for reps > 1; applied to a single it
 * would claim 3 % more than was lifted). 0 when there is nothing to estimate from (no load, no reps, not a number).
 */
export function estimatedOneRepMax(kg: unknown, reps: unknown): number {
  if (typeof kg !== 'number' || typeof reps !== 'number' || !Number.isFinite(kg) || !Number.isFinite(reps)) return 0;
  if (kg <= 0 || reps < 1) return 0;
  return reps === 1 ? kg : kg * (1 + reps / 30);
}

/**
 * The key under which an exercise's best e1RM is kept: the catalogue name when the name matches an entry (so "RDL"
 * and "Romanian deadlift" share one best), else the normalized name. Empty when the name normalizes to nothing.
 */
export function exerciseKey<T extends CatalogueEntry>(name: unknown, catalogue: Catalogue<T>): string {
  const match = matchExercise(name, catalogue);
  return match ? match.definition.name : normalizeExerciseName(name);
}

/**
 * The best e1RM per exercise over a history of logged exercises (e.g. every session of the athlete's last year,
 * before the one being classified), keyed by exerciseKey. Exercises without a load are left out.
 */
export function bestEstimatedOneRepMax<T extends CatalogueEntry>(history: readonly unknown[], catalogue: Catalogue<T>): Map<string, number> {
  const prepared: PreparedCatalogue<T> = asPrepared(catalogue);
  const best = new Map<string, number>();
  for (const exercise of history) {
    if (!isExerciseLike(exercise)) continue;
    const key = exerciseKey(exercise.name, prepared);
    if (!key) continue;
    for (const set of exercise.sets) {
      if (!set || typeof set !== 'object') continue;
      const e1rm = estimatedOneRepMax(set.kg, set.reps);
      if (e1rm > (best.get(key) ?? 0)) best.set(key, e1rm);
    }
  }
  return best;
}

export function isExerciseLike(value: unknown): value is LoggedExercise {
  return !!value && typeof value === 'object' && typeof (value as LoggedExercise).name === 'string' && Array.isArray((value as LoggedExercise).sets);
}
