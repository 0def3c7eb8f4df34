// Exercise-name normalization: the one place that decides which spellings are "the same name".

/** Words that carry no meaning in an exercise name. Equipment words (barbell, dumbbell, trap bar …) are kept. */
const STOP_WORDS = new Set(['a', 'an', 'the', 'with', 'on', 'of', 'my', 'using', 'each', 'per', 'w']);

/** Set/rep/load notation that providers and athletes append: "5x5", "3 x 8", "100kg", "@8", "rpe 9", "10 reps". */
const SCHEME_TOKEN = /^(?:\d+(?:[.,]\d+)?(?:x\d*)?|x\d*|\d+(?:kg|lb|rep|set|sec|s|m|min)|kg|lb|rep|set|sec|rpe\d*(?:[.,]\d+)?)$/;

/** Singular of one lower-case token: "lunges" → "lunge", "presses" → "press", "push-ups" → "push up". */
export function singular(token: string): string {
  if (token.length < 3 || !token.endsWith('s')) return token;
  if (/(?:ss|us|is)$/.test(token)) return token;
  if (/ies$/.test(token) && token.length > 4) return `${token.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x|z)es$/.test(token)) return token.slice(0, -2);
  return token.slice(0, -1);
}

/**
 * The tokens of a name: lower case without accents, "&" and "+" read as "and", apostrophes dropped ("farmer's" →
 * "farmers"), any other punctuation a word break, plurals made singular, stop words and set/rep notation removed.
 */
export function exerciseNameTokens(name: unknown): string[] {
  if (typeof name !== 'string') return [];
  const text = name
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[&+]/g, ' and ')
    .replace(/['’‘`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  const tokens: string[] = [];
  for (const raw of text.split(' ')) {
    if (!raw) continue;
    const token = singular(raw);
    if (STOP_WORDS.has(token) || SCHEME_TOKEN.test(token)) continue;
    tokens.push(token);
  }
  return tokens;
}

/**
 * The normalized form of an exercise name, e.g. "Farmer's Walks (heavy) 3x40m" → "farmer walk heavy",
 * "Clean & Jerk" → "clean and jerk", "BARBELL_DEADLIFT" → "barbell deadlift". Empty when nothing is left.
 */
export function normalizeExerciseName(name: unknown): string {
  return exerciseNameTokens(name).join(' ');
}

/** The normalized name without spaces: "dead bug", "deadbug" and "Dead-Bugs" share the key "deadbug". */
export function compactExerciseKey(name: unknown): string {
  return exerciseNameTokens(name).join('');
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: insertions, deletions, substitutions and adjacent
 * transpositions). Returns max + 1 as soon as the distance is known to exceed `max`.
 */
export function damerauLevenshtein(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let twoAgo: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, twoAgo[j - 2] + 1);
      current.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    twoAgo = previous;
    previous = current;
  }
  return previous[b.length];
}
