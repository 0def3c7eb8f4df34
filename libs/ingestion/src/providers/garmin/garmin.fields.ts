import { createHash } from 'node:crypto';
import { invalid, isRecord } from '../inbound-json';

/**
 * Field readers for Garmin items. Required fields throw a 422 DomainError naming the field by its path
 * (e.g. `activities[1].startTimeInSeconds`); optional fields that are absent or implausible read as null, so one
 * odd value never costs the whole summary.
 */

// Epoch seconds Garmin can plausibly send (2000-01-01 … 2100-01-01): anything else is a unit mistake (ms) or junk.
const MIN_EPOCH_S = 946_684_800;
const MAX_EPOCH_S = 4_102_444_800;
const MAX_DEPTH = 64;

export function requireObject(value: unknown, path: string): Record<string, unknown> {
  if (!isRecord(value)) throw invalid(path, 'must be an object');
  return value;
}

export function requireText(obj: Record<string, unknown>, field: string, path: string, maxLength = 500): string {
  const v = obj[field];
  if (typeof v !== 'string' || v.trim().length === 0 || v.length > maxLength) throw invalid(`${path}.${field}`, 'must be a non-empty string');
  return v;
}

export function optionalText(obj: Record<string, unknown>, field: string, maxLength = 500): string | null {
  const v = obj[field];
  return typeof v === 'string' && v.length > 0 && v.length <= maxLength ? v : null;
}

/** An id Garmin sends as a string or an integer (activityId is documented as both). */
export function optionalId(obj: Record<string, unknown>, field: string): string | null {
  const v = obj[field];
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  if (typeof v === 'string' && v.trim().length > 0 && v.length <= 200) return v;
  return null;
}

export function requireEpochSeconds(obj: Record<string, unknown>, field: string, path: string): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < MIN_EPOCH_S || v > MAX_EPOCH_S) throw invalid(`${path}.${field}`, 'must be epoch seconds');
  return Math.floor(v);
}

export function optionalEpochSeconds(obj: Record<string, unknown>, field: string): number | null {
  const v = obj[field];
  return typeof v === 'number' && Number.isFinite(v) && v >= MIN_EPOCH_S && v <= MAX_EPOCH_S ? Math.floor(v) : null;
}

export function requireSeconds(obj: Record<string, unknown>, field: string, path: string, max = 7 * 86_400): number {
  const v = obj[field];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) throw invalid(`${path}.${field}`, `must be a number of seconds (0–${max})`);
  return v;
}

/** A finite number within [min, max], else null. */
export function numberIn(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : null;
}

/** A heart rate a human can have (bpm), rounded; anything else is a sensor artefact and reads as null. */
export function heartRate(value: unknown): number | null {
  const v = numberIn(value, 20, 250);
  return v === null ? null : Math.round(v);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The calendar day a wellness summary belongs to: `calendarDate` when it is a real date, else the device's local
 * day of `startTimeInSeconds + startTimeOffsetInSeconds` (the docs' second dailies example has no calendarDate).
 */
export function calendarDateOf(obj: Record<string, unknown>, path: string): string {
  const v = obj.calendarDate;
  if (typeof v === 'string' && DATE.test(v)) {
    const d = new Date(`${v}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v) return v;
    throw invalid(`${path}.calendarDate`, 'must be a date (YYYY-MM-DD)');
  }
  if (v !== undefined && v !== null) throw invalid(`${path}.calendarDate`, 'must be a date (YYYY-MM-DD)');
  const start = requireEpochSeconds(obj, 'startTimeInSeconds', path);
  const offset = numberIn(obj.startTimeOffsetInSeconds, -86_400, 86_400) ?? 0;
  return new Date((start + offset) * 1000).toISOString().slice(0, 10);
}

/**
 * A short, stable fingerprint of an item (keys sorted, so a re-serialisation does not change it). Garmin re-sends
 * an updated summary under the same summaryId; the fingerprint tells an update from a retry of the same item.
 */
export function fingerprint(value: unknown, path: string): string {
  return createHash('sha256').update(canonicalJson(value, path, 0)).digest('base64url').slice(0, 22);
}

function canonicalJson(value: unknown, path: string, depth: number): string {
  if (depth > MAX_DEPTH) throw invalid(path, `is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, path, depth + 1)).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k], path, depth + 1)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
