/**
 * @kassa/web-kit: what the backoffice and the till (pos-web) share — typed i18n with plurals, the
 * HTTP client and its errors, the API context, the query client (TanStack Query), and the
 * components both show.
 */
export * from './i18n/translate';
export {
  createI18n,
  errorText,
  useKitT,
  useLanguage,
  type AppPlainKey,
  type AppTranslate,
} from './i18n/i18n';
export { kitDictionaries, type KitMessages } from './i18n/kit-messages';
export { ApiError, apiErrorFromResponse, parseErrorBody, type ApiErrorBody } from './api/errors';
export { HttpClient, type FetchLike, type HttpMethod, type HttpClientOptions } from './api/http';
export { createApiContext } from './api/api-context';
export { Brand } from './components/Brand';
export { ConfirmActions, type ConfirmDialogProps } from './components/ConfirmActions';
export { LanguageSwitch } from './components/LanguageSwitch';
export { PasswordField } from './components/PasswordField';
export { UsernameField } from './components/UsernameField';
export { createQueryClient, QueryProvider } from './query/query-client';
export { zodResolver, issueMessageKey } from './form/zod-resolver';
