import { describe, expect, it } from 'vitest';
import {
  backlogOf,
  canRemoveBinding,
  confirmationMatches,
  reasonIsGiven,
  removeBindingBody,
  splitCode,
} from './bindingRules';

describe('confirmationMatches', () => {
  it('accepts the kassabeteckning in any letter case, with spaces around', () => {
    expect(confirmationMatches('KASSA1', 'KASSA1')).toBe(true);
    expect(confirmationMatches(' kassa1 ', 'KASSA1')).toBe(true);
    expect(confirmationMatches('Kassa1', 'kassa1')).toBe(true);
  });

  it('refuses anything else', () => {
    expect(confirmationMatches('', 'KASSA1')).toBe(false);
    expect(confirmationMatches('KASSA', 'KASSA1')).toBe(false);
    expect(confirmationMatches('KASSA12', 'KASSA1')).toBe(false);
    expect(confirmationMatches('KAS SA1', 'KASSA1')).toBe(false);
    expect(confirmationMatches('', '')).toBe(false);
  });
});

describe('reasonIsGiven / canRemoveBinding', () => {
  it('needs at least three characters of reason, like the server', () => {
    expect(reasonIsGiven('  ')).toBe(false);
    expect(reasonIsGiven(' ab ')).toBe(false);
    expect(reasonIsGiven('Ny dator')).toBe(true);
    expect(reasonIsGiven('x'.repeat(501))).toBe(false);
  });

  it('needs both the kassabeteckning and a reason', () => {
    expect(canRemoveBinding({ confirmation: 'k1', reason: 'Hårddiskkrasch' }, 'K1')).toBe(true);
    expect(canRemoveBinding({ confirmation: 'k1', reason: '' }, 'K1')).toBe(false);
    expect(canRemoveBinding({ confirmation: 'k2', reason: 'Hårddiskkrasch' }, 'K1')).toBe(false);
  });

  it('sends both fields trimmed', () => {
    expect(removeBindingBody({ confirmation: ' k1 ', reason: ' Ny dator\n' })).toEqual({
      confirmation: 'k1',
      reason: 'Ny dator',
    });
  });
});

describe('backlogOf', () => {
  it('flags entries that exist only on the old PC', () => {
    expect(backlogOf(3)).toBe('at-risk');
    expect(backlogOf(0)).toBe('none');
    expect(backlogOf(null)).toBe('unknown');
  });
});

describe('splitCode', () => {
  it('marks the parts in backticks as code', () => {
    expect(splitCode('Kör `kassa connect` i mappen.')).toEqual([
      { text: 'Kör ', code: false },
      { text: 'kassa connect', code: true },
      { text: ' i mappen.', code: false },
    ]);
    expect(splitCode('`kassa start`')).toEqual([{ text: 'kassa start', code: true }]);
    expect(splitCode('Ingen kod')).toEqual([{ text: 'Ingen kod', code: false }]);
  });
});
