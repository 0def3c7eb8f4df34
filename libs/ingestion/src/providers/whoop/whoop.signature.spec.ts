import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { signWhoopWebhook, verifyWhoopSignature, WHOOP_TIMESTAMP_TOLERANCE_MS } from './whoop.signature';

// webhooks.md §13 (no vendor-published vector exists for WHOOP: this one checks our reading of the algorithm).
const VECTOR = {
  secret: 'whoop_client_secret_example',
  timestamp: '1772348400000',
  body: '{"user_id":10129,"id":"ecfc6a15-4661-442f-a9a4-f160dd7afae8","type":"workout.updated","trace_id":"e369c784-5100-49e8-8098-75d35c47b31b"}',
  signature: 'e+XL8P0Z8GlAm+WPgXWGUcYVVb24eVmhOvFXwgj2+XI=',
};
const frozen = new Date(Number(VECTOR.timestamp));

const headers = (signature: string | undefined, timestamp: string | undefined) => ({ 'x-whoop-signature': signature, 'x-whoop-signature-timestamp': timestamp });

const codeOf = (fn: () => unknown): ErrorCode | 'none' => {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
};

describe('WHOOP webhook signature', () => {
  it('should reproduce the §13 vector and accept it with the clock frozen at its timestamp', () => {
    expect(signWhoopWebhook(VECTOR.secret, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(codeOf(() => verifyWhoopSignature(headers(VECTOR.signature, VECTOR.timestamp), Buffer.from(VECTOR.body), VECTOR.secret, frozen))).toBe('none');
  });

  it('should accept the vector up to 300 s either side and refuse it beyond', () => {
    const at = (skewMs: number) => codeOf(() => verifyWhoopSignature(headers(VECTOR.signature, VECTOR.timestamp), Buffer.from(VECTOR.body), VECTOR.secret, new Date(frozen.getTime() + skewMs)));
    expect(at(WHOOP_TIMESTAMP_TOLERANCE_MS)).toBe('none');
    expect(at(-WHOOP_TIMESTAMP_TOLERANCE_MS)).toBe('none');
    expect(at(WHOOP_TIMESTAMP_TOLERANCE_MS + 1)).toBe(ErrorCode.TimestampOutOfTolerance);
    expect(at(-WHOOP_TIMESTAMP_TOLERANCE_MS - 1)).toBe(ErrorCode.TimestampOutOfTolerance);
  });

  it('should refuse a request without either header, or with a timestamp that is not epoch milliseconds', () => {
    const body = Buffer.from(VECTOR.body);
    expect(codeOf(() => verifyWhoopSignature(headers(undefined, VECTOR.timestamp), body, VECTOR.secret, frozen))).toBe(ErrorCode.SignatureMissing);
    expect(codeOf(() => verifyWhoopSignature(headers(VECTOR.signature, undefined), body, VECTOR.secret, frozen))).toBe(ErrorCode.SignatureMissing);
    expect(codeOf(() => verifyWhoopSignature(headers(VECTOR.signature, '2026-03-01T07:00:00Z'), body, VECTOR.secret, frozen))).toBe(ErrorCode.TimestampOutOfTolerance);
  });

  it('should refuse the vector signed with another secret or over another timestamp', () => {
    const body = Buffer.from(VECTOR.body);
    expect(codeOf(() => verifyWhoopSignature(headers(VECTOR.signature, VECTOR.timestamp), body, 'another_secret', frozen))).toBe(ErrorCode.SignatureInvalid);
    expect(codeOf(() => verifyWhoopSignature(headers(VECTOR.signature, '1772348400001'), body, VECTOR.secret, frozen))).toBe(ErrorCode.SignatureInvalid);
  });

  it('should refuse a body changed in any byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
        const body = Buffer.from(bytes);
        const signature = signWhoopWebhook(VECTOR.secret, VECTOR.timestamp, body);
        const tampered = Buffer.from(body);
        tampered[at % tampered.length] ^= flip;
        return (
          codeOf(() => verifyWhoopSignature(headers(signature, VECTOR.timestamp), body, VECTOR.secret, frozen)) === 'none' &&
          codeOf(() => verifyWhoopSignature(headers(signature, VECTOR.timestamp), tampered, VECTOR.secret, frozen)) === ErrorCode.SignatureInvalid
        );
      }),
    );
  });
});
