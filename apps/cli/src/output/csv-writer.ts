import type { DailyMetrics } from '../../../../libs/training-load/src/calc';
import { METRIC_FIELDS } from './metric-fields';
import { formatCsvNumber } from './number-format';

/** A cell quoted when it has to be (delimiter, quote, line break, leading byte-order mark), quotes doubled. */
export function quoteCsvCell(cell: string, delimiter = ','): string {
  const needsQuotes = cell.includes('"') || cell.includes('\n') || cell.includes('\r') || cell.includes(delimiter) || cell.startsWith('\uFEFF');
  return needsQuotes ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One CSV line without its line end. A row of one empty cell is written `""` so it is not read as a blank line. */
export function csvLine(cells: readonly string[], delimiter = ','): string {
  if (cells.length === 1 && cells[0] === '') return '""';
  return cells.map((c) => quoteCsvCell(c, delimiter)).join(delimiter);
}

/** The metric table as CSV: a header of the SPEC §6 field names, one line per day, an empty cell for null. */
export function writeMetricsCsv(days: readonly DailyMetrics[]): string {
  const lines = [csvLine(METRIC_FIELDS)];
  for (const day of days) lines.push(csvLine(METRIC_FIELDS.map((field) => csvValue(day[field]))));
  return `${lines.join('\n')}\n`;
}

function csvValue(value: string | number | null): string {
  if (value === null) return '';
  return typeof value === 'number' ? formatCsvNumber(value) : value;
}
