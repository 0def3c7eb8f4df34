import { DomainError, ErrorCode } from '@app/common';
import { hmac, signatureMatches } from '../hmac';

/**
 * `terra-signature: t=<unix s>,v1=<hex>[,v1=<hex>…]` = hex(HMAC-SHA256(signing secret, `${t}.${raw body}`))
 * (webhooks.md §9b, checked against Terra's published vector in §13).
 * Tolerance as in Terra's own SDK (`verifyTerraWebhookSignature`): a `t` more than 300 s old is refused. A `t`
 * ahead of our clock is not: only the holder of the secret can produce one, so it says nothing about replay.
 */
export const TERRA_TIMESTAMP_TOLERANCE_S = 300;

export function signTerraWebhook(secret: string, t: number | string, rawBody: Buffer | string): string {
  return hmac('sha256', secret, [`${t}.`, rawBody], 'hex');
}

export function terraSignatureHeader(secret: string, t: number | string, rawBody: Buffer | string): string {
  return `t=${t},v1=${signTerraWebhook(secret, t, rawBody)}`;
}

/** Returns the signed timestamp (Unix seconds) of a genuine delivery; throws a coded DomainError otherwise. */
export function verifyTerraSignature(header: string | undefined, rawBody: Buffer, secret: string, now: Date): number {
  if (!header) throw new DomainError(ErrorCode.SignatureMissing, 'terra-signature header is required');
  let t: string | null = null;
  const offered: string[] = [];
  for (const part of header.split(',').slice(0, 20)) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq > 0 && key === 't') t = value;
    if (eq > 0 && key === 'v1') offered.push(value);
  }
  if (t === null || !/^\d{1,12}$/.test(t) || offered.length === 0) throw new DomainError(ErrorCode.SignatureInvalid, 'terra-signature must be "t=<unix seconds>,v1=<hex>"');
  if (Math.floor(now.getTime() / 1000) - Number(t) > TERRA_TIMESTAMP_TOLERANCE_S) {
    throw new DomainError(ErrorCode.TimestampOutOfTolerance, `terra-signature timestamp is more than ${TERRA_TIMESTAMP_TOLERANCE_S} s old`);
  }
  const expected = signTerraWebhook(secret, t, rawBody);
  // Every offered v1 is compared (constant time each), so timing does not tell which one matched.
  let matched = false;
  for (const candidate of offered) matched = signatureMatches(expected, candidate, { caseInsensitive: true }) || matched;
  if (!matched) throw new DomainError(ErrorCode.SignatureInvalid, 'terra-signature does not match the body');
  return Number(t);
}
