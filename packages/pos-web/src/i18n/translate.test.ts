import { describe, expect, it } from 'vitest';
import { createTranslator, languageStorageKey } from './translate';

describe('createTranslator', () => {
  it('translates to Swedish and English, filling in placeholders', () => {
    expect(createTranslator('sv')('setup.title')).toBe('Anslut kassan');
    expect(createTranslator('en')('setup.title')).toBe('Connect the register');
    expect(createTranslator('sv')('terminals.boundTo', { pcName: 'KASSA-PC-1' })).toBe(
      'Kopplad till KASSA-PC-1',
    );
  });
});

describe('languageStorageKey', () => {
  it("is this app's own, so the backoffice and the till remember their languages apart", () => {
    expect(languageStorageKey).toBe('kassa.pos.language');
  });
});
