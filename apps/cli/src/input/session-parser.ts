/**
 * Sessions (workouts) from a CSV or JSON table: one typed row per session, or every problem found, each naming
 * its line (CSV) or index (JSON). A session's day is the local date of `start` in the athlete's time zone, or
 * the plain `date` column taken as that local date.
 */
import { isIsoDate, localDate } from '../../../../libs/training-load/src/calc';
import { headerErrors, recordFieldProblems, type ColumnSpec } from './columns';
import { FieldReader } from './fields';
import { failed, parsed, type InputError, type Parsed } from './input-error';
import { parseInstant } from './instant';
import type { InputRecord, InputTable } from './records';

export interface SessionRow {
  line: number;
  where: string;
  /** The athlete's local calendar day, `YYYY-MM-DD`. */
  localDate: string;
  /** Start instant in ms since the epoch, when `start` was given. */
  startMs: number | null;
  durationS: number;
  movingTimeS: number | null;
  rpe: number | null;
  avgHr: number | null;
  sport: string | null;
  distanceM: number | null;
  externalId: string | null;
  tags: string[];
}

export const SESSION_COLUMNS: ColumnSpec = {
  kind: 'sessions',
  allowed: ['date', 'start', 'duration_min', 'duration_s', 'moving_min', 'moving_s', 'rpe', 'avg_hr', 'sport', 'distance_m', 'external_id', 'tags'],
  required: [
    ['start', 'date'],
    ['duration_min', 'duration_s'],
  ],
  exclusive: [
    ['duration_min', 'duration_s'],
    ['moving_min', 'moving_s'],
  ],
};

/** Highest average heart rate accepted, bpm. */
export const MAX_AVG_HR = 300;

/** Every row of `table` as a session, with local dates in `timeZone` (an IANA zone already checked valid). */
export function parseSessions(table: InputTable, timeZone: string): Parsed<SessionRow[]> {
  const header = headerErrors(table, SESSION_COLUMNS);
  if (header.length > 0) return failed(header);
  const errors: InputError[] = [];
  const rows: SessionRow[] = [];
  const firstByExternalId = new Map<string, string>();
  for (const record of table.records) {
    const reader = new FieldReader(record, table.decimalComma);
    if (table.header === undefined) recordFieldProblems(record, SESSION_COLUMNS, reader).forEach((p) => reader.problem(p));
    const row = readSession(record, reader, timeZone);
    if (row !== undefined && row.externalId !== null) {
      const first = firstByExternalId.get(row.externalId);
      if (first !== undefined) reader.problem(`external_id ${JSON.stringify(row.externalId)} appears twice (first at ${first})`);
      else firstByExternalId.set(row.externalId, record.where);
    }
    if (reader.problems.length > 0) errors.push(...reader.problems.map((message) => ({ line: record.line, where: record.where, message })));
    else if (row !== undefined) rows.push(row);
  }
  return errors.length > 0 ? failed(errors) : parsed(rows);
}

function readSession(record: InputRecord, r: FieldReader, timeZone: string): SessionRow | undefined {
  const day = readDay(r, timeZone);
  const durationS = readSeconds(r, 'duration');
  const movingTimeS = readSeconds(r, 'moving');
  if (durationS === undefined && !r.has('duration_min') && !r.has('duration_s')) r.problem('needs a duration (duration_min or duration_s)');
  if (durationS !== undefined && movingTimeS !== undefined && movingTimeS > durationS) {
    r.problem(`moving time (${movingTimeS / 60} min) is longer than the duration (${durationS / 60} min)`);
  }
  const rpe = r.number('rpe', { min: 0, max: 10 });
  const avgHr = r.number('avg_hr', { above: 0, max: MAX_AVG_HR, unit: ' bpm' });
  const sport = r.text('sport');
  const distanceM = r.number('distance_m', { min: 0 });
  const externalId = r.text('external_id');
  const tags = readTags(r);
  if (r.problems.length > 0 || day === undefined || durationS === undefined) return undefined;
  return {
    line: record.line,
    where: record.where,
    localDate: day.localDate,
    startMs: day.startMs,
    durationS,
    movingTimeS: movingTimeS ?? null,
    rpe: rpe ?? null,
    avgHr: avgHr ?? null,
    sport: sport ?? null,
    distanceM: distanceM ?? null,
    externalId: externalId ?? null,
    tags,
  };
}

function readDay(r: FieldReader, timeZone: string): { localDate: string; startMs: number | null } | undefined {
  const date = r.text('date');
  const start = r.text('start');
  if (date === undefined && start === undefined) {
    r.problem('needs a start (date-time with UTC offset) or a date (YYYY-MM-DD)');
    return undefined;
  }
  if (date !== undefined && !isIsoDate(date)) {
    r.problem(`${r.name('date')} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(date)}`);
    return undefined;
  }
  if (start === undefined) return date === undefined ? undefined : { localDate: date, startMs: null };
  const instant = parseInstant(start);
  if (!instant.ok) {
    r.problem(`${r.name('start')} ${JSON.stringify(start)} ${instant.message}`);
    return undefined;
  }
  const local = localDate(instant.instant, timeZone);
  if (date !== undefined && date !== local) {
    r.problem(`${r.name('date')} ${date} is not the local date of start ${start} in ${timeZone} (${local})`);
    return undefined;
  }
  return { localDate: local, startMs: instant.instant.getTime() };
}

/** `duration` or `moving` in seconds, from the `_min` or `_s` column. */
function readSeconds(r: FieldReader, base: 'duration' | 'moving'): number | undefined {
  const minutes = r.number(`${base}_min`, { min: 0 });
  if (minutes !== undefined) return minutes * 60;
  return r.number(`${base}_s`, { min: 0 });
}

/** Tags: a JSON array of strings, or text separated by `;`, `|` or `,`; lower-cased. */
function readTags(r: FieldReader): string[] {
  if (!r.has('tags')) return [];
  const raw = r.raw('tags');
  const parts = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[;|,]/) : undefined;
  if (parts === undefined || !parts.every((p): p is string => typeof p === 'string')) {
    r.problem(`${r.name('tags')} must be text like "core;recovery" or an array of strings`);
    return [];
  }
  return parts.map((t) => t.trim().toLowerCase()).filter((t) => t !== '');
}
