import {
  defaultLanguage,
  dictionaries,
  languages,
  type Language,
  type MessageKey,
  type sv,
} from './messages';

/** The `{name}` placeholders of a message, computed from the Swedish source text. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

export type MessageParams<K extends MessageKey> = Record<
  Placeholders<(typeof sv)[K]>,
  string | number
>;

/** No second argument for messages without placeholders; exactly their names otherwise. */
export type TranslateArgs<K extends MessageKey> = [Placeholders<(typeof sv)[K]>] extends [never]
  ? []
  : [params: MessageParams<K>];

/** Keys of messages without placeholders (usable wherever only a key is stored). */
export type PlainMessageKey = {
  [K in MessageKey]: TranslateArgs<K> extends [] ? K : never;
}[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...args: TranslateArgs<K>) => string;

const placeholderPattern = /\{(\w+)\}/g;

/** Sorted, de-duplicated placeholder names in a text. */
export function placeholdersOf(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(placeholderPattern)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names].sort();
}

/** Replaces `{name}` with `params.name`; unknown placeholders are left as they are. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (params === undefined) return text;
  return text.replace(placeholderPattern, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function createTranslator(language: Language): Translate {
  const dictionary = dictionaries[language];
  return (key, ...args) => interpolate(dictionary[key], args[0]);
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export const languageStorageKey = 'kassa.pos.language';

type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The saved language, or Swedish. Storage may be missing or throw (privacy modes). */
export function readStoredLanguage(storage: LanguageStorage | undefined): Language {
  try {
    const stored = storage?.getItem(languageStorageKey);
    return isLanguage(stored) ? stored : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export function storeLanguage(storage: LanguageStorage | undefined, language: Language): void {
  try {
    storage?.setItem(languageStorageKey, language);
  } catch {
    // Not being able to remember the choice is harmless.
  }
}
