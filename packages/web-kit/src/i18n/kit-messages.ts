import type { Translation } from './translate';

// The texts of the kit's own components and of the words both apps say alike. An app's catalogue
// adds `error.network` (what "not reachable" means differs: the server, or the register program).

const kitSv = {
  'app.name': 'Kassa',
  'language.label': 'Språk',
  'language.sv': 'Svenska',
  'language.en': 'English',
  'common.retry': 'Försök igen',
  'error.title': 'Det gick inte',
  'error.unexpected': 'Något gick fel (HTTP {status}). Försök igen om en stund.',
  'password.toggleVisibility': 'Visa eller dölj lösenordet',
  'form.required': 'Fyll i fältet.',
  'form.tooLong': 'Texten är för lång.',
  'form.invalid': 'Värdet stämmer inte. Rätta det och försök igen.',
} as const;

const kitEn = {
  'app.name': 'Kassa',
  'language.label': 'Language',
  'language.sv': 'Svenska',
  'language.en': 'English',
  'common.retry': 'Try again',
  'error.title': 'That did not work',
  'error.unexpected': 'Something went wrong (HTTP {status}). Please try again shortly.',
  'password.toggleVisibility': 'Show or hide the password',
  'form.required': 'Fill in this field.',
  'form.tooLong': 'The text is too long.',
  'form.invalid': 'This value is not accepted. Correct it and try again.',
} satisfies Translation<typeof kitSv>;

export const kitDictionaries = { sv: kitSv, en: kitEn };

/** What every app's catalogue must say itself. */
export type AppCatalogueBase = { readonly 'error.network': string };

/** The kit's messages and the app's `error.network`: what the kit's components translate. */
export type KitMessages = typeof kitSv & AppCatalogueBase;
