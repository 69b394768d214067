import { createI18n, type AppPlainKey, type AppTranslate } from '@kassa/web-kit';
import { en, sv } from './messages';

export type Translate = AppTranslate<typeof sv>;
export type PlainMessageKey = AppPlainKey<typeof sv>;

const i18n = createI18n<typeof sv>({ dictionaries: { sv, en }, app: 'backoffice' });
export const { I18nProvider, useT, useErrorText, createTranslator } = i18n;
export const languageStorageKey = i18n.storageKey;
