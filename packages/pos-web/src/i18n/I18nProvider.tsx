import { createI18n } from '@kassa/web-kit';
import { dictionaries, type sv } from './messages';
import { languageStorageKey } from './translate';

export { useLanguage } from '@kassa/web-kit';

export const { I18nProvider, useT, useErrorText } = createI18n<typeof sv>({
  dictionaries,
  storageKey: languageStorageKey,
});
