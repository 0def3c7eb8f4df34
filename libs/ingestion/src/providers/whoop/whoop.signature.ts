import { DomainError, ErrorCode } from '@app/common';
import { hmac, signatureMatches } from '../hmac';

/**
 * Replay window for `X-WHOOP-Signature-Timestamp`, either direction: ±300 s.
 * WHOOP does not publish one. 300 s is what open-wearables enforces for WHOOP (webhooks.md §7b) and the default of
 * Svix, Terra and Stripe; it is symmetric because the two clocks can be off either way. A replay inside the window
 * is harmless anyway: the event only names an id that the worker fetches back, and a repeated trace id is a
 * duplicate. UNCONFIRMED: whether WHOOP re-signs retries with a fresh timestamp; if it did not, retries later than
 * this window would be refused.
 */
export const WHOOP_TIMESTAMP_TOLERANCE_MS = 300_000;

/** base64(HMAC-SHA256(client_secret, timestamp + raw body)) (webhooks.md §7b). */
export function signWhoopWebhook(clientSecret: string, timestampMs: string, rawBody: Buffer | string): string {
  return hmac('sha256', clientSecret, [timestampMs, rawBody], 'base64');
}

export function verifyWhoopSignature(headers: Record<string, string | undefined>, rawBody: Buffer, clientSecret: string, now: Date): void {
  const signature = headers['x-whoop-signature'];
  const timestamp = headers['x-whoop-signature-timestamp'];
  if (!signature || !timestamp) throw new DomainError(ErrorCode.SignatureMissing, 'X-WHOOP-Signature and X-WHOOP-Signature-Timestamp headers are required');
  if (!/^\d{1,15}$/.test(timestamp)) throw new DomainError(ErrorCode.TimestampOutOfTolerance, 'X-WHOOP-Signature-Timestamp must be epoch milliseconds');
  if (Math.abs(now.getTime() - Number(timestamp)) > WHOOP_TIMESTAMP_TOLERANCE_MS) {
    throw new DomainError(ErrorCode.TimestampOutOfTolerance, `X-WHOOP-Signature-Timestamp is more than ${WHOOP_TIMESTAMP_TOLERANCE_MS / 1000} s from now`);
  }
  if (!signatureMatches(signWhoopWebhook(clientSecret, timestamp, rawBody), signature)) {
    throw new DomainError(ErrorCode.SignatureInvalid, 'X-WHOOP-Signature does not match the body');
  }
}
