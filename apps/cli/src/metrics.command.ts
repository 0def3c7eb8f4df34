/**
 * `metrics`: input file → metric table on stdout. Pure apart from `readFile`: returns what to write and the
 * exit code (0 done, 2 bad input), so tests run it without a process.
 */
import { ALGO_VERSION, type AthleteLoadProfile } from '../../../libs/training-load/src/calc';
import type { MetricsOptions } from './cli-args';
import { mergeAthlete } from './input/athlete';
import { parseDailyLoads } from './input/daily-load-parser';
import { decodeText, readInputDocument, type InputDocument } from './input/input-file';
import { formatInputErrors, type InputError } from './input/input-error';
import { parseSessions } from './input/session-parser';
import { isTimeZone } from './input/time-zone';
import { metricsTable, type SeriesSource } from './metrics-table';
import { writeMetricsCsv } from './output/csv-writer';
import { writeMetricsJson } from './output/json-writer';
import { methodNote, toSessionLoads } from './session-loads';

/** Reads a whole file; throws a Node.js system error (ENOENT, EISDIR, EACCES …) when it cannot. */
export type ReadFile = (path: string) => Uint8Array;

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export const EXIT_BAD_INPUT = 2;
export const DEFAULT_TIME_ZONE = 'UTC';

export function runMetricsCommand(options: MetricsOptions, readFile: ReadFile): CommandResult {
  const file = options.input;
  const bytes = readBytes(file, readFile);
  if (typeof bytes === 'string') return badInput([bytes]);
  const text = decodeText(bytes);
  if (!text.ok) return badFile(file, text.errors);
  const doc = readInputDocument(file, text.value);
  if (!doc.ok) return badFile(file, doc.errors);

  const timezone = options.timezone ?? doc.value.timezone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timezone)) return badInput([`${file}: unknown time zone "${timezone}" (use an IANA name such as Europe/Berlin, or UTC)`]);
  const athlete = mergeAthlete(doc.value.athlete, options.athlete);
  if (typeof athlete === 'string') return badInput([athlete]);

  const source = seriesSource(doc.value, timezone, athlete);
  if (!source.ok) return badFile(file, source.errors);
  const table = metricsTable(source.value, { from: options.from, to: options.to });
  if (!table.ok) return badInput([table.message]);

  const body = options.format === 'csv' ? writeMetricsCsv(table.days) : writeMetricsJson({ algoVersion: ALGO_VERSION, timezone, days: table.days });
  const notes = [...source.notes, ...table.notes].map((n) => `note: ${n}\n`).join('');
  return { exitCode: 0, stdout: body, stderr: notes };
}

type SourceResult = { ok: true; value: SeriesSource; notes: string[] } | { ok: false; errors: InputError[] };

function seriesSource(doc: InputDocument, timezone: string, athlete: AthleteLoadProfile): SourceResult {
  if (doc.kind === 'dailyLoads') {
    const rows = parseDailyLoads(doc.table);
    return rows.ok ? { ok: true, value: { kind: 'dailyLoads', rows: rows.value }, notes: [] } : rows;
  }
  const rows = parseSessions(doc.table, timezone);
  if (!rows.ok) return rows;
  const { loads, ...methods } = toSessionLoads(rows.value, athlete);
  const note = methodNote(methods);
  return { ok: true, value: { kind: 'sessions', sessions: loads }, notes: note === null ? [] : [note] };
}

function readBytes(file: string, readFile: ReadFile): Uint8Array | string {
  try {
    return readFile(file);
  } catch (e) {
    return `cannot read ${file}: ${describeFsError(e)}`;
  }
}

function describeFsError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  const known: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return known[code] ?? (e instanceof Error ? e.message : String(e));
}

function badFile(file: string, errors: readonly InputError[]): CommandResult {
  return badInput(formatInputErrors(file, errors));
}

function badInput(lines: readonly string[]): CommandResult {
  return { exitCode: EXIT_BAD_INPUT, stdout: '', stderr: lines.map((l) => `error: ${l}\n`).join('') };
}
