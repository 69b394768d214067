import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.js';
import { digestToken, newReadablePassword, newToken } from './tokens.js';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('rätt-lösenord-åäö');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('rätt');
    expect(await verifyPassword('rätt-lösenord-åäö', hash)).toBe(true);
    expect(await verifyPassword('rätt-lösenord-aao', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('samma')).not.toBe(await hashPassword('samma'));
  });

  it('treats composed and decomposed å alike (NFC)', async () => {
    const hash = await hashPassword('s\u00e5');
    expect(await verifyPassword('sa\u030a', hash)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$2$3$x',
      'bcrypt$a$b$c$d$e',
      'scrypt$0$8$1$AAAA$AAAA',
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });
});

describe('tokens', () => {
  it('are random, URL-safe and stored only as a digest', () => {
    const a = newToken();
    expect(a).toMatch(/^[\w-]{43}$/);
    expect(newToken()).not.toBe(a);
    expect(digestToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestToken(a)).toBe(digestToken(a));
  });

  it('makes readable first passwords without look-alike characters', () => {
    const p = newReadablePassword();
    expect(p).toMatch(/^[\w]{6}(-[\w]{6}){3}$/);
    expect(p).not.toMatch(/[0O1lI]/);
  });
});
