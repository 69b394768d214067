// Typed messages with `{placeholders}` and plurals, for both web apps. Each app keeps its own
// catalogue (Swedish is the source language; English has the same keys and placeholders).
//
// A plural message is an object of CLDR plural forms (`{ one: '{count} kvitto', other: '{count}
// kvitton' }`); the form is chosen with the platform's `Intl.PluralRules`, which carries the
// CLDR rules for every language, so no library is needed for Swedish and English (see
// docs/adr/0014-web-kit.md).

/** Kassa's user interface languages; Swedish first. */
export const languages = ['sv', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'sv';

/** The CLDR plural forms; `other` is always present. */
export type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
export type PluralMessage = { readonly other: string } & {
  readonly [F in Exclude<PluralForm, 'other'>]?: string;
};
export type Message = string | PluralMessage;
export type Catalogue = Readonly<Record<string, Message>>;

/** The `{name}` placeholders of a text. */
type PlaceholdersIn<S> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | PlaceholdersIn<Rest>
  : never;

/** The placeholders of a message; a plural message always takes `count`. */
type MessagePlaceholders<M> = M extends string
  ? PlaceholdersIn<M>
  : M extends PluralMessage
    ? PlaceholdersIn<M[keyof M]> | 'count'
    : never;

export type MessageParams<C extends Catalogue, K extends keyof C> = C[K] extends PluralMessage
  ? Record<Exclude<MessagePlaceholders<C[K]>, 'count'>, string | number> & { count: number }
  : Record<MessagePlaceholders<C[K]>, string | number>;

/** No second argument for messages without placeholders; exactly their names otherwise. */
export type TranslateArgs<C extends Catalogue, K extends keyof C> = [
  MessagePlaceholders<C[K]>,
] extends [never]
  ? []
  : [params: MessageParams<C, K>];

/** Keys of messages without placeholders (usable wherever only a key is stored). */
export type PlainMessageKey<C extends Catalogue> = {
  [K in keyof C & string]: TranslateArgs<C, K> extends [] ? K : never;
}[keyof C & string];

export type Translate<C extends Catalogue> = <K extends keyof C & string>(
  key: K,
  ...args: TranslateArgs<C, K>
) => string;

/** A catalogue in another language: the same keys, each a text or a plural message. */
export type Translation<C extends Catalogue> = { readonly [K in keyof C]: Message };

export type Params = Readonly<Record<string, string | number>>;

/** The untyped translation every typed one is built on (what the i18n context carries). */
export type RawTranslate = (key: string, params?: Params) => string;

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
export function interpolate(text: string, params?: Params): string {
  if (params === undefined) return text;
  return text.replace(placeholderPattern, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** One set of plural rules per language, made once (rendering asks for a form per message). */
const pluralRules: Readonly<Record<Language, Intl.PluralRules>> = {
  sv: new Intl.PluralRules('sv'),
  en: new Intl.PluralRules('en'),
};

const countFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** A count as both apps show one, grouped in thousands the Swedish way ("12 345"). */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/**
 * The text of a message for these parameters. A plural message takes its form from
 * `params.count` (a number) and shows that count grouped by {@link formatCount}.
 */
export function textOf(message: Message, language: Language, params?: Params): string {
  if (typeof message === 'string') return interpolate(message, params);
  const count = params?.count;
  if (typeof count === 'number') params = { ...params, count: formatCount(count) };
  const form = typeof count === 'number' ? pluralRules[language].select(count) : 'other';
  return interpolate(message[form] ?? message.other, params);
}

/** The untyped translation over one dictionary; a missing key shows as itself. */
export function rawTranslator(
  dictionary: Readonly<Record<string, Message>>,
  language: Language,
): RawTranslate {
  return (key, params) => {
    const message = dictionary[key];
    return message === undefined ? key : textOf(message, language, params);
  };
}

/** The typed translation over one language's dictionary of catalogue `C`. */
export function typedTranslator<C extends Catalogue>(raw: RawTranslate): Translate<C> {
  return (key, ...args) => raw(key, args[0]);
}

export function createTranslator<C extends Catalogue>(
  dictionary: Translation<C>,
  language: Language,
): Translate<C> {
  return typedTranslator<C>(rawTranslator(dictionary, language));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

type LanguageStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The saved language, or Swedish. Storage may be missing or throw (privacy modes). */
export function readStoredLanguage(storage: LanguageStorage | undefined, key: string): Language {
  try {
    const stored = storage?.getItem(key);
    return isLanguage(stored) ? stored : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export function storeLanguage(
  storage: LanguageStorage | undefined,
  key: string,
  language: Language,
): void {
  try {
    storage?.setItem(key, language);
  } catch {
    // Not being able to remember the choice is harmless.
  }
}

/**
 * What is wrong with a set of dictionaries (empty when nothing): a key missing in a language, a
 * placeholder that differs from Swedish, a plural message without a form its language needs, an
 * empty or untrimmed text. Each app's messages test asserts that this is empty.
 */
export function catalogueProblems(
  dictionaries: Readonly<Record<Language, Readonly<Record<string, Message>>>>,
): string[] {
  const problems: string[] = [];
  const source = dictionaries[defaultLanguage];
  const placeholders = (message: Message): string =>
    typeof message === 'string'
      ? placeholdersOf(message).join()
      : [
          ...new Set([
            ...Object.values(message).flatMap((text) => placeholdersOf(text ?? '')),
            'count',
          ]),
        ]
          .sort()
          .join();
  for (const language of languages) {
    const dictionary = dictionaries[language];
    const needed = pluralRules[language].resolvedOptions().pluralCategories;
    for (const key of Object.keys(source)) {
      if (!(key in dictionary)) problems.push(`${language}: ${key} is missing`);
    }
    for (const [key, message] of Object.entries(dictionary)) {
      const original = source[key];
      if (original === undefined) {
        problems.push(`${language}: ${key} is not in ${defaultLanguage}`);
        continue;
      }
      if (placeholders(message) !== placeholders(original)) {
        problems.push(`${language}: ${key} has other placeholders than ${defaultLanguage}`);
      }
      if (typeof message !== 'string' && typeof original === 'string') {
        problems.push(`${language}: ${key} is a plural message, ${defaultLanguage} is not`);
      }
      const forms = typeof message === 'string' ? { other: message } : message;
      if (typeof message !== 'string') {
        for (const form of needed) {
          if (forms[form] === undefined) {
            problems.push(`${language}: ${key} lacks the plural form "${form}"`);
          }
        }
      }
      for (const text of Object.values(forms)) {
        if (text === undefined || text.trim() === '' || text !== text.trim()) {
          problems.push(`${language}: ${key} is empty or untrimmed`);
        }
      }
    }
  }
  return problems;
}
