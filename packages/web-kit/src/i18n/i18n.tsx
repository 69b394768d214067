import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/errors';
import {
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

/** The messages the kit's own components and error texts use; every app's catalogue has them. */
export type KitCatalogue = {
  readonly 'app.name': string;
  readonly 'language.label': string;
  readonly 'language.sv': string;
  readonly 'language.en': string;
  readonly 'password.toggleVisibility': string;
  readonly 'error.network': string;
  readonly 'error.unexpected': `${string}{status}${string}`;
};

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
export function errorText(error: unknown, language: Language, t: Translate<KitCatalogue>): string {
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
export function useKitT(): Translate<KitCatalogue> {
  const { raw } = useI18n();
  return useMemo(() => typedTranslator<KitCatalogue>(raw), [raw]);
}

/**
 * The i18n of one app: its provider (the language chosen is remembered under `storageKey` and set
 * on `<html lang>`), and hooks typed by its catalogue.
 */
export function createI18n<C extends Catalogue & KitCatalogue>(options: {
  dictionaries: Readonly<Record<Language, Translation<C>>>;
  storageKey: string;
}) {
  const { dictionaries, storageKey } = options;

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
  function useT(): Translate<C> {
    const { raw } = useI18n();
    return useMemo(() => typedTranslator<C>(raw), [raw]);
  }

  /** Turns any thrown value into a text in the current language (the API's own when it has one). */
  function useErrorText(): (error: unknown) => string {
    const { language } = useI18n();
    const t = useKitT();
    return useCallback((error: unknown) => errorText(error, language, t), [language, t]);
  }

  return { I18nProvider, useT, useLanguage, useErrorText };
}
