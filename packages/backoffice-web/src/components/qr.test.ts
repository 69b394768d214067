import { describe, expect, it } from 'vitest';
import { modulePath, qrSymbol } from './qr';

describe('modulePath', () => {
  it('draws one rectangle per horizontal run of dark modules', () => {
    // 1 1 0
    // 0 0 0
    // 1 0 1
    expect(modulePath(3, [1, 1, 0, 0, 0, 0, 1, 0, 1])).toBe('M0 0h2v1h-2zM0 2h1v1h-1zM2 2h1v1h-1z');
    expect(modulePath(2, [0, 0, 0, 0])).toBe('');
  });
});

describe('qrSymbol', () => {
  it('makes a version 1 symbol for a pairing code, with the three finder patterns', () => {
    const symbol = qrSymbol('K7QF-M2XP-9TNA');
    expect(symbol.size).toBe(21);
    // Row 0: the top-left and top-right finder patterns are 7 dark modules each.
    expect(symbol.path.startsWith('M0 0h7v1h-7z')).toBe(true);
    expect(symbol.path).toContain('M14 0h7v1h-7z');
    // Row 20: the bottom-left finder pattern.
    expect(symbol.path).toContain('M0 20h7v1h-7z');
  });

  it('gives different symbols for different codes', () => {
    expect(qrSymbol('AAAA-BBBB-CCCC').path).not.toBe(qrSymbol('AAAA-BBBB-CCCD').path);
  });
});
