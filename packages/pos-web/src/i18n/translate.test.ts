import { describe, expect, it } from 'vitest';
import {
  createTranslator,
  interpolate,
  isLanguage,
  languageStorageKey,
  readStoredLanguage,
  storeLanguage,
} from './translate';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => {
      data.set(key, value);
    },
    data,
  };
}

describe('createTranslator', () => {
  it('translates to Swedish and English, filling in placeholders', () => {
    expect(createTranslator('sv')('setup.title')).toBe('Anslut kassan');
    expect(createTranslator('en')('setup.title')).toBe('Connect the register');
    expect(createTranslator('sv')('terminals.boundTo', { pcName: 'KASSA-PC-1' })).toBe(
      'Kopplad till KASSA-PC-1',
    );
  });
});

describe('interpolate', () => {
  it('replaces every occurrence and leaves unknown placeholders', () => {
    expect(interpolate('{a} och {a} men {b}', { a: 'x' })).toBe('x och x men {b}');
  });
});

describe('language storage', () => {
  it('defaults to Swedish and remembers the choice under its own key', () => {
    expect(readStoredLanguage(undefined)).toBe('sv');
    const storage = memoryStorage();
    expect(readStoredLanguage(storage)).toBe('sv');
    storeLanguage(storage, 'en');
    expect(languageStorageKey).toBe('kassa.pos.language');
    expect(readStoredLanguage(storage)).toBe('en');
    expect(readStoredLanguage(memoryStorage({ [languageStorageKey]: 'de' }))).toBe('sv');
  });

  it('survives storage that throws', () => {
    const throwing = {
      getItem: (): string | null => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(readStoredLanguage(throwing)).toBe('sv');
    expect(() => storeLanguage(throwing, 'en')).not.toThrow();
  });

  it('recognises only supported languages', () => {
    expect(isLanguage('sv')).toBe(true);
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('fi')).toBe(false);
  });
});
