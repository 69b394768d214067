import { describe, expect, it } from 'vitest';
import { createTranslator, languageStorageKey } from './translate';

describe('createTranslator', () => {
  it('translates to Swedish and English', () => {
    expect(createTranslator('sv')('login.title')).toBe('Logga in');
    expect(createTranslator('en')('login.title')).toBe('Sign in');
  });

  it('fills in placeholders', () => {
    expect(createTranslator('sv')('start.greeting', { name: 'Åsa' })).toBe('Välkommen, Åsa!');
    expect(createTranslator('en')('error.unexpected', { status: 500 })).toContain('HTTP 500');
  });
});

describe('languageStorageKey', () => {
  it("is this app's own, so the backoffice and the till remember their languages apart", () => {
    expect(languageStorageKey).toBe('kassa.backoffice.language');
  });
});
