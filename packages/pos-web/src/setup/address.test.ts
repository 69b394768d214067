import { describe, expect, it } from 'vitest';
import { addressProblem } from './address';

describe('addressProblem', () => {
  it('leaves addresses with a scheme to the register', () => {
    expect(addressProblem('https://dinmiljo.kassa.se')).toBeNull();
    expect(addressProblem('  HTTPS://dinmiljo.kassa.se/  ')).toBeNull();
    // http:// is the register's call (allowed only for localhost), so it is not refused here.
    expect(addressProblem('http://localhost:8080')).toBeNull();
    expect(addressProblem('http://dinmiljo.kassa.se')).toBeNull();
  });

  it('notices a missing address', () => {
    expect(addressProblem('')).toBe('missing');
    expect(addressProblem('   ')).toBe('missing');
  });

  it('notices an address typed without https://', () => {
    expect(addressProblem('dinmiljo.kassa.se')).toBe('no-scheme');
    expect(addressProblem('www.dinmiljo.kassa.se')).toBe('no-scheme');
    expect(addressProblem('https:/dinmiljo.kassa.se')).toBe('no-scheme');
  });
});
