import fc from 'fast-check';
import { DomainError, ErrorCode } from '@app/common';
import { PREFERENCE_KINDS } from './delivery-policy';
import { listUnsubscribeHeaders, UNSUBSCRIBE_TOKEN_INVALID, unsubscribeUrl, UnsubscribeTokens } from './unsubscribe-tokens';

const tokens = new UnsubscribeTokens('test-app-secret-of-enough-length-0123456789');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ %';

function rejected(token: string): boolean {
  try {
    tokens.verify(token);
    return false;
  } catch (error) {
    return error instanceof DomainError && error.code === ErrorCode.SignatureInvalid && (error.details as { reason: string }).reason === UNSUBSCRIBE_TOKEN_INVALID;
  }
}

describe('UnsubscribeTokens', () => {
  const claims = fc.record({ email: fc.emailAddress(), kind: fc.constantFrom(...PREFERENCE_KINDS) });

  it('round-trips (the address lower-cased)', () => {
    fc.assert(fc.property(claims, (c) => expect(tokens.verify(tokens.sign(c))).toEqual({ email: c.email.toLowerCase(), kind: c.kind })));
  });

  it('rejects any single-character change', () => {
    fc.assert(
      fc.property(claims, fc.nat(), fc.constantFrom(...ALPHABET), (c, i, ch) => {
        const token = tokens.sign(c);
        const pos = i % token.length;
        fc.pre(token[pos] !== ch);
        expect(rejected(token.slice(0, pos) + ch + token.slice(pos + 1))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects a change in the spare bits of the last signature character', () => {
    const token = tokens.sign({ email: 'a@b.test', kind: 'digest' });
    const last = token.at(-1) as string;
    const i = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(last);
    const sibling = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[i ^ 1];
    expect(Buffer.from(token.slice(-43, -1) + sibling, 'base64url')).toEqual(Buffer.from(token.slice(-43), 'base64url')); // same bytes…
    expect(rejected(token.slice(0, -1) + sibling)).toBe(true); // …still rejected
  });

  it('rejects tokens signed with another secret, truncated, extended or empty', () => {
    const foreign = new UnsubscribeTokens('another-secret-another-secret-another').sign({ email: 'a@b.test', kind: 'overtraining' });
    const token = tokens.sign({ email: 'a@b.test', kind: 'overtraining' });
    for (const bad of [foreign, token.slice(0, -1), `${token}A`, '', '.', token.split('.')[0], `${token}.x`]) expect(rejected(bad)).toBe(true);
  });

  it('rejects a correctly signed payload of the wrong shape', () => {
    // Signed with the real key through the private MAC: proves the payload is checked after the signature.
    const mac = (tokens as unknown as { mac(p: string): string }).mac.bind(tokens);
    for (const body of [{ v: 2, e: 'a@b.test', k: 'digest' }, { v: 1, e: 'a@b.test', k: 'everything' }, { v: 1, k: 'digest' }, 'not json']) {
      const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)).toString('base64url');
      expect(rejected(`${payload}.${mac(payload)}`)).toBe(true);
    }
  });

  it('builds the RFC 8058 headers and the link', () => {
    const url = unsubscribeUrl('https://loadwatch.example/', 'abc.def');
    expect(url).toBe('https://loadwatch.example/unsubscribe?token=abc.def');
    expect(listUnsubscribeHeaders(url)).toEqual({ 'List-Unsubscribe': '<https://loadwatch.example/unsubscribe?token=abc.def>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });
});
