import { describe, expect, it } from 'vitest';
import { normalisePairingCode, tidyPairingCodeInput } from './pairing-code';

describe('normalisePairingCode', () => {
  it('keeps a code in the canonical form', () => {
    expect(normalisePairingCode('ABCD-EFGH-JKLM')).toBe('ABCD-EFGH-JKLM');
  });

  it('accepts lower case, spaces and missing or odd dashes', () => {
    expect(normalisePairingCode('abcd-efgh-jklm')).toBe('ABCD-EFGH-JKLM');
    expect(normalisePairingCode(' abcd efgh jklm ')).toBe('ABCD-EFGH-JKLM');
    expect(normalisePairingCode('ABCDEFGHJKLM')).toBe('ABCD-EFGH-JKLM');
    expect(normalisePairingCode('AbCd – eFgH — 2345')).toBe('ABCD-EFGH-2345');
    expect(normalisePairingCode('ab-cd-ef-gh-jk-lm')).toBe('ABCD-EFGH-JKLM');
    expect(normalisePairingCode('abcd\tefgh\njklm')).toBe('ABCD-EFGH-JKLM');
  });

  it('refuses codes that are too short, too long or have other characters', () => {
    expect(normalisePairingCode('')).toBeNull();
    expect(normalisePairingCode('ABCD-EFGH-JKL')).toBeNull();
    expect(normalisePairingCode('ABCD-EFGH-JKLMN')).toBeNull();
    expect(normalisePairingCode('ABCD-EFGH-JKL!')).toBeNull();
    expect(normalisePairingCode('ÅÄÖA-EFGH-JKLM')).toBeNull();
    expect(normalisePairingCode('ABCD_EFGH_JKLM')).toBeNull();
  });
});

describe('tidyPairingCodeInput', () => {
  it('formats a complete code', () => {
    expect(tidyPairingCodeInput('abcd efgh jklm')).toBe('ABCD-EFGH-JKLM');
  });

  it('keeps an incomplete code as typed, in upper case', () => {
    expect(tidyPairingCodeInput('abcd efg')).toBe('ABCD EFG');
    expect(tidyPairingCodeInput('')).toBe('');
  });
});
