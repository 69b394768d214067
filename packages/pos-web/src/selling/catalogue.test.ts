import { describe, expect, it } from 'vitest';
import type { LocalProduct } from '@kassa/contracts';
import {
  allGroups,
  groupsOf,
  inGroup,
  looksLikeBarcode,
  noGroup,
  productPriceText,
  searchProducts,
} from './catalogue';

function product(name: string, group: string | null, extra: Partial<LocalProduct> = {}) {
  return {
    articleNumber: name.toUpperCase().slice(0, 4),
    name,
    barcodes: [],
    priceOre: 2_500,
    unit: 'piece',
    vatCategory: 'food',
    kind: 'good',
    group,
    ...extra,
  } satisfies LocalProduct;
}

const products = [
  product('Kaffe', 'Dryck', { barcodes: ['7310865004703'] }),
  product('Äppelpaj', 'Bakverk'),
  product('Te', 'Dryck'),
  product('Ost', null, { unit: 'kilogram', priceOre: 12_900 }),
];

describe('groupsOf and inGroup', () => {
  it('sorts groups in Swedish order with ungrouped products last', () => {
    expect(groupsOf(products)).toEqual(['Bakverk', 'Dryck', noGroup]);
    expect(groupsOf([product('Ost', null)])).toEqual([]);
    expect(groupsOf([product('Ö', 'Örter'), product('Z', 'Zoo')])).toEqual(['Zoo', 'Örter']);
  });

  it('puts each product in its tab', () => {
    expect(products.filter((p) => inGroup(p, 'Dryck')).map((p) => p.name)).toEqual(['Kaffe', 'Te']);
    expect(products.filter((p) => inGroup(p, noGroup)).map((p) => p.name)).toEqual(['Ost']);
    expect(products.filter((p) => inGroup(p, allGroups))).toHaveLength(4);
  });
});

describe('searchProducts', () => {
  it('finds by any word of the name, the article number or a barcode', () => {
    expect(searchProducts(products, 'äPP').map((p) => p.name)).toEqual(['Äppelpaj']);
    expect(searchProducts(products, '004703').map((p) => p.name)).toEqual(['Kaffe']);
    expect(searchProducts(products, 'KAFF').map((p) => p.name)).toEqual(['Kaffe']);
    expect(searchProducts(products, '  ')).toHaveLength(4);
    expect(searchProducts(products, 'kaffe te')).toEqual([]);
  });

  it('tells a barcode from words', () => {
    expect(looksLikeBarcode('7310865004703')).toBe(true);
    expect(looksLikeBarcode('kaffe')).toBe(false);
    expect(looksLikeBarcode('12')).toBe(false);
  });

  it('prices weighed goods per kilogram', () => {
    expect(productPriceText(products[3] as LocalProduct)).toBe('129,00\u00a0kr/kg');
    expect(productPriceText(products[0] as LocalProduct)).toBe('25,00\u00a0kr');
  });
});
