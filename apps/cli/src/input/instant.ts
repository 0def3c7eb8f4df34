import { isIsoDate, toDayNumber } from '../../../../libs/training-load/src/calc';

const INSTANT = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/;
const MS_PER_DAY = 86_400_000;

export type InstantResult = { ok: true; instant: Date } | { ok: false; message: string };

/**
 * An ISO 8601 date-time with a UTC offset (`2026-03-29T01:30:00+01:00`, `…Z`, `…+0100`, seconds and fractions
 * optional). A time without an offset is refused: which day it falls on would be a guess.
 */
export function parseInstant(text: string): InstantResult {
  const m = INSTANT.exec(text);
  const example = 'e.g. 2026-03-29T01:30:00+01:00';
  if (m === null) return { ok: false, message: `must be an ISO 8601 date-time with a UTC offset (${example})` };
  const [, date, hh, mm, ss = '0', fraction = '', zulu, sign, offH, offM = '00'] = m;
  if (zulu === undefined && sign === undefined) {
    return { ok: false, message: `has no UTC offset; add Z or ±HH:MM (${example})` };
  }
  if (!isIsoDate(date)) return { ok: false, message: `is not a real calendar date (${String(date)})` };
  const [h, min, s] = [Number(hh), Number(mm), Number(ss)];
  if (h > 23 || min > 59 || s > 59) return { ok: false, message: `has an impossible time of day (${hh}:${mm}:${ss.padStart(2, '0')})` };
  let offsetMin = 0;
  if (sign !== undefined) {
    const [oh, om] = [Number(offH), Number(offM)];
    if (oh > 14 || om > 59) return { ok: false, message: `has an impossible UTC offset (${sign}${offH}:${offM})` };
    offsetMin = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const ms = Math.round(Number(`0.${fraction || '0'}`) * 1000);
  const epoch = toDayNumber(date) * MS_PER_DAY + ((h * 60 + min - offsetMin) * 60 + s) * 1000 + ms;
  return { ok: true, instant: new Date(epoch) };
}
