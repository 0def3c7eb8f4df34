/**
 * Daily loads (`date, load[, state]`) from a CSV or JSON table: one typed row per day, or every problem found,
 * each naming its line (CSV) or index (JSON). A date may appear only once.
 */
import { isIsoDate, type DayState } from '../../../../libs/training-load/src/calc';
import { headerErrors, recordFieldProblems, type ColumnSpec } from './columns';
import { FieldReader } from './fields';
import { failed, parsed, type InputError, type Parsed } from './input-error';
import type { InputRecord, InputTable } from './records';

export interface DailyLoadRow {
  line: number;
  where: string;
  date: string;
  /** Load in AU (0 when a `missing` day gives none). */
  load: number;
  /** As given, or null: then `trained` when load > 0, else `rest`. */
  state: DayState | null;
}

export const DAILY_LOAD_COLUMNS: ColumnSpec = {
  kind: 'daily loads',
  allowed: ['date', 'load', 'state'],
  required: [['date'], ['load']],
  exclusive: [],
};

const STATES: readonly DayState[] = ['trained', 'rest', 'missing'];

export function parseDailyLoads(table: InputTable): Parsed<DailyLoadRow[]> {
  const header = headerErrors(table, DAILY_LOAD_COLUMNS);
  if (header.length > 0) return failed(header);
  const errors: InputError[] = [];
  const rows: DailyLoadRow[] = [];
  const firstByDate = new Map<string, string>();
  for (const record of table.records) {
    const reader = new FieldReader(record, table.decimalComma);
    if (table.header === undefined) recordFieldProblems(record, DAILY_LOAD_COLUMNS, reader).forEach((p) => reader.problem(p));
    const row = readDailyLoad(record, reader);
    if (row !== undefined) {
      const first = firstByDate.get(row.date);
      if (first !== undefined) reader.problem(`date ${row.date} appears twice (first at ${first})`);
      else firstByDate.set(row.date, record.where);
    }
    if (reader.problems.length > 0) errors.push(...reader.problems.map((message) => ({ line: record.line, where: record.where, message })));
    else if (row !== undefined) rows.push(row);
  }
  return errors.length > 0 ? failed(errors) : parsed(rows);
}

export function effectiveState(row: Pick<DailyLoadRow, 'load' | 'state'>): DayState {
  return row.state ?? (row.load > 0 ? 'trained' : 'rest');
}

function readDailyLoad(record: InputRecord, r: FieldReader): DailyLoadRow | undefined {
  const date = r.text('date');
  if (date === undefined) r.problem('needs a date (YYYY-MM-DD)');
  else if (!isIsoDate(date)) r.problem(`${r.name('date')} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const state = readState(r);
  const load = r.number('load', { min: 0 });
  if (!r.has('load') && state !== 'missing') r.problem('needs a load (a number ≥ 0; leave it empty only on a "missing" day)');
  if (r.problems.length > 0 || date === undefined || state === undefined) return undefined;
  return { line: record.line, where: record.where, date, load: load ?? 0, state };
}

/** The state, null when not given, undefined when wrong. */
function readState(r: FieldReader): DayState | null | undefined {
  const text = r.text('state');
  if (text === undefined) return null;
  const state = STATES.find((s) => s === text.toLowerCase());
  if (state === undefined) r.problem(`${r.name('state')} must be trained, rest or missing, got ${JSON.stringify(text)}`);
  return state;
}
