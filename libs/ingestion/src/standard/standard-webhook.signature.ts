import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '@app/common';

// Standard Webhooks (standardwebhooks.com): v1 = base64(HMAC-SHA256(base64decode(secret sans "whsec_"), "id.ts.body")).

export const TIMESTAMP_TOLERANCE_S = 5 * 60;

export interface SignedRequest {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: Buffer;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

export function signStandardWebhook(secret: string, id: string, timestamp: number | string, body: Buffer | string): string {
  const mac = createHmac('sha256', keyOf(secret)).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

export function generateWebhookSecret(randomBytes: Buffer): string {
  return `whsec_${randomBytes.toString('base64')}`;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Returns the index of the secret that signed the request, or throws a coded error.
 * The header may hold several space-separated signatures (secret rotation); any v1 match is enough.
 */
export function verifyStandardWebhook(req: SignedRequest, secrets: readonly string[], nowS: number): number {
  if (!req.id || !req.timestamp || !req.signature) {
    throw new DomainError(ErrorCode.SignatureMissing, 'webhook-id, webhook-timestamp and webhook-signature headers are required');
  }
  if (!/^\d{1,12}$/.test(req.timestamp)) {
    throw new DomainError(ErrorCode.TimestampOutOfTolerance, 'webhook-timestamp must be Unix seconds');
  }
  if (Math.abs(nowS - Number(req.timestamp)) > TIMESTAMP_TOLERANCE_S) {
    throw new DomainError(ErrorCode.TimestampOutOfTolerance, `webhook-timestamp is more than ${TIMESTAMP_TOLERANCE_S} s from now`);
  }
  const offered = req.signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));
  for (let i = 0; i < secrets.length; i++) {
    const expected = signStandardWebhook(secrets[i], req.id, req.timestamp, req.body).slice(3);
    // Check every offered signature without stopping early on a match, to keep timing flat per secret.
    let matched = false;
    for (const candidate of offered) matched = safeEqual(expected, candidate) || matched;
    if (matched) return i;
  }
  throw new DomainError(ErrorCode.SignatureInvalid, 'webhook-signature does not match the body');
}
