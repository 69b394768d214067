import { ApiError } from '@kassa/web-kit';
import { priceChangeBodySchema } from '@kassa/contracts';
import type {
  ImportRowError,
  Product,
  ProductUnit,
  ProductKind,
  ProductPrice,
  VatCategoryName,
} from '@kassa/contracts';
import { parseTypedKronor } from '@kassa/core';
import { formatOre } from '../../i18n/format';
import type { PlainMessageKey } from '../../i18n/translate';
import type { SchemaFormOptions } from '../../hooks/schemaFormErrors';

export { formatOre };

/** The most a price field reads: 99 999 999,99 kr (eight digits of kronor; the server has its limit). */
const MAX_PRICE_ORE = 9_999_999_999;

/**
 * A price typed in kronor ("35", "35,00", "1 234,5", "35 kr") as integer öre, or null when the
 * text is not a price. Core's parser of typed amounts, the one the till uses.
 */
export function parseKronor(text: string): number | null {
  return parseTypedKronor(text, MAX_PRICE_ORE);
}

/** A price as the list shows it: `35,00 kr`, or `129,00 kr/kg` for a weighed article. */
export function formatPrice(ore: number, unit: ProductUnit): string {
  return unit === 'kilogram' ? `${formatOre(ore)}/kg` : formatOre(ore);
}

/** The next price change after `businessDay`, if one is planned. */
export function upcomingPrice(product: Product, businessDay: string): ProductPrice | null {
  const later = product.prices
    .filter((price) => price.effectiveFrom > businessDay)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  return later[0] ?? null;
}

export const vatLabelKey: Record<VatCategoryName, PlainMessageKey> = {
  standard: 'products.vat.standard',
  food: 'products.vat.food',
  restaurant: 'products.vat.restaurant',
  reduced: 'products.vat.reduced',
  exempt: 'products.vat.exempt',
};

export const kindLabelKey: Record<ProductKind, PlainMessageKey> = {
  good: 'products.kind.good',
  service: 'products.kind.service',
};

export const unitLabelKey: Record<ProductUnit, PlainMessageKey> = {
  piece: 'products.unit.piece',
  kilogram: 'products.unit.kilogram',
};

/** Barcodes typed one per line (spaces and commas also separate them). */
export function parseBarcodes(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter((code) => code !== ''))];
}

/** Whether a product matches the search text (article number, name, barcodes, group). */
export function matchesSearch(product: Product, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase('sv-SE');
  if (needle === '') return true;
  return [product.articleNumber, product.name, product.group ?? '', ...product.barcodes].some(
    (text) => text.toLocaleLowerCase('sv-SE').includes(needle),
  );
}

/** The per-row report of a refused import, or null for any other error. */
export function importRowErrors(error: unknown): ImportRowError[] | null {
  if (!(error instanceof ApiError) || error.code !== 'import-has-errors') return null;
  const rows = error.details.errors;
  if (!Array.isArray(rows)) return null;
  return rows.filter(
    (row): row is ImportRowError =>
      typeof row === 'object' &&
      row !== null &&
      typeof (row as ImportRowError).row === 'number' &&
      typeof (row as ImportRowError).sv === 'string' &&
      typeof (row as ImportRowError).en === 'string',
  );
}

export type PriceFormValues = {
  /** As typed, in kronor. */
  price: string;
  effectiveFrom: string;
};

/**
 * "Ändra pris": priceChangeBodySchema on the price read by core's parser of typed kronor (null
 * when it is no price) and a day from `businessDay` (today) on. Both errors show at once, and
 * each stays until the next submit.
 */
export function priceChangeForm(businessDay: string): {
  schema: typeof priceChangeBodySchema;
  initialValues: PriceFormValues;
  options: SchemaFormOptions<PriceFormValues>;
} {
  return {
    schema: priceChangeBodySchema.refine(
      (body) => typeof body.effectiveFrom !== 'string' || body.effectiveFrom >= businessDay,
      // Also when the price is wrong.
      { path: ['effectiveFrom'], when: () => true },
    ),
    initialValues: { price: '', effectiveFrom: businessDay },
    options: {
      bodyOf: ({ price, effectiveFrom }) => ({ priceOre: parseKronor(price), effectiveFrom }),
      fieldOfBody: { priceOre: 'price' },
      messages: {
        price: 'products.field.invalidPrice',
        effectiveFrom: 'products.priceModal.invalidDate',
      },
      clearInputErrorOnChange: false,
    },
  };
}
