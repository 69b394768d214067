import { describe, expect, it } from 'vitest';
import {
  createTranslator,
  interpolate,
  isLanguage,
  languageStorageKey,
  placeholdersOf,
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
  it('translates to Swedish and English', () => {
    expect(createTranslator('sv')('login.title')).toBe('Logga in');
    expect(createTranslator('en')('login.title')).toBe('Sign in');
  });

  it('fills in placeholders', () => {
    expect(createTranslator('sv')('start.greeting', { name: 'Åsa' })).toBe('Välkommen, Åsa!');
    expect(createTranslator('en')('error.unexpected', { status: 500 })).toContain('HTTP 500');
  });
});

describe('interpolate', () => {
  it('replaces every occurrence and leaves unknown placeholders', () => {
    expect(interpolate('{a} och {a} men {b}', { a: 'x' })).toBe('x och x men {b}');
  });

  it('does not touch text without params', () => {
    expect(interpolate('{a}')).toBe('{a}');
  });
});

describe('placeholdersOf', () => {
  it('lists names once, sorted', () => {
    expect(placeholdersOf('{b} {a} {b}')).toEqual(['a', 'b']);
    expect(placeholdersOf('inga')).toEqual([]);
  });
});

describe('language storage', () => {
  it('defaults to Swedish', () => {
    expect(readStoredLanguage(undefined)).toBe('sv');
    expect(readStoredLanguage(memoryStorage())).toBe('sv');
    expect(readStoredLanguage(memoryStorage({ [languageStorageKey]: 'de' }))).toBe('sv');
  });

  it('remembers the choice', () => {
    const storage = memoryStorage();
    storeLanguage(storage, 'en');
    expect(storage.data.get(languageStorageKey)).toBe('en');
    expect(readStoredLanguage(storage)).toBe('en');
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
    expect(isLanguage(undefined)).toBe(false);
  });
});
