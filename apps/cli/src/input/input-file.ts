/**
 * An input file → one table of records of a known kind (sessions or daily loads), plus the time zone and athlete
 * a JSON file may carry. The format is found from the content (a JSON file starts with `[` or `{`), the
 * extension only deciding what a file that is neither should have been.
 */
import { detectDelimiter, readCsv } from './csv-reader';
import { readAthleteJson, type AthleteInput } from './athlete';
import { failed, fileError, parsed, type InputError, type Parsed } from './input-error';
import { isPlainObject, normalizeKey, tableFromCsv, tableFromJsonArray, type InputTable } from './records';

export type InputKind = 'sessions' | 'dailyLoads';

export interface InputDocument {
  kind: InputKind;
  table: InputTable;
  /** JSON object form only. */
  timezone?: string;
  athlete: AthleteInput;
}

const TOP_LEVEL_FIELDS = ['timezone', 'athlete', 'sessions', 'daily_loads'];

/** UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark, as spreadsheets save text. */
export function decodeText(bytes: Uint8Array): Parsed<string> {
  const bom = bytes.subarray(0, 2);
  const encoding = bom[0] === 0xff && bom[1] === 0xfe ? 'utf-16le' : bom[0] === 0xfe && bom[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return parsed(new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return failed([fileError(`is not ${encoding.toUpperCase()} text (save it as "CSV UTF-8" or JSON)`)]);
  }
}

export function readInputDocument(fileName: string, text: string): Parsed<InputDocument> {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.trimStart().charAt(0);
  if (first === '') return failed([fileError('the file is empty')]);
  if (first === '[' || first === '{') return readJsonDocument(body);
  if (/\.json$/i.test(fileName)) return failed([fileError('is not JSON: it should start with [ or {')]);
  return readCsvDocument(body);
}

function readCsvDocument(text: string): Parsed<InputDocument> {
  const delimiter = detectDelimiter(text);
  const csv = readCsv(text, delimiter);
  if (!csv.ok) return failed([csv.error]);
  const table = tableFromCsv(csv.records, delimiter !== ',');
  if (!table.ok) return table;
  const isDaily = table.value.header?.columns.some((c) => c.key === 'load') ?? false;
  return parsed({ kind: isDaily ? 'dailyLoads' : 'sessions', table: table.value, athlete: {} });
}

function readJsonDocument(text: string): Parsed<InputDocument> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return failed([jsonSyntaxError(text, e instanceof Error ? e.message : String(e))]);
  }
  if (Array.isArray(json)) return documentFromArray(json, '', undefined, {});
  if (!isPlainObject(json)) return failed([fileError('must hold an array of rows or an object with "sessions" or "dailyLoads"')]);
  return documentFromObject(json);
}

function documentFromObject(json: Record<string, unknown>): Parsed<InputDocument> {
  const errors: InputError[] = [];
  const byKey = new Map(Object.entries(json).map(([name, value]) => [normalizeKey(name), { name, value }]));
  for (const [key, { name }] of byKey) {
    if (!TOP_LEVEL_FIELDS.includes(key)) errors.push(fileError(`unknown top-level field "${name}" (expected: timezone, athlete, sessions, dailyLoads)`));
  }
  const sessions = byKey.get('sessions');
  const daily = byKey.get('daily_loads');
  const rows = sessions ?? daily;
  if (sessions !== undefined && daily !== undefined) errors.push(fileError('has both "sessions" and "dailyLoads"; give one of them'));
  else if (rows === undefined) errors.push(fileError('needs a "sessions" or a "dailyLoads" array'));
  else if (!Array.isArray(rows.value)) errors.push(fileError(`"${rows.name}" must be an array`));
  const timezone = byKey.get('timezone')?.value;
  if (timezone !== undefined && timezone !== null && typeof timezone !== 'string') errors.push(fileError('"timezone" must be a string like "Europe/Berlin"'));
  const athleteValue = byKey.get('athlete')?.value;
  const athlete = athleteValue === undefined || athleteValue === null ? parsed<AthleteInput>({}) : readAthleteJson(athleteValue);
  if (!athlete.ok) errors.push(...athlete.errors);
  if (errors.length > 0 || rows === undefined || !Array.isArray(rows.value) || !athlete.ok) return failed(errors);
  const kind: InputKind = sessions !== undefined ? 'sessions' : 'dailyLoads';
  return documentFromArray(rows.value, rows.name, typeof timezone === 'string' ? timezone : undefined, athlete.value, kind);
}

function documentFromArray(
  items: readonly unknown[],
  arrayName: string,
  timezone: string | undefined,
  athlete: AthleteInput,
  kind: InputKind = guessKind(items),
): Parsed<InputDocument> {
  const table = tableFromJsonArray(items, arrayName);
  if (!table.ok) return table;
  return parsed({ kind, table: table.value, timezone, athlete });
}

/** A bare array holds daily loads when its first row has a `load` field, else sessions. */
function guessKind(items: readonly unknown[]): InputKind {
  const first = items[0];
  return isPlainObject(first) && Object.keys(first).some((k) => normalizeKey(k) === 'load') ? 'dailyLoads' : 'sessions';
}

/** JSON.parse's message, with the position turned into a line and column. */
function jsonSyntaxError(text: string, message: string): InputError {
  const position = /at position (\d+)/.exec(message);
  const offset = position !== null ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : null;
  const reason = message.replace(/ in JSON at position \d+.*$/, '').replace(/, ".*" is not valid JSON$/s, '');
  if (offset === null) return fileError(`is not valid JSON: ${reason}`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return { line, where: `line ${line}, column ${column}`, message: `not valid JSON: ${reason}` };
}
