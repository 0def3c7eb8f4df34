import { timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '@app/common';

/** Parses a platform's JSON body; a body that is not JSON is a 400, never a 500. */
export function parseJsonBody(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new DomainError(ErrorCode.MalformedJson, 'Request body is not valid JSON');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A 422 naming the field that is missing or of the wrong type. */
export function invalid(field: string, problem: string): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, `${field} ${problem}`, [{ field, problems: [problem] }]);
}

export function requireString(obj: Record<string, unknown>, field: string): string {
  const v = obj[field];
  if (typeof v !== 'string' || v.length === 0 || v.length > 500) throw invalid(field, 'must be a non-empty string');
  return v;
}

export function requireId(obj: Record<string, unknown>, field: string): string {
  const v = obj[field];
  if ((typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && v.length > 0 && v.length <= 200)) return String(v);
  throw invalid(field, 'must be an id (string or integer)');
}

export function optionalNumber(obj: Record<string, unknown>, field: string): number | null {
  const v = obj[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Compares a secret from a request to the configured one in constant time. */
export function secretMatches(offered: string | undefined, expected: string | undefined): boolean {
  if (!offered || !expected) return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
