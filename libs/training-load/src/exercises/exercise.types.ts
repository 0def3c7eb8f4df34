// Pure types shared by the matcher, the tagger and the catalogue (no framework imports here).

/** The categories a catalogue entry can carry. An entry with none of them is a known "not spinal-loading" lift. */
export interface ExerciseFlags {
  spinalLoading: boolean;
  core: boolean;
  warmUp: boolean;
  coolDown: boolean;
  mobility: boolean;
}

export const EXERCISE_FLAGS = ['spinalLoading', 'core', 'warmUp', 'coolDown', 'mobility'] as const satisfies readonly (keyof ExerciseFlags)[];

/** What the matcher needs of a catalogue row (the entity satisfies it; tests and the CLI can use plain objects). */
export interface CatalogueEntry extends ExerciseFlags {
  name: string;
  aliases: readonly string[];
  notes?: string | null;
}

/** One logged set, as sessions store it (structurally the same as ExerciseSet in the sessions entity). */
export interface LoggedSet {
  reps: number;
  kg?: number;
  rpe?: number;
}

/** One logged exercise, as sessions store it (structurally the same as Exercise in the sessions entity). */
export interface LoggedExercise {
  name: string;
  sets: readonly LoggedSet[];
}

/** The session tags of SPEC §3 that the tagger can add. */
export const SESSION_TAG = {
  spinalLoading: 'spinal-loading',
  core: 'core',
  warmUp: 'warm-up',
  coolDown: 'cool-down',
  maxAttempt: 'max-attempt',
} as const;
export type SessionTag = (typeof SESSION_TAG)[keyof typeof SESSION_TAG];
