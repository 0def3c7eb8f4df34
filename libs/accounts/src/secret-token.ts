import { createHash, randomBytes } from 'node:crypto';

/** A new secret for a link or a cookie: 32 random bytes, base64url; prefixed so a leaked one is recognisable. */
export function newSecretToken(prefix: 'lws' | 'lwt' | 'lwr' | 'lwi'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** What is stored instead of the token. SHA-256 suffices: the token has 256 bits of entropy, nothing to brute-force. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
