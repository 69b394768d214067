import { describe, expect, it } from 'vitest';
import {
  catalogueProblems,
  createTranslator,
  interpolate,
  isLanguage,
  placeholdersOf,
  readStoredLanguage,
  storeLanguage,
  textOf,
} from './translate';

const KEY = 'kassa.test.language';

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

const sv = {
  hello: 'Hej {name}!',
  receipts: { one: '{count} kvitto', other: '{count} kvitton' },
  plain: 'Klart',
} as const;
const en = {
  hello: 'Hello {name}!',
  receipts: { one: '{count} receipt', other: '{count} receipts' },
  plain: 'Done',
};

describe('createTranslator', () => {
  it('fills in placeholders and chooses the plural form by count', () => {
    const t = createTranslator<typeof sv>(sv, 'sv');
    expect(t('hello', { name: 'Åsa' })).toBe('Hej Åsa!');
    expect(t('plain')).toBe('Klart');
    expect([0, 1, 2, 21].map((count) => t('receipts', { count }))).toEqual([
      '0 kvitton',
      '1 kvitto',
      '2 kvitton',
      '21 kvitton',
    ]);
    expect(t('receipts', { count: 12345 }).replace(/\s/g, ' ')).toBe('12 345 kvitton');
    const tEn = createTranslator<typeof sv>(en, 'en');
    expect([1, 5].map((count) => tEn('receipts', { count }))).toEqual(['1 receipt', '5 receipts']);
  });

  it('uses "other" without a count, and a form the message lacks falls back to "other"', () => {
    expect(textOf({ other: '{count} st' }, 'sv', { count: 1 })).toBe('1 st');
    expect(textOf({ one: 'ett', other: 'flera' }, 'sv')).toBe('flera');
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
    expect(readStoredLanguage(undefined, KEY)).toBe('sv');
    expect(readStoredLanguage(memoryStorage(), KEY)).toBe('sv');
    expect(readStoredLanguage(memoryStorage({ [KEY]: 'de' }), KEY)).toBe('sv');
  });

  it('remembers the choice under its key', () => {
    const storage = memoryStorage();
    storeLanguage(storage, KEY, 'en');
    expect(storage.data.get(KEY)).toBe('en');
    expect(readStoredLanguage(storage, KEY)).toBe('en');
    expect(readStoredLanguage(storage, 'kassa.other.language')).toBe('sv');
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
    expect(readStoredLanguage(throwing, KEY)).toBe('sv');
    expect(() => storeLanguage(throwing, KEY, 'en')).not.toThrow();
  });

  it('recognises only supported languages', () => {
    expect(isLanguage('sv')).toBe(true);
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('fi')).toBe(false);
    expect(isLanguage(undefined)).toBe(false);
  });
});

describe('catalogueProblems', () => {
  it('finds nothing wrong in matching dictionaries', () => {
    expect(catalogueProblems({ sv, en })).toEqual([]);
  });

  it('names missing keys, other placeholders, missing plural forms and untrimmed texts', () => {
    expect(
      catalogueProblems({
        sv: { ...sv, extra: 'Bara svenska' },
        en: {
          hello: 'Hello {who}!',
          receipts: { other: '{count} receipts' },
          plain: ' Done',
          stray: 'Only English',
        },
      }),
    ).toEqual([
      'en: extra is missing',
      'en: hello has other placeholders than sv',
      'en: receipts lacks the plural form "one"',
      'en: plain is empty or untrimmed',
      'en: stray is not in sv',
    ]);
  });
});
