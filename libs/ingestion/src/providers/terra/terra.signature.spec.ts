import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { signTerraWebhook, terraSignatureHeader, TERRA_TIMESTAMP_TOLERANCE_S, verifyTerraSignature } from './terra.signature';

// Terra's published vector (webhooks.md §13, [TERRA-VEC-3P]): the real deauth body of §9f, byte for byte.
const TERRA_VECTOR = {
  secret: '66142e0c2960f788b19830807d4aa25cfd27a610ec65fd36',
  body: '{"user": {"last_webhook_update": null, "provider": "FITBIT", "user_id": "d81ea08d-ad4d-44bd-8394-ee4b68a3f96f", "scopes": null}, "type": "deauth", "status": "success", "message": "User has deauthenticated", "version": "2022-03-16"}',
  header: 't=1669742999,v1=c885ce58891b69ab5b6c8fc7536544f4f515f2e22ec811152849295b3d995c93',
  t: 1669742999,
};
const frozen = new Date(TERRA_VECTOR.t * 1000);

const codeOf = (fn: () => unknown): ErrorCode | 'none' => {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
};

describe('Terra webhook signature', () => {
  it("should verify Terra's published vector with the clock frozen at its t", () => {
    expect(terraSignatureHeader(TERRA_VECTOR.secret, TERRA_VECTOR.t, TERRA_VECTOR.body)).toBe(TERRA_VECTOR.header);
    expect(verifyTerraSignature(TERRA_VECTOR.header, Buffer.from(TERRA_VECTOR.body), TERRA_VECTOR.secret, frozen)).toBe(TERRA_VECTOR.t);
  });

  it('should refuse a t more than 300 s old, and accept one ahead of our clock like the SDK does', () => {
    const at = (skewS: number) => codeOf(() => verifyTerraSignature(TERRA_VECTOR.header, Buffer.from(TERRA_VECTOR.body), TERRA_VECTOR.secret, new Date(frozen.getTime() + skewS * 1000)));
    expect(at(TERRA_TIMESTAMP_TOLERANCE_S)).toBe('none');
    expect(at(TERRA_TIMESTAMP_TOLERANCE_S + 1)).toBe(ErrorCode.TimestampOutOfTolerance);
    expect(at(-3600)).toBe('none');
  });

  it('should accept the header when any of several v1 signatures matches (secret rotation), whatever their case', () => {
    const good = signTerraWebhook(TERRA_VECTOR.secret, TERRA_VECTOR.t, TERRA_VECTOR.body);
    const header = `t=${TERRA_VECTOR.t}, v1=${'0'.repeat(64)}, v1=${good.toUpperCase()}`;
    expect(codeOf(() => verifyTerraSignature(header, Buffer.from(TERRA_VECTOR.body), TERRA_VECTOR.secret, frozen))).toBe('none');
  });

  it('should refuse a missing, malformed or wrong signature with the right code', () => {
    const body = Buffer.from(TERRA_VECTOR.body);
    const check = (header: string | undefined, secret = TERRA_VECTOR.secret) => codeOf(() => verifyTerraSignature(header, body, secret, frozen));
    expect(check(undefined)).toBe(ErrorCode.SignatureMissing);
    expect(check('v1=abc')).toBe(ErrorCode.SignatureInvalid);
    expect(check(`t=${TERRA_VECTOR.t}`)).toBe(ErrorCode.SignatureInvalid);
    expect(check(`t=yesterday,v1=${'a'.repeat(64)}`)).toBe(ErrorCode.SignatureInvalid);
    expect(check(TERRA_VECTOR.header, 'another-secret')).toBe(ErrorCode.SignatureInvalid);
    expect(check(TERRA_VECTOR.header.replace('t=1669742999', 't=1669742998'))).toBe(ErrorCode.SignatureInvalid);
  });

  it('should refuse a body changed in any byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.nat(), fc.integer({ min: 1, max: 255 }), (bytes, at, flip) => {
        const body = Buffer.from(bytes);
        const header = terraSignatureHeader(TERRA_VECTOR.secret, TERRA_VECTOR.t, body);
        const tampered = Buffer.from(body);
        tampered[at % tampered.length] ^= flip;
        return (
          codeOf(() => verifyTerraSignature(header, body, TERRA_VECTOR.secret, frozen)) === 'none' &&
          codeOf(() => verifyTerraSignature(header, tampered, TERRA_VECTOR.secret, frozen)) === ErrorCode.SignatureInvalid
        );
      }),
    );
  });
});
