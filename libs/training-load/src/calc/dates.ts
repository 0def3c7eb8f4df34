/**
 * Date helpers on plain `YYYY-MM-DD` calendar-day strings (no time, no zone), plus `localDate` to map an
 * instant to an athlete's local calendar day. Calendar days are handled as integer day numbers
 * (days since 1970-01-01 in the proleptic Gregorian calendar), so DST never shifts a day.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar day written as `YYYY-MM-DD` (e.g. not `2026-02-30`). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && parseOrNull(value) !== null;
}

/** Day number (days since 1970-01-01) of a `YYYY-MM-DD` string; throws a RangeError for anything else. */
export function toDayNumber(date: string): number {
  const day = parseOrNull(date);
  if (day === null) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return day;
}

/** `YYYY-MM-DD` of a day number; throws a RangeError outside years 0000–9999. */
export function fromDayNumber(day: number): string {
  if (!Number.isInteger(day)) throw new RangeError(`day number must be an integer, got ${day}`);
  const d = new Date(day * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`date out of range (years 0000-9999): day ${day}`);
  return `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/** `date` shifted by `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (`to − from`): 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** Every day from `from` to `to`, both included; empty when `to` is before `from`. */
export function eachDay(from: string, to: string): string[] {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  const out: string[] = [];
  for (let day = start; day <= end; day++) out.push(fromDayNumber(day));
  return out;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day (`YYYY-MM-DD`) that `instant` falls on in the IANA `timeZone` (e.g. `Europe/Berlin`).
 * Uses the platform's time-zone database through Intl, so DST transitions and half-hour zones are handled;
 * throws a RangeError for an invalid Date or an unknown zone.
 */
export function localDate(instant: Date, timeZone: string): string {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError('localDate: instant is not a valid Date');
  let fmt = formatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      era: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  let year = Number.NaN;
  let month = Number.NaN;
  let day = Number.NaN;
  let bce = false;
  for (const part of fmt.formatToParts(ms)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'era') bce = part.value.startsWith('B');
  }
  if (bce) year = 1 - year;
  if (!(year >= 0 && year <= 9999) || !Number.isInteger(month) || !Number.isInteger(day)) {
    throw new RangeError(`localDate: instant out of range (years 0000-9999): ${instant.toISOString()}`);
  }
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function parseOrNull(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day); // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.round(d.getTime() / MS_PER_DAY);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
