// The product grid: group tabs and the search field, over the register's catalogue copy.

import type { LocalProduct, SaleLineView } from '@kassa/contracts';
import { formatKr } from './money';

/** The value of the "all products" tab and of products without a group. */
export const allGroups = '*';
export const noGroup = '';

/** The groups of the catalogue, sorted in Swedish order; products without one come last. */
export function groupsOf(products: readonly LocalProduct[]): string[] {
  const collator = new Intl.Collator('sv');
  const named = new Set<string>();
  let ungrouped = false;
  for (const product of products) {
    if (product.group === null || product.group.trim() === '') ungrouped = true;
    else named.add(product.group);
  }
  const groups = [...named].sort(collator.compare);
  return ungrouped && groups.length > 0 ? [...groups, noGroup] : groups;
}

export function inGroup(product: LocalProduct, group: string): boolean {
  if (group === allGroups) return true;
  if (group === noGroup) return product.group === null || product.group.trim() === '';
  return product.group === group;
}

/** Products whose name, article number or barcode contains every word of the query. */
export function searchProducts(products: readonly LocalProduct[], query: string): LocalProduct[] {
  const words = query.toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...products];
  return products.filter((product) => {
    const haystack = [product.name, product.articleNumber, ...product.barcodes]
      .join(' ')
      .toLocaleLowerCase('sv');
    return words.every((word) => haystack.includes(word));
  });
}

/** Whether the search field holds a barcode rather than words (Enter then adds by barcode). */
export function looksLikeBarcode(query: string): boolean {
  return /^\d{4,}$/.test(query.trim());
}

/** `25,00 kr` or `129,00 kr/kg`. */
export function productPriceText(product: LocalProduct): string {
  return product.unit === 'kilogram'
    ? `${formatKr(product.priceOre)}/kg`
    : formatKr(product.priceOre);
}

/** `25,00 kr` or `129,00 kr/kg`. */
export function lineUnitPriceText(line: SaleLineView): string {
  return line.unit === 'gram' ? `${formatKr(line.unitPrice)}/kg` : formatKr(line.unitPrice);
}
