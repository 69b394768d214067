/**
 * Sample articles for tests that sell through a JournalBuilder: one of each VAT category, and a
 * weighed one. The tests compute their expected figures from these themselves.
 */
import type { ArticleSpec } from './journal-fixture.js';

/** 35,00 a cup, VAT category food (its rate depends on the day). */
export const COFFEE: ArticleSpec = {
  articleNumber: 'K1',
  text: 'Kaffe',
  vatCategory: 'food',
  price: 3500,
};

/** 129,00, VAT category standard. */
export const MUG: ArticleSpec = {
  articleNumber: 'M1',
  text: 'Mugg',
  vatCategory: 'standard',
  price: 12900,
};

/** 249,00, VAT category reduced. */
export const BOOK: ArticleSpec = {
  articleNumber: 'B1',
  text: 'Bok',
  vatCategory: 'reduced',
  price: 24900,
};

/** Weighed: 189,90 a kilogram, VAT category food; sell it with `{ ...CHEESE, grams }`. */
export const CHEESE: ArticleSpec = {
  articleNumber: 'O1',
  text: 'Ost',
  vatCategory: 'food',
  price: 18990,
  grams: 0,
};

/** 18,00, VAT category exempt. */
export const STAMP: ArticleSpec = {
  articleNumber: 'F1',
  text: 'Frimärke',
  vatCategory: 'exempt',
  price: 1800,
};
