import { describe, expect, it } from 'vitest';
import type { LocalProduct } from '@kassa/contracts';
import { productLookupOf } from './product-lookup.js';

const product = (articleNumber: string, barcodes: string[]): LocalProduct => ({
  articleNumber,
  name: `Artikel ${articleNumber}`,
  barcodes,
  priceOre: 3500,
  unit: 'piece',
  vatCategory: 'standard',
  kind: 'good',
  group: null,
});

describe('the product lookup of adding a line', () => {
  const a = product('100', ['7310000000001']);
  const b = product('7310000000002', ['100']);
  const c = product('300', ['7310000000001', '7310000000003']);
  const products = [a, b, c];

  it('finds by barcode or article number the first product in catalogue order that has it', () => {
    const lookup = productLookupOf(products);
    expect(lookup.byCode.get('7310000000001')).toBe(a);
    expect(lookup.byCode.get('7310000000003')).toBe(c);
    // "100" is a's article number and b's barcode: a comes first.
    expect(lookup.byCode.get('100')).toBe(a);
    expect(lookup.byCode.get('7310000000002')).toBe(b);
    expect(lookup.byCode.get('999')).toBeUndefined();
    expect(lookup.byArticleNumber.get('7310000000002')).toBe(b);
    expect(lookup.byArticleNumber.get('7310000000001')).toBeUndefined();
  });

  it('is built once per catalogue and anew for a new one', () => {
    expect(productLookupOf(products)).toBe(productLookupOf(products));
    const next = [c, a];
    expect(productLookupOf(next).byCode.get('7310000000001')).toBe(c);
  });
});
