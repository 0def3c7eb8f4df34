// Exercise-name matching against the catalogue. Pure: no framework imports.
//
// Order: exact name, then alias (both on the normalized name, with and without spaces), then a conservative fuzzy
// match. An unknown name gives null, to be reported: a wrong guess would put a lift in the wrong category (e.g. a
// "Jefferson curl" counted as a biceps curl, a "hack squat" as a back squat), and the back-pain score would be
// built on it.
import { damerauLevenshtein, exerciseNameTokens } from './normalize';
import type { CatalogueEntry } from './exercise.types';

export type MatchConfidence = 'exact' | 'alias' | 'fuzzy';

export interface ExerciseMatch<T extends CatalogueEntry = CatalogueEntry> {
  definition: T;
  confidence: MatchConfidence;
}

/**
 * Words that describe how a lift was done, not which lift it was ("paused back squat", "heavy deadlift",
 * "deadlift 1RM"). The fuzzy stage ignores them; the exact and alias stages do not (they stay exact).
 */
export const QUALIFIER_WORDS: ReadonlySet<string> = new Set([
  'heavy', 'light', 'paused', 'pause', 'tempo', 'slow', 'explosive', 'speed', 'max', 'maximal', '1rm', 'pr', 'top',
  'working', 'volume', 'accessory', 'variation', 'drill', 'practice', 'technique', 'banded', 'chain', 'deload',
  'amrap', 'emom', 'superset', 'circuit', 'warmup', 'backoff', 'ramp', 'ramping', 'left', 'right', 'alternating',
]);

/** At most this many token edits in a fuzzy match, whatever the name's length. */
const MAX_FUZZY_EDITS = 2;
/** Tokens shorter than this must match exactly: "hack" is not a typo of "back", "push" not of "pull". */
const MIN_TYPO_TOKEN_LENGTH = 5;
/** From this length a token may carry two typos ("romainain" → "romanian"). */
const TWO_TYPO_TOKEN_LENGTH = 9;

interface Key<T> {
  entry: T;
  tokens: string[];
  compact: string;
  isName: boolean;
}

/** A catalogue with its lookup tables built once (the service caches one; matching an array builds one per call). */
export interface PreparedCatalogue<T extends CatalogueEntry = CatalogueEntry> {
  readonly prepared: true;
  readonly entries: readonly T[];
  readonly byName: ReadonlyMap<string, T>;
  readonly byAlias: ReadonlyMap<string, T>;
  readonly keys: readonly Key<T>[];
}

export type Catalogue<T extends CatalogueEntry = CatalogueEntry> = readonly T[] | PreparedCatalogue<T>;

/** Builds the lookup tables. When two entries share a key (the service prevents it) the first one wins. */
export function prepareCatalogue<T extends CatalogueEntry>(entries: readonly T[]): PreparedCatalogue<T> {
  const byName = new Map<string, T>();
  const byAlias = new Map<string, T>();
  const keys: Key<T>[] = [];
  for (const entry of entries) {
    const tokens = exerciseNameTokens(entry.name);
    const compact = tokens.join('');
    if (compact) {
      if (!byName.has(compact)) byName.set(compact, entry);
      keys.push({ entry, tokens: withoutQualifiers(tokens), compact, isName: true });
    }
    for (const alias of entry.aliases ?? []) {
      const aliasTokens = exerciseNameTokens(alias);
      const aliasCompact = aliasTokens.join('');
      if (!aliasCompact) continue;
      if (!byAlias.has(aliasCompact)) byAlias.set(aliasCompact, entry);
      keys.push({ entry, tokens: withoutQualifiers(aliasTokens), compact: aliasCompact, isName: false });
    }
  }
  return { prepared: true, entries, byName, byAlias, keys };
}

export function asPrepared<T extends CatalogueEntry>(catalogue: Catalogue<T>): PreparedCatalogue<T> {
  return isPrepared(catalogue) ? catalogue : prepareCatalogue(catalogue);
}

