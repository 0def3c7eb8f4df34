/**
 * The format-neutral view of an input file: records of named fields, each record knowing where it is (a CSV
 * line or a JSON array index). Field names are normalized (`durationMin`, `Duration Min` → `duration_min`), so
 * the parsers accept snake_case and camelCase alike.
 */
import type { CsvRecord } from './csv-reader';
import { failed, fileError, lineError, parsed, type InputError, type Parsed } from './input-error';

export interface InputField {
  /** The name as written in the file, for messages. */
  name: string;
  value: unknown;
}

export interface InputRecord {
  /** CSV: 1-based line; JSON: array index. */
  line: number;
  where: string;
  /** Keyed by normalized name; CSV cells are strings, JSON values as parsed. */
  fields: ReadonlyMap<string, InputField>;
}

export interface InputColumn {
  key: string;
  name: string;
}

export interface InputTable {
  format: 'csv' | 'json';
  /** CSV only: the header line and its columns. JSON records each carry their own keys. */
  header?: { line: number; columns: readonly InputColumn[] };
  records: readonly InputRecord[];
  /** True for `;`- or TAB-delimited CSV, where `4,5` is a decimal number (spreadsheets in many locales). */
  decimalComma: boolean;
}

/** `durationMin`, `Duration Min`, `duration-min` → `duration_min`. */
export function normalizeKey(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

/** Records of a CSV file: rows whose cells are all blank are skipped; the first other row is the header. */
export function tableFromCsv(records: readonly CsvRecord[], decimalComma: boolean): Parsed<InputTable> {
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonBlank.length === 0) return failed([fileError('the file is empty')]);
  const [headerRecord, ...rows] = nonBlank;
  const header = readHeader(headerRecord);
  if (!header.ok) return header;
  const columns = header.value;
  const errors: InputError[] = [];
  const out: InputRecord[] = [];
  for (const row of rows) {
    const extra = row.cells.slice(columns.length);
    if (extra.some((c) => c.trim() !== '')) {
      errors.push(lineError(row.line, `has ${row.cells.length} cells but the header has ${columns.length} columns`));
      continue;
    }
    const fields = new Map<string, InputField>();
    columns.forEach((col, i) => fields.set(col.key, { name: col.name, value: row.cells[i] ?? '' }));
    out.push({ line: row.line, where: `line ${row.line}`, fields });
  }
  if (errors.length > 0) return failed(errors);
  if (out.length === 0) return failed([lineError(headerRecord.line, 'the file has a header but no data rows')]);
  return parsed({ format: 'csv', header: { line: headerRecord.line, columns }, records: out, decimalComma });
}

/** Records of a JSON array; `arrayName` labels them (`sessions[3]`, or `index 3` for a top-level array). */
export function tableFromJsonArray(items: readonly unknown[], arrayName: string): Parsed<InputTable> {
  if (items.length === 0) return failed([fileError(`${arrayName === '' ? 'the array' : `"${arrayName}"`} is empty: no rows to compute`)]);
  const errors: InputError[] = [];
  const out: InputRecord[] = [];
  items.forEach((item, index) => {
    const where = arrayName === '' ? `index ${index}` : `${arrayName}[${index}]`;
    if (!isPlainObject(item)) {
      errors.push({ line: index, where, message: `expected an object, got ${describeJson(item)}` });
      return;
    }
    const fields = new Map<string, InputField>();
    for (const [name, value] of Object.entries(item)) {
      const key = normalizeKey(name);
      const clash = fields.get(key);
      if (clash !== undefined) errors.push({ line: index, where, message: `"${clash.name}" and "${name}" are the same field` });
      fields.set(key, { name, value });
    }
    out.push({ line: index, where, fields });
  });
  return errors.length > 0 ? failed(errors) : parsed({ format: 'json', records: out, decimalComma: false });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value for messages. */
export function describeJson(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function readHeader(record: CsvRecord): Parsed<InputColumn[]> {
  const names = [...record.cells];
  while (names.length > 1 && names[names.length - 1].trim() === '') names.pop(); // trailing empty header cells
  const errors: InputError[] = [];
  const columns: InputColumn[] = [];
  const seen = new Map<string, string>();
  names.forEach((raw, i) => {
    const name = raw.trim();
    const key = normalizeKey(name);
    if (name === '') errors.push(lineError(record.line, `column ${i + 1} of the header has no name`));
    else if (seen.has(key)) errors.push(lineError(record.line, `column "${name}" appears twice in the header (also "${seen.get(key)}")`));
    seen.set(key, name);
    columns.push({ key, name });
  });
  return errors.length > 0 ? failed(errors) : parsed(columns);
}
