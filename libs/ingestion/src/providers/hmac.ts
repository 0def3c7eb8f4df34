import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC over the concatenation of `parts` (raw bytes and strings), encoded as the platform sends it. */
export function hmac(algorithm: 'sha1' | 'sha256', key: string | Buffer, parts: (string | Buffer)[], encoding: 'hex' | 'base64'): string {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest(encoding);
}

/** Constant-time comparison of a computed signature with the one a request carried (lengths checked first). */
export function signatureMatches(expected: string, offered: string | undefined, options: { caseInsensitive?: boolean } = {}): boolean {
  if (!offered) return false;
  const a = Buffer.from(options.caseInsensitive ? expected.toLowerCase() : expected);
  const b = Buffer.from(options.caseInsensitive ? offered.trim().toLowerCase() : offered.trim());
  return a.length === b.length && timingSafeEqual(a, b);
}
