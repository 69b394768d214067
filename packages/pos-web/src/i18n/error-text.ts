import { ApiError } from '../api/errors';
import type { Language } from './messages';
import type { Translate } from './translate';

/**
 * Any thrown value as a text in the user's language: the register's own Swedish or English text
 * when the answer had one, otherwise our own words for "not reachable" or "unexpected answer".
 */
export function errorText(error: unknown, language: Language, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.messages !== null) return error.messages[language];
    if (error.isNetworkError) return t('error.network');
    return t('error.unexpected', { status: error.status });
  }
  return t('error.unexpected', { status: '?' });
}
