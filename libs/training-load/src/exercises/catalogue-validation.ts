// Validation of catalogue entries (admin input and the seed). Pure: no framework imports.
import { compactExerciseKey } from './normalize';
import { type CatalogueEntry, EXERCISE_FLAGS, type ExerciseFlags } from './exercise.types';

export const MAX_NAME_LENGTH = 100;
export const MAX_ALIASES = 50;
export const MAX_NOTES_LENGTH = 1000;

/** What an admin sends to create an entry. At least one category must be true, or `none: true`. */
export interface ExerciseDefinitionInput extends Partial<ExerciseFlags> {
  name: string;
  aliases?: string[];
  /** Explicitly "no category": a known lift that is not spinal-loading, core, warm-up, cool-down or mobility. */
  none?: boolean;
  notes?: string | null;
}

/** What an admin sends to change an entry: any subset of the fields. */
export type ExerciseDefinitionPatch = Partial<ExerciseDefinitionInput>;

export interface ValidDefinition extends CatalogueEntry {
  aliases: string[];
  notes: string | null;
}

export type Validated = { ok: true; value: ValidDefinition } | { ok: false; errors: string[] };

/**
 * Checks and cleans one entry: trimmed name and aliases, aliases that repeat the name or one another (after
 * normalization) dropped, notes trimmed (empty → null). Flags not given are false.
 */
export function validateDefinition(input: unknown): Validated {
  const errors: string[] = [];
  const i = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const name = typeof i.name === 'string' ? i.name.trim() : '';
  if (typeof i.name !== 'string' || name === '') errors.push('name is required');
  else if (name.length > MAX_NAME_LENGTH) errors.push(`name must be at most ${MAX_NAME_LENGTH} characters`);
  else if (!compactExerciseKey(name)) errors.push(`name "${name}" has no words once normalized`);

  const aliases: string[] = [];
  const seen = new Set<string>([compactExerciseKey(name)]);
  if (i.aliases !== undefined && !Array.isArray(i.aliases)) errors.push('aliases must be a list of names');
  const rawAliases: unknown[] = Array.isArray(i.aliases) ? i.aliases : [];
  if (rawAliases.length > MAX_ALIASES) errors.push(`at most ${MAX_ALIASES} aliases`);
  for (const raw of rawAliases) {
    const alias = typeof raw === 'string' ? raw.trim() : '';
    if (typeof raw !== 'string' || alias === '' || alias.length > MAX_NAME_LENGTH) {
      errors.push(`each alias must be a name of 1 to ${MAX_NAME_LENGTH} characters`);
      continue;
    }
    const key = compactExerciseKey(alias);
    if (!key) errors.push(`alias "${alias}" has no words once normalized`);
    else if (!seen.has(key)) {
      seen.add(key);
      aliases.push(alias);
    }
  }

  const flags = {} as ExerciseFlags;
  for (const flag of EXERCISE_FLAGS) {
    if (i[flag] !== undefined && typeof i[flag] !== 'boolean') errors.push(`${flag} must be true or false`);
    flags[flag] = i[flag] === true;
  }
  if (i.none !== undefined && typeof i.none !== 'boolean') errors.push('none must be true or false');
  const anyFlag = EXERCISE_FLAGS.some((f) => flags[f]);
  if (i.none === true && anyFlag) errors.push('none: true cannot be combined with a category');
  if (i.none !== true && !anyFlag) errors.push(`set at least one of ${EXERCISE_FLAGS.join(', ')}, or none: true for a lift with no category`);

  let notes: string | null = null;
  if (i.notes !== undefined && i.notes !== null && typeof i.notes !== 'string') errors.push('notes must be text');
  else if (typeof i.notes === 'string') {
    notes = i.notes.trim() || null;
    if (notes && notes.length > MAX_NOTES_LENGTH) errors.push(`notes must be at most ${MAX_NOTES_LENGTH} characters`);
  }

  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { name, aliases, ...flags, notes } };
}

/** The keys (normalized names without spaces) an entry answers to: its name and its aliases. */
export function entryKeys(entry: Pick<CatalogueEntry, 'name' | 'aliases'>): { key: string; label: string }[] {
  return [entry.name, ...(entry.aliases ?? [])].map((label) => ({ key: compactExerciseKey(label), label })).filter((k) => k.key !== '');
}

/** Messages for every name or alias of `candidate` that another entry already answers to (names are unique this way). */
export function keyConflicts(candidate: Pick<CatalogueEntry, 'name' | 'aliases'>, others: readonly Pick<CatalogueEntry, 'name' | 'aliases'>[]): string[] {
  const owner = new Map<string, string>();
  for (const other of others) for (const { key } of entryKeys(other)) if (!owner.has(key)) owner.set(key, other.name);
  return entryKeys(candidate)
    .filter(({ key }) => owner.has(key))
    .map(({ label, key }) => `"${label}" is already a name or alias of "${owner.get(key)}"`);
}
