/**
 * A small RFC 4180 CSV reader: quoted fields (with delimiters, doubled quotes and line breaks inside), CRLF, LF
 * or CR line ends, a leading UTF-8 byte-order mark, and blank lines (skipped). A quote inside an unquoted field
 * is kept as text, as spreadsheets do. Each record carries the 1-based line on which it starts.
 */
import { lineError, type InputError } from './input-error';

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  cells: string[];
}

export type CsvDelimiter = ',' | ';' | '\t';

export type CsvReadResult = { ok: true; records: CsvRecord[] } | { ok: false; error: InputError };

const BOM = '\uFEFF';

/** Splits `text` into records. Blank lines (no characters at all) are skipped; `""` is a record with one empty cell. */
export function readCsv(text: string, delimiter: CsvDelimiter = ','): CsvReadResult {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const start = line;
    const cells: string[] = [];
    let blank = true;
    for (;;) {
      let cell: string;
      if (src[i] === '"') {
        blank = false;
        const end = closingQuote(src, i + 1);
        if (end < 0) return { ok: false, error: lineError(line, 'a quoted field is never closed (missing ")') };
        cell = src.slice(i + 1, end).replace(/""/g, '"');
        line += countLineBreaks(cell);
        i = end + 1;
        if (i < src.length && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') {
          return { ok: false, error: lineError(line, `unexpected text after a closing quote: ${JSON.stringify(src.slice(i, i + 10))}`) };
        }
      } else {
        let end = i;
        while (end < src.length && src[end] !== delimiter && src[end] !== '\n' && src[end] !== '\r') end++;
        cell = src.slice(i, end);
        if (cell !== '') blank = false;
        i = end;
      }
      cells.push(cell);
      if (i < src.length && src[i] === delimiter) {
        blank = false;
        i++;
        continue;
      }
      break;
    }
    if (src[i] === '\r') i++;
    if (src[i] === '\n') i++;
    line++;
    if (!blank) records.push({ line: start, cells });
  }
  return { ok: true, records };
}

/**
 * The delimiter of the header line: the most frequent of `,` `;` TAB outside quotes (`,` on a tie or none).
 * Spreadsheets in many European locales save "CSV" with `;` and decimal commas.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  let seenText = false;
  for (const ch of text.startsWith(BOM) ? text.slice(1) : text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenText) break;
      continue;
    } else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
    seenText = true;
  }
  let best: CsvDelimiter = ',';
  for (const [delimiter, n] of counts) if (n > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** Index of the quote that closes a field whose content starts at `from`, or −1. */
function closingQuote(src: string, from: number): number {
  let i = from;
  for (;;) {
    const q = src.indexOf('"', i);
    if (q < 0) return -1;
    if (src[q + 1] !== '"') return q;
    i = q + 2;
  }
}

function countLineBreaks(s: string): number {
  const m = s.match(/\r\n|\r|\n/g);
  return m === null ? 0 : m.length;
}
