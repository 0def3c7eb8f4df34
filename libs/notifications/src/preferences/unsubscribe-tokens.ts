import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { DomainError, ErrorCode } from '@app/common';
import { PREFERENCE_KINDS, PreferenceKind } from './delivery-policy';

export interface UnsubscribeClaims {
  email: string;
  kind: PreferenceKind;
}

/** Marks a token that is malformed, tampered with or signed with another key (the HTTP layer answers 400). */
export const UNSUBSCRIBE_TOKEN_INVALID = 'UNSUBSCRIBE_TOKEN_INVALID';

// `<payload>.<signature>`, both base64url; the signature is HMAC-SHA256 (32 bytes → 43 characters).
const TOKEN_SHAPE = /^([A-Za-z0-9_-]{1,1024})\.([A-Za-z0-9_-]{43})$/;

/**
 * Signed, stateless unsubscribe tokens: `base64url(JSON {v, e, k}).base64url(HMAC-SHA256)`. The key is derived from
 * APP_SECRET with HKDF under its own purpose, so it is independent of the SecretBox key. A token does not expire:
 * the link in an old email keeps working (RFC 8058 expects that); rotating APP_SECRET invalidates all of them.
 */
export class UnsubscribeTokens {
  private readonly key: Buffer;

  constructor(appSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', appSecret, Buffer.alloc(0), 'loadwatch:unsubscribe-token:v1', 32));
  }

  sign(claims: UnsubscribeClaims): string {
    const payload = Buffer.from(JSON.stringify({ v: 1, e: claims.email.trim().toLowerCase(), k: claims.kind }), 'utf8').toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The claims of a genuine token; anything else throws DomainError(SignatureInvalid) with reason UNSUBSCRIBE_TOKEN_INVALID. */
  verify(token: string): UnsubscribeClaims {
    const match = typeof token === 'string' ? TOKEN_SHAPE.exec(token) : null;
    if (!match) throw invalid('is malformed');
    const [, payload, signature] = match;
    // Compare the canonical text (not decoded bytes): base64url's last character has spare bits, and a changed
    // spare bit must not pass. Both sides are 43 ASCII characters here.
    const expected = Buffer.from(this.mac(payload), 'ascii');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'ascii'))) throw invalid('has an invalid signature');
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid('has an unreadable payload');
    }
    const { v, e, k } = (body ?? {}) as { v?: unknown; e?: unknown; k?: unknown };
    if (v !== 1 || typeof e !== 'string' || e.length === 0 || !(PREFERENCE_KINDS as readonly unknown[]).includes(k)) throw invalid('has an unknown payload');
    return { email: e, kind: k as PreferenceKind };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload, 'ascii').digest('base64url');
  }
}

function invalid(why: string): DomainError {
  return new DomainError(ErrorCode.SignatureInvalid, `The unsubscribe link ${why}`, { reason: UNSUBSCRIBE_TOKEN_INVALID });
}

/** `${publicUrl}/unsubscribe?token=…` (publicUrl has no trailing slash; AppConfig strips it). */
export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/unsubscribe?token=${encodeURIComponent(token)}`;
}

/** RFC 8058 one-click headers (RFC 2369 angle brackets). The message must also be DKIM-signed covering them. */
export function listUnsubscribeHeaders(url: string): { 'List-Unsubscribe': string; 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
