import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime } from './format';

describe('formatDateTime', () => {
  it('shows Swedish time in winter and summer', () => {
    expect(formatDateTime('2026-11-25T06:31:55.692Z')).toBe('2026-11-25 07:31');
    expect(formatDateTime('2026-07-01T22:30:05Z', { seconds: true })).toBe('2026-07-02 00:30:05');
  });

  it('leaves text that is not a date alone', () => {
    expect(formatDateTime('okänt')).toBe('okänt');
  });
});

describe('formatCount', () => {
  it('groups thousands the Swedish way', () => {
    expect(formatCount(12345).replace(/\s/g, ' ')).toBe('12 345');
    expect(formatCount(0)).toBe('0');
  });
});
