import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/errors';
import { kitDictionaries, type AppCatalogueBase, type KitMessages } from './kit-messages';
import {
  type Message,
  type PlainMessageKey,
  rawTranslator,
  readStoredLanguage,
  storeLanguage,
  typedTranslator,
  type Catalogue,
  type Language,
  type RawTranslate,
  type Translate,
  type Translation,
} from './translate';

interface I18nContextValue {
  language: Language;
  setLanguage: (language: Language) => void;
  raw: RawTranslate;
}

const I18nContext = createContext<I18nContextValue | null>(null);

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useT/useLanguage must be used inside <I18nProvider>');
  return value;
}

/**
 * Any thrown value as a text in the user's language: the answer's own Swedish or English text
 * when it had one, otherwise our own words for "not reachable" or "unexpected answer".
 */
export function errorText(error: unknown, language: Language, t: Translate<KitMessages>): string {
  if (error instanceof ApiError) {
    if (error.messages !== null) return error.messages[language];
    if (error.isNetworkError) return t('error.network');
    return t('error.unexpected', { status: error.status });
  }
  return t('error.unexpected', { status: '?' });
}

export function useLanguage(): [Language, (language: Language) => void] {
  const { language, setLanguage } = useI18n();
  return [language, setLanguage];
}

/** The translation of the kit's own messages, for the kit's components. */
export function useKitT(): Translate<KitMessages> {
  const { raw } = useI18n();
  return useMemo(() => typedTranslator<KitMessages>(raw), [raw]);
}

/** The translation over an app's catalogue `C` and the kit's own messages. */
export type AppTranslate<C extends Catalogue> = Translate<C & KitMessages>;
/** Keys of messages without placeholders, over an app's catalogue and the kit's. */
export type AppPlainKey<C extends Catalogue> = PlainMessageKey<C & KitMessages>;

/**
 * The i18n of one app (`app` names it: the language chosen is remembered under
 * `kassa.<app>.language`): its provider (which also sets `<html lang>`), hooks typed by its
 * catalogue together with the kit's messages, and a translator for use outside React.
 */
export function createI18n<C extends Catalogue & AppCatalogueBase>(options: {
  dictionaries: Readonly<Record<Language, Translation<C>>>;
  app: string;
}) {
  const storageKey = `kassa.${options.app}.language`;
  const merged = (language: Language): Readonly<Record<string, Message>> => ({
    ...kitDictionaries[language],
    ...options.dictionaries[language],
  });
  const dictionaries = { sv: merged('sv'), en: merged('en') };

  function I18nProvider({ children }: { children: ReactNode }) {
    const [language, setLanguageState] = useState<Language>(() =>
      readStoredLanguage(browserStorage(), storageKey),
    );
    const setLanguage = useCallback((next: Language) => {
      storeLanguage(browserStorage(), storageKey, next);
      setLanguageState(next);
    }, []);
    useEffect(() => {
      document.documentElement.lang = language;
    }, [language]);
    const value = useMemo(
      () => ({ language, setLanguage, raw: rawTranslator(dictionaries[language], language) }),
      [language, setLanguage],
    );
    return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
  }

  /** The translation function for the current language. */
  function useT(): AppTranslate<C> {
    const { raw } = useI18n();
    return useMemo(() => typedTranslator<C & KitMessages>(raw), [raw]);
  }

  /** Turns any thrown value into a text in the current language (the API's own when it has one). */
  function useErrorText(): (error: unknown) => string {
    const { language } = useI18n();
    const t = useKitT();
    return useCallback((error: unknown) => errorText(error, language, t), [language, t]);
  }

  /** The texts in one language, outside React (tests, pure helpers). */
  function createTranslator(language: Language): AppTranslate<C> {
    return typedTranslator<C & KitMessages>(rawTranslator(dictionaries[language], language));
  }

  return { I18nProvider, useT, useErrorText, createTranslator, storageKey };
}
