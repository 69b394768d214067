import { describe, expect, it } from 'vitest';
import type { Terminal } from '@kassa/contracts';
import { createTranslator } from '../../i18n/translate';
import { isValidPin } from './pin';
import { terminalLabel, terminalNames } from './terminalLabels';

const t = createTranslator('sv');

function terminal(id: string, name: string, registerId: string, active = true): Terminal {
  return { id, name, registerId, active } as Terminal;
}

describe('isValidPin', () => {
  it('accepts 4–8 digits only', () => {
    expect(['1234', '12345678'].map(isValidPin)).toEqual([true, true]);
    expect(['123', '123456789', '12a4', ' 1234', '١٢٣٤'].map(isValidPin)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('terminal labels', () => {
  const list = [terminal('a', 'Kassa 1', 'K1'), terminal('b', 'Baren', 'B1', false)];

  it('names a terminal with its kassabeteckning and marks inactive ones', () => {
    expect(terminalLabel(t, list[0]!)).toBe('Kassa 1 (K1)');
    expect(terminalLabel(t, list[1]!)).toBe('Baren (B1), inaktiv');
  });

  it('lists a cashier’s terminals in list order and counts unknown ids', () => {
    expect(terminalNames(t, ['b', 'a'], list)).toEqual(['Kassa 1 (K1)', 'Baren (B1), inaktiv']);
    expect(terminalNames(t, ['a', 'x'], list)).toEqual(['Kassa 1 (K1)', 'Okända terminaler: 1']);
    expect(terminalNames(t, [], list)).toEqual([]);
  });
});
