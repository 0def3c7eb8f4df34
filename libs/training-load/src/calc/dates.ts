/**
 * Date helpers on plain `YYYY-MM-DD` calendar-day strings (no time, no zone), plus `localDate` to map an
 * instant to an athlete's local calendar day. Calendar days are handled as integer day numbers
 * (days since 1970-01-01 in the proleptic Gregorian calendar), so DST never shifts a day.
 */


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
  const { year, month, dayOfMonth } = civilFromDays(day);
  if (!(year >= 0 && year <= 9999)) throw new RangeError(`date out of range (years 0000-9999): day ${day}`);
  return `${pad(year, 4)}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
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

// Integer calendar arithmetic (H. Hinnant's days_from_civil / civil_from_days): the metric engine converts a
// date per day of every series, and building Date objects or running a regex for each was its hottest path.
const DIGIT_0 = 48;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - DIGIT_0;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): { year: number; month: number; dayOfMonth: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth };
}

function parseOrNull(date: string): number | null {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  const day = digits(date, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return null;
  const monthDays = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
  if (day > monthDays) return null;
  return daysFromCivil(year, month, day);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
