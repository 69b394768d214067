/**
 * The catalogue: products with barcodes, and prices that change from a given business day on.
 * A price change never rewrites history: it is a new row effective from a day (SKVFS 2014:9
 * 2 kap 15 §: price changes are part of the register's running use and are journaled there).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { isValidGtin } from '@kassa/core';
import type { CreateProductBody, Product, UpdateProductBody } from '@kassa/contracts';
import type { Db, Tx } from '../db/database.js';
import { productBarcodes, productPrices, products } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { audit } from './audit.js';
import { bumpConfigVersion } from './config-version.js';
import { isUuid } from '../ids.js';
import type { Failure } from '@kassa/core';

export type ProductRefusal =
  | Failure<'product-not-found' | 'article-number-taken' | 'price-change-in-past'>
  | Failure<'barcode-taken' | 'barcode-invalid', { barcode: string }>;

/**
 * What the catalogue search matches: article number, name, group and barcodes, lower-case (the
 * products' `search_text`, behind a trigram index). Lower-cased here, not by the database: a
 * database in the C locale leaves Å, Ä and Ö as they are (migration 0013 refolds older rows).
 */
export function searchTextOf(
  articleNumber: string,
  name: string,
  barcodes: readonly string[],
  group: string | null = null,
) {
  const fields = group === null ? [articleNumber, name] : [articleNumber, name, group];
  return [...fields, ...[...barcodes].sort()].join(' ').toLowerCase();
}

/** At most this many words of a search are used. */
const SEARCH_WORDS = 8;

/** The words of a search, lower-case (empty: no search). */
function searchWords(query: string | undefined): string[] {
  return (query ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, SEARCH_WORDS);
}

