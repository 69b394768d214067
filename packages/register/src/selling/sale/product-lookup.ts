import type { LocalProduct } from '@kassa/contracts';

/** A catalogue's products by code: built once per catalogue (a new one replaces the array). */
export interface ProductLookup {
  /** A barcode or an article number: the first product in catalogue order that has it. */
  readonly byCode: ReadonlyMap<string, LocalProduct>;
  readonly byArticleNumber: ReadonlyMap<string, LocalProduct>;
}

const lookups = new WeakMap<readonly LocalProduct[], ProductLookup>();

/**
 * The lookup of `products`, so adding a line costs the same with 100,000 articles as with 10
 * (bench/README.md, the catalogue bench) — what a scan in catalogue order found, by map.
 */
export function productLookupOf(products: readonly LocalProduct[]): ProductLookup {
  const known = lookups.get(products);
  if (known !== undefined) return known;
  const byCode = new Map<string, LocalProduct>();
  const byArticleNumber = new Map<string, LocalProduct>();
  for (const product of products) {
    for (const code of [...product.barcodes, product.articleNumber]) {
      if (!byCode.has(code)) byCode.set(code, product);
    }
    if (!byArticleNumber.has(product.articleNumber)) {
      byArticleNumber.set(product.articleNumber, product);
    }
  }
  const lookup = { byCode, byArticleNumber };
  lookups.set(products, lookup);
  return lookup;
}
