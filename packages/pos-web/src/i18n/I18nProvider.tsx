export { useLanguage } from '@kassa/web-kit';
export { I18nProvider, useErrorText, useT } from './translate';
