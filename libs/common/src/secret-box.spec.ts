import fc from 'fast-check';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox('a-test-app-secret-that-is-long-enough-123');

  it('should give back what it sealed, and never the plaintext in the sealed form', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), (secret) => {
        const sealed = box.seal(secret);
        return box.open(sealed) === secret && !sealed.includes(secret);
      }),
    );
  });

  it('should refuse a tampered value or another key', () => {
    const sealed = box.seal('whsec_abc');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('xxxxxxxx').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox('another-app-secret-that-is-long-enough-456').open(sealed)).toThrow();
  });
});