function isPrepared<T extends CatalogueEntry>(catalogue: Catalogue<T>): catalogue is PreparedCatalogue<T> {
  return !Array.isArray(catalogue) && (catalogue as PreparedCatalogue<T>).prepared === true;
}

function withoutQualifiers(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !QUALIFIER_WORDS.has(t));
}

/**
 * The catalogue entry for a logged exercise name, or null when the name is unknown or ambiguous.
 * - exact: the normalized name (case, punctuation, plurals, "&"/"and", spaces) equals an entry's name;
 * - alias: it equals one of an entry's aliases;
 * - fuzzy: after dropping qualifier words (QUALIFIER_WORDS), the words pair one to one with an entry's name or
 *   alias words, in any order, each pair equal or a typo (Damerau-Levenshtein ≤ 1 for words of 5+ letters, ≤ 2 for
 *   9+, at most 2 edits in all). Words may not be added or removed, so "Jefferson curl" does not become "biceps
 *   curl" and "dumbbell row" does not become "barbell row". The closest key wins; a tie between two entries is
 *   ambiguous and gives null.
 */
export function matchExercise<T extends CatalogueEntry>(name: unknown, catalogue: Catalogue<T>): ExerciseMatch<T> | null {
  const tokens = exerciseNameTokens(name);
  if (tokens.length === 0) return null;
  const prepared = asPrepared(catalogue);
  const compact = tokens.join('');
  const exact = prepared.byName.get(compact);
  if (exact) return { definition: exact, confidence: 'exact' };
  const alias = prepared.byAlias.get(compact);
  if (alias) return { definition: alias, confidence: 'alias' };
  const fuzzy = fuzzyMatch(withoutQualifiers(tokens), prepared);
  return fuzzy ? { definition: fuzzy, confidence: 'fuzzy' } : null;
}

function fuzzyMatch<T extends CatalogueEntry>(tokens: string[], prepared: PreparedCatalogue<T>): T | null {
  if (tokens.length === 0) return null;
  const compact = tokens.join('');
  let bestCost = Number.POSITIVE_INFINITY;
  let best: T | null = null;
  let ambiguous = false;
  for (const key of prepared.keys) {
    const cost = key.tokens.join('') === compact ? 0 : key.tokens.length === tokens.length ? pairingCost(tokens, key.tokens) : Number.POSITIVE_INFINITY;
    if (cost > MAX_FUZZY_EDITS) continue;
    if (cost < bestCost) {
      bestCost = cost;
      best = key.entry;
      ambiguous = false;
    } else if (cost === bestCost && key.entry !== best) {
      ambiguous = true;
    }
  }
  return best && !ambiguous ? best : null;
}

/** The fewest edits that pair the two word lists one to one (order free), or Infinity when they cannot be paired. */
function pairingCost(input: readonly string[], key: readonly string[]): number {
  const rest = [...key];
  const unmatched: string[] = [];
  for (const token of input) {
    const i = rest.indexOf(token);
    if (i >= 0) rest.splice(i, 1);
    else unmatched.push(token);
  }
  if (unmatched.length === 0) return 0;
  if (unmatched.length > MAX_FUZZY_EDITS) return Number.POSITIVE_INFINITY;
  let best = Number.POSITIVE_INFINITY;
  for (const order of permutations(rest)) {
    let cost = 0;
    for (let i = 0; i < unmatched.length && cost <= MAX_FUZZY_EDITS; i++) cost += typoDistance(unmatched[i], order[i]);
    if (cost < best) best = cost;
  }
  return best;
}

function typoDistance(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  if (shorter < MIN_TYPO_TOKEN_LENGTH || /\d/.test(a) || /\d/.test(b)) return Number.POSITIVE_INFINITY;
  const allowed = shorter >= TWO_TYPO_TOKEN_LENGTH ? 2 : 1;
  const d = damerauLevenshtein(a, b, allowed);
  return d <= allowed ? d : Number.POSITIVE_INFINITY;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  const out: T[][] = [];
  items.forEach((item, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([item, ...rest]);
  });
  return out;
}
