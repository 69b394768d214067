import { describe, expect, it } from 'vitest';
import { NAK_CODES, describeNakCode, normaliseNakCode } from './nak-codes.js';

// Every code in the catalogue, with its reason: the spec's CCSP and XCCSP codes, plus the three
// only the Odoo driver lists.
const EXPECTED: Record<string, string> = {
  '001': 'invalid-lrc',
  '002': 'unknown-message-type',
  '003': 'invalid-data',
  '004': 'invalid-command-order',
  '005': 'deprecated',
  '006': 'not-operational',
  '007': 'invalid-register-id',
  '008': 'internal-error',
  '009': 'licence-exceeded',
  '010': 'storage-full',
  '011': 'invalid-sequence-number',
  '098': 'server-error',
  '099': 'no-connection',
};

describe('NAK_CODES', () => {
  it('lists exactly the known codes', () => {
    expect(Object.keys(NAK_CODES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))(
    'describes %s as %s, in Swedish and English',
    (code, reason) => {
      const info = NAK_CODES[code];
      expect(info).toMatchObject({ code, reason });
      expect(info?.sources.length).toBeGreaterThan(0);
      expect(info?.sv.length).toBeGreaterThan(40);
      expect(info?.en.length).toBeGreaterThan(40);
    },
  );

  it('marks the codes a driver may retry', () => {
    const retryable = Object.values(NAK_CODES)
      .filter((info) => info.retryable)
      .map((info) => info.code);
    expect(retryable).toEqual(['001', '004', '008', '011', '098', '099']);
  });

  it('tells the user about reporting to Skatteverket where the unit cannot be used', () => {
    for (const code of ['006', '008', '010', '098', '099']) {
      expect(NAK_CODES[code]?.sv).toContain('Skatteverket');
      expect(NAK_CODES[code]?.en).toContain('Skatteverket');
    }
  });

  it('keeps the spec codes attributed to the spec protocols', () => {
    for (const code of ['001', '006', '007', '011']) {
      expect(NAK_CODES[code]?.sources).toContain('ccsp');
    }
  });
});

describe('normaliseNakCode', () => {
  it('writes codes with three digits and leaves other text alone', () => {
    expect(normaliseNakCode('6')).toBe('006');
    expect(normaliseNakCode('98')).toBe('098');
    expect(normaliseNakCode('011')).toBe('011');
    expect(normaliseNakCode('1234')).toBe('1234');
    expect(normaliseNakCode('x')).toBe('x');
  });
});

describe('describeNakCode', () => {
  it('finds a code with or without leading zeros', () => {
    expect(describeNakCode('6')?.reason).toBe('not-operational');
    expect(describeNakCode('006')?.reason).toBe('not-operational');
  });

  it('returns undefined for an unknown code, including inherited property names', () => {
    expect(describeNakCode('012')).toBeUndefined();
    expect(describeNakCode('constructor')).toBeUndefined();
  });
});
