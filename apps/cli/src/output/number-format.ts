/** Decimals written in CSV: enough to check a spreadsheet to 1e-6. */
export const CSV_DECIMALS = 6;

/** A number for a CSV cell: integers as they are, others rounded to 6 decimals without trailing zeros; never `-0`. */
export function formatCsvNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot write a non-finite number: ${value}`);
  if (Number.isInteger(value)) return value === 0 ? '0' : String(value);
  const text = value.toFixed(CSV_DECIMALS).replace(/\.?0+$/, '');
  return text === '-0' ? '0' : text;
}
