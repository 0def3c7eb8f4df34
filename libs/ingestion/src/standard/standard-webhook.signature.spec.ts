import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { signStandardWebhook, verifyStandardWebhook } from './standard-webhook.signature';

// Vector from webhooks.md §13 (cross-checked there against the official svix package).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1772348400',
  body: '{"test": 2432232314}',
  signature: 'v1,2im3QDk0ydTeQzaJ8kQ9riGTOQk28l4/BA8rAPZoVPw=',
};

const codeOf = (fn: () => unknown): ErrorCode | 'none' => {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
};

const secretArb = fc.uint8Array({ minLength: 16, maxLength: 48 }).map((b) => `whsec_${Buffer.from(b).toString('base64')}`);

describe('Standard Webhooks signature', () => {
  it('should reproduce the published test vector', () => {
    expect(signStandardWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    const req = { id: VECTOR.id, timestamp: VECTOR.timestamp, signature: VECTOR.signature, body: Buffer.from(VECTOR.body) };
    expect(verifyStandardWebhook(req, [VECTOR.secret], 1772348400)).toBe(0);
  });

  it('should accept any correctly signed request within the tolerance', () => {
    fc.assert(
      fc.property(secretArb, fc.string({ minLength: 1, maxLength: 40 }), fc.uint8Array({ maxLength: 300 }), fc.integer({ min: -300, max: 300 }), (secret, id, body, skew) => {
        const ts = 1_800_000_000;
        const signature = signStandardWebhook(secret, id, ts, Buffer.from(body));
        return verifyStandardWebhook({ id, timestamp: String(ts), signature, body: Buffer.from(body) }, [secret], ts + skew) === 0;
      }),
    );
  });

  it('should reject a body changed in any byte', () => {
    fc.assert(
      fc.property(secretArb, fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (secret, body, at, flip) => {
        const ts = '1800000000';
        const signature = signStandardWebhook(secret, 'msg_1', ts, Buffer.from(body));
        const tampered = Buffer.from(body);
        tampered[at % tampered.length] ^= flip;
        return codeOf(() => verifyStandardWebhook({ id: 'msg_1', timestamp: ts, signature, body: tampered }, [secret], 1_800_000_000)) === ErrorCode.SignatureInvalid;
      }),
    );
  });

  it('should reject a timestamp more than five minutes away, in either direction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 301, max: 10_000_000 }), fc.boolean(), (skew, future) => {
        const now = 1_800_000_000;
        const ts = String(future ? now + skew : now - skew);
        const signature = signStandardWebhook(VECTOR.secret, 'msg_1', ts, 'x');
        return codeOf(() => verifyStandardWebhook({ id: 'msg_1', timestamp: ts, signature, body: Buffer.from('x') }, [VECTOR.secret], now)) === ErrorCode.TimestampOutOfTolerance;
      }),
    );
  });

  it('should find the secret that signed among several, and accept rotated signature lists', () => {
    const other = 'whsec_' + Buffer.alloc(24, 1).toString('base64');
    const ts = '1800000000';
    const good = signStandardWebhook(VECTOR.secret, 'msg_2', ts, 'body');
    const stale = signStandardWebhook(other, 'msg_2', ts, 'different');
    const req = { id: 'msg_2', timestamp: ts, signature: `${stale} v2,abc ${good}`, body: Buffer.from('body') };
    expect(verifyStandardWebhook(req, [other, VECTOR.secret], 1_800_000_000)).toBe(1);
  });

  it('should say which header is missing or malformed', () => {
    const body = Buffer.from('x');
    expect(codeOf(() => verifyStandardWebhook({ id: undefined, timestamp: '1', signature: 'v1,a', body }, [VECTOR.secret], 1))).toBe(ErrorCode.SignatureMissing);
    expect(codeOf(() => verifyStandardWebhook({ id: 'a', timestamp: 'yesterday', signature: 'v1,a', body }, [VECTOR.secret], 1))).toBe(ErrorCode.TimestampOutOfTolerance);
    expect(codeOf(() => verifyStandardWebhook({ id: 'a', timestamp: '1', signature: 'v1,not-it', body }, [VECTOR.secret], 1))).toBe(ErrorCode.SignatureInvalid);
    expect(codeOf(() => verifyStandardWebhook({ id: 'a', timestamp: '1', signature: 'v1,a', body }, [], 1))).toBe(ErrorCode.SignatureInvalid);
  });
});
