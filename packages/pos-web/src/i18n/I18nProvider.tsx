import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { errorText } from './error-text';
import type { Language } from './messages';
import { createTranslator, readStoredLanguage, storeLanguage, type Translate } from './translate';

interface I18nContextValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18nContextValue | null>(null);

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() =>
    readStoredLanguage(browserStorage()),
  );

  const setLanguage = useCallback((next: Language) => {
    storeLanguage(browserStorage(), next);
    setLanguageState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo(
    () => ({ language, setLanguage, t: createTranslator(language) }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (value === null) throw new Error('useT/useLanguage must be used inside <I18nProvider>');
  return value;
}

/** The translation function for the current language. */
export function useT(): Translate {
  return useI18n().t;
}

export function useLanguage(): [Language, (language: Language) => void] {
  const { language, setLanguage } = useI18n();
  return [language, setLanguage];
}

/** Turns any thrown value into a text in the current language (the API's own text when it has one). */
export function useErrorText(): (error: unknown) => string {
  const { language, t } = useI18n();
  return useCallback((error: unknown) => errorText(error, language, t), [language, t]);
}
