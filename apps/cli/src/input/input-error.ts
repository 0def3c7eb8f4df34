/** One problem in an input file, with where it is. */
export interface InputError {
  /** CSV: the 1-based line; JSON: the index in the array (the 1-based line for a syntax error); null: the whole file. */
  line: number | null;
  /** Human-readable place: `line 5`, `sessions[3]`, `athlete`, or `file`. */
  where: string;
  message: string;
}

/** Either the value or the list of problems that prevented it. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: InputError[] };

/** Most problems printed for one file; the rest are counted. */
export const MAX_REPORTED_ERRORS = 20;

export function fileError(message: string): InputError {
  return { line: null, where: 'file', message };
}

export function lineError(line: number, message: string): InputError {
  return { line, where: `line ${line}`, message };
}

export function failed<T>(errors: InputError[]): Parsed<T> {
  return { ok: false, errors };
}

export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** `file: line 4: message` lines, at most MAX_REPORTED_ERRORS of them, in file order. */
export function formatInputErrors(fileName: string, errors: readonly InputError[]): string[] {
  const sorted = [...errors].sort((a, b) => (a.line ?? -1) - (b.line ?? -1));
  const lines = sorted
    .slice(0, MAX_REPORTED_ERRORS)
    .map((e) => (e.where === 'file' ? `${fileName}: ${e.message}` : `${fileName}: ${e.where}: ${e.message}`));
  if (sorted.length > MAX_REPORTED_ERRORS) lines.push(`${fileName}: … and ${sorted.length - MAX_REPORTED_ERRORS} more problems`);
  return lines;
}
