import {
  createTranslator as translatorOf,
  type Language,
  type PlainMessageKey as PlainKeyOf,
  type Translate as TranslateOf,
} from '@kassa/web-kit';
import { dictionaries, type sv } from './messages';

export type Translate = TranslateOf<typeof sv>;
export type PlainMessageKey = PlainKeyOf<typeof sv>;

export const languageStorageKey = 'kassa.pos.language';

/** The texts in one language, outside React. */
export function createTranslator(language: Language): Translate {
  return translatorOf<typeof sv>(dictionaries[language], language);
}
