/** The athlete fields that session loads need (TRIMP from average HR): from the JSON file and the command line. */
import type { AthleteLoadProfile, Sex } from '../../../../libs/training-load/src/calc';
import { FieldReader } from './fields';
import { failed, parsed, type InputError, type Parsed } from './input-error';
import { describeJson, isPlainObject, normalizeKey, type InputField } from './records';

export interface AthleteInput {
  sex?: Sex;
  hrRest?: number;
  hrMax?: number;
}

export const ATHLETE_FIELDS = ['sex', 'hr_rest', 'hr_max'] as const;
export const HR_LIMIT = 300;
const SEXES: readonly Sex[] = ['male', 'female'];

export function parseSex(text: string): Sex | undefined {
  return SEXES.find((s) => s === text.trim().toLowerCase());
}

/** The `athlete` object of a JSON input file. */
export function readAthleteJson(value: unknown): Parsed<AthleteInput> {
  const where = 'athlete';
  const error = (message: string): InputError => ({ line: null, where, message });
  if (!isPlainObject(value)) return failed([error(`must be an object like {"sex": "female", "hrRest": 50, "hrMax": 190}, got ${describeJson(value)}`)]);
  const fields = new Map<string, InputField>(Object.entries(value).map(([name, v]) => [normalizeKey(name), { name, value: v }]));
  const reader = new FieldReader({ line: 0, where, fields }, false);
  for (const [key, field] of fields) {
    if (!(ATHLETE_FIELDS as readonly string[]).includes(key)) reader.problem(`unknown field "${field.name}" (expected: sex, hrRest, hrMax)`);
  }
  const sexText = reader.text('sex');
  const sex = sexText === undefined ? undefined : parseSex(sexText);
  if (sexText !== undefined && sex === undefined) reader.problem(`sex must be male or female, got ${JSON.stringify(sexText)}`);
  const hrRest = reader.number('hr_rest', { above: 0, max: HR_LIMIT, unit: ' bpm' });
  const hrMax = reader.number('hr_max', { above: 0, max: HR_LIMIT, unit: ' bpm' });
  if (reader.problems.length > 0) return failed(reader.problems.map(error));
  return parsed({ sex, hrRest, hrMax });
}

/** Command-line values win over the file's. A string is the problem: HR rest must be below HR max when both are known. */
export function mergeAthlete(fromFile: AthleteInput, fromFlags: AthleteInput): AthleteLoadProfile | string {
  const sex = fromFlags.sex ?? fromFile.sex ?? null;
  const hrRest = fromFlags.hrRest ?? fromFile.hrRest ?? null;
  const hrMax = fromFlags.hrMax ?? fromFile.hrMax ?? null;
  if (hrRest !== null && hrMax !== null && hrRest >= hrMax) {
    return `the athlete's resting HR (${hrRest}) must be below the max HR (${hrMax})`;
  }
  return { sex, hrRest, hrMax };
}