/** `LIKE` pattern text for a literal word. */
function likeLiteral(word: string): string {
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Which products a listing takes. */
export interface ProductFilter {
  /** One product. */
  productId?: string;
  /** Products whose article number, name, group or a barcode contains every word. */
  search?: string;
  /**
   * Products changed after a configuration version, or whose price comes into force after the
   * business day `day` (up to `today`): what a register at that cursor has not seen.
   */
  changedSince?: { version: number; day: string };
}

function conditionsOf(tenantId: string, filter: ProductFilter, today: string): SQL[] {
  const conditions: SQL[] = [eq(products.tenantId, tenantId)];
  if (filter.productId !== undefined) conditions.push(eq(products.id, filter.productId));
  for (const word of searchWords(filter.search)) {
    conditions.push(sql`${products.searchText} LIKE ${`%${likeLiteral(word)}%`}`);
  }
  const since = filter.changedSince;
  if (since !== undefined) {
    const pricedSince = sql`${products.id} IN (SELECT ${productPrices.productId} FROM ${productPrices}
      WHERE ${productPrices.tenantId} = ${tenantId} AND ${productPrices.effectiveFrom} > ${since.day}
      AND ${productPrices.effectiveFrom} <= ${today})`;
    conditions.push(or(gt(products.configVersion, since.version), pricedSince) ?? pricedSince);
  }
  return conditions;
}

/** Ids per `inArray` (a statement holds at most 65,535 parameters). */
const ID_CHUNK = 5_000;

/** The products of `rows` with their barcodes and prices, as the API presents them. */
export async function presentProducts(
  db: Db | Tx,
  tenantId: string,
  today: string,
  rows: readonly (typeof products.$inferSelect)[],
): Promise<Product[]> {
  const barcodesOf = new Map<string, string[]>();
  const pricesOf = new Map<string, { effectiveFrom: string; priceOre: number }[]>();
  for (let i = 0; i < rows.length; i += ID_CHUNK) {
    const ids = rows.slice(i, i + ID_CHUNK).map((r) => r.id);
    const barcodes = await db
      .select({ productId: productBarcodes.productId, barcode: productBarcodes.barcode })
      .from(productBarcodes)
      .where(and(eq(productBarcodes.tenantId, tenantId), inArray(productBarcodes.productId, ids)))
      .orderBy(asc(productBarcodes.barcode));
    for (const b of barcodes) {
      const list = barcodesOf.get(b.productId);
      if (list) list.push(b.barcode);
      else barcodesOf.set(b.productId, [b.barcode]);
    }
    const prices = await db
      .select({
        productId: productPrices.productId,
        effectiveFrom: productPrices.effectiveFrom,
        priceOre: productPrices.priceOre,
      })
      .from(productPrices)
      .where(and(eq(productPrices.tenantId, tenantId), inArray(productPrices.productId, ids)))
      .orderBy(asc(productPrices.effectiveFrom));
    for (const p of prices) {
      const price = { effectiveFrom: p.effectiveFrom, priceOre: p.priceOre };
      const list = pricesOf.get(p.productId);
      if (list) list.push(price);
      else pricesOf.set(p.productId, [price]);
    }
  }
  return rows.map((p) => {
    const own = pricesOf.get(p.id) ?? [];
    const inForce = own.filter((x) => x.effectiveFrom <= today).at(-1);
    return {
      id: p.id,
      articleNumber: p.articleNumber,
      name: p.name,
      barcodes: barcodesOf.get(p.id) ?? [],
      vatCategory: p.vatCategory,
      kind: p.kind,
      unit: p.unit,
      group: p.groupName,
      active: p.active,
      priceOre: inForce?.priceOre ?? null,
      prices: own,
    };
  });
}

/**
 * The catalogue as the API presents it, by name; `today` is the business day whose prices are in
 * force. A string `productIdOrFilter` is one product.
 */
export async function listProducts(
  db: Db | Tx,
  tenantId: string,
  today: string,
  productIdOrFilter: string | ProductFilter = {},
): Promise<Product[]> {
  const filter =
    typeof productIdOrFilter === 'string' ? { productId: productIdOrFilter } : productIdOrFilter;
  if (filter.productId !== undefined && !isUuid(filter.productId)) return [];
  const rows = await db
    .select()
    .from(products)
    .where(and(...conditionsOf(tenantId, filter, today)))
    .orderBy(asc(products.name), asc(products.articleNumber));
  return presentProducts(db, tenantId, today, rows);
}

/** One page of the catalogue by article number, and how many products the filter takes. */
export async function pageProducts(
  db: Db | Tx,
  tenantId: string,
  today: string,
  page: { search?: string; offset: number; limit: number },
): Promise<{ total: number; products: Product[] }> {
  const where = and(...conditionsOf(tenantId, { search: page.search }, today));
  const [counted] = await db.select({ total: count() }).from(products).where(where);
  const rows = await db
    .select()
    .from(products)
    .where(where)
    .orderBy(asc(products.articleNumber))
    .offset(page.offset)
    .limit(page.limit);
  return { total: counted?.total ?? 0, products: await presentProducts(db, tenantId, today, rows) };
}

/** Checks barcodes: valid check digits, and not used by another product of the environment. */
async function checkBarcodes(
  ctx: CommandContext,
  barcodes: string[],
  exceptProductId: string | null,
): Promise<ProductRefusal | null> {
  for (const barcode of barcodes) {
    if (!isValidGtin(barcode)) return { ok: false, code: 'barcode-invalid', barcode };
  }
  if (barcodes.length === 0) return null;
  const taken = await ctx.tx
    .select({ barcode: productBarcodes.barcode })
    .from(productBarcodes)
    .where(
      and(
        eq(productBarcodes.tenantId, ctx.tenantId),
        inArray(productBarcodes.barcode, barcodes),
        ...(exceptProductId ? [ne(productBarcodes.productId, exceptProductId)] : []),
      ),
    );
  const first = taken[0];
  return first ? { ok: false, code: 'barcode-taken', barcode: first.barcode } : null;
}

async function replaceBarcodes(ctx: CommandContext, productId: string, barcodes: string[]) {
  await ctx.tx
    .delete(productBarcodes)
    .where(
      and(eq(productBarcodes.tenantId, ctx.tenantId), eq(productBarcodes.productId, productId)),
    );
  if (barcodes.length > 0) {
    await ctx.tx
      .insert(productBarcodes)
      .values(barcodes.map((barcode) => ({ tenantId: ctx.tenantId, barcode, productId })));
  }
}

/** Creates a product with its first price, in force from `today`. */
export async function createProduct(
  ctx: CommandContext,
  input: CreateProductBody,
  today: string,
): Promise<{ ok: true; productId: string } | ProductRefusal> {
  const barcodes = [...new Set(input.barcodes)];
  const existing = await ctx.tx
    .select({ id: products.id })
    .from(products)
    .where(
      and(eq(products.tenantId, ctx.tenantId), eq(products.articleNumber, input.articleNumber)),
    );
  if (existing.length > 0) return { ok: false, code: 'article-number-taken' };
  const bad = await checkBarcodes(ctx, barcodes, null);
  if (bad) return bad;
  const id = randomUUID();
  const version = await bumpConfigVersion(ctx);
  await ctx.tx.insert(products).values({
    tenantId: ctx.tenantId,
    id,
    articleNumber: input.articleNumber,
    name: input.name,
    kind: input.kind,
    unit: input.unit,
    vatCategory: input.vatCategory,
    groupName: input.group,
    active: input.active,
    searchText: searchTextOf(input.articleNumber, input.name, barcodes, input.group),
    configVersion: version,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await replaceBarcodes(ctx, id, barcodes);
  await ctx.tx.insert(productPrices).values({
    tenantId: ctx.tenantId,
    productId: id,
    effectiveFrom: today,
    priceOre: input.priceOre,
    createdAt: ctx.now,
  });
  await audit(ctx, {
    action: 'product.created',
    targetType: 'product',
    targetId: id,
    details: {
      articleNumber: input.articleNumber,
      name: input.name,
      priceOre: input.priceOre,
      unit: input.unit,
    },
  });
  return { ok: true, productId: id };
}

/** Changes a product's name, barcodes, VAT category, kind, unit, group or active flag. */
export async function updateProduct(
  ctx: CommandContext,
  productId: string,
  change: UpdateProductBody,
): Promise<{ ok: true } | ProductRefusal> {
  if (!isUuid(productId)) return { ok: false, code: 'product-not-found' };
  const [before] = await ctx.tx
    .select()
    .from(products)
    .where(and(eq(products.tenantId, ctx.tenantId), eq(products.id, productId)));
  if (!before) return { ok: false, code: 'product-not-found' };
  let barcodes: string[] | null = null;
  if (change.barcodes !== undefined) {
    barcodes = [...new Set(change.barcodes)];
    const bad = await checkBarcodes(ctx, barcodes, productId);
    if (bad) return bad;
    await replaceBarcodes(ctx, productId, barcodes);
  } else if (change.name !== undefined || change.group !== undefined) {
    const rows = await ctx.tx
      .select({ barcode: productBarcodes.barcode })
      .from(productBarcodes)
      .where(
        and(eq(productBarcodes.tenantId, ctx.tenantId), eq(productBarcodes.productId, productId)),
      );
    barcodes = rows.map((r) => r.barcode);
  }
  const set: Partial<typeof products.$inferInsert> = {
    updatedAt: ctx.now,
    configVersion: await bumpConfigVersion(ctx),
  };
  if (barcodes !== null) {
    set.searchText = searchTextOf(
      before.articleNumber,
      change.name ?? before.name,
      barcodes,
      change.group === undefined ? before.groupName : change.group,
    );
  }
  if (change.name !== undefined) set.name = change.name;
  if (change.vatCategory !== undefined) set.vatCategory = change.vatCategory;
  if (change.kind !== undefined) set.kind = change.kind;
  if (change.unit !== undefined) set.unit = change.unit;
  if (change.group !== undefined) set.groupName = change.group;
  if (change.active !== undefined) set.active = change.active;
  await ctx.tx
    .update(products)
    .set(set)
    .where(and(eq(products.tenantId, ctx.tenantId), eq(products.id, productId)));
  await audit(ctx, {
    action: 'product.updated',
    targetType: 'product',
    targetId: productId,
    details: { articleNumber: before.articleNumber, change },
  });
  return { ok: true };
}

/** Sets the price from a business day on (today or later); the same day again replaces it. */
export async function changePrice(
  ctx: CommandContext,
  productId: string,
  priceOre: number,
  effectiveFrom: string,
  today: string,
): Promise<{ ok: true } | ProductRefusal> {
  if (!isUuid(productId)) return { ok: false, code: 'product-not-found' };
  const [product] = await ctx.tx
    .select()
    .from(products)
    .where(and(eq(products.tenantId, ctx.tenantId), eq(products.id, productId)));
  if (!product) return { ok: false, code: 'product-not-found' };
  if (effectiveFrom < today) return { ok: false, code: 'price-change-in-past' };
  await ctx.tx
    .insert(productPrices)
    .values({ tenantId: ctx.tenantId, productId, effectiveFrom, priceOre, createdAt: ctx.now })
    .onConflictDoUpdate({
      target: [productPrices.tenantId, productPrices.productId, productPrices.effectiveFrom],
      set: { priceOre, createdAt: ctx.now },
    });
  await ctx.tx
    .update(products)
    .set({ configVersion: await bumpConfigVersion(ctx) })
    .where(and(eq(products.tenantId, ctx.tenantId), eq(products.id, productId)));
  await audit(ctx, {
    action: 'product.price-changed',
    targetType: 'product',
    targetId: productId,
    details: { articleNumber: product.articleNumber, priceOre, effectiveFrom },
  });
  return { ok: true };
}
