/**
 * The catalogue: products with barcodes, and prices that change from a given business day on.
 * A price change never rewrites history: it is a new row effective from a day (SKVFS 2014:9
 * 2 kap 15 §: price changes are part of the register's running use and are journaled there).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
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

/** The catalogue as the API presents it; `today` is the business day whose prices are in force. */
export async function listProducts(
  db: Db | Tx,
  tenantId: string,
  today: string,
  productId?: string,
): Promise<Product[]> {
  if (productId !== undefined && !isUuid(productId)) return [];
  const rows = await db
    .select()
    .from(products)
    .where(
      productId === undefined
        ? eq(products.tenantId, tenantId)
        : and(eq(products.tenantId, tenantId), eq(products.id, productId)),
    )
    .orderBy(asc(products.name), asc(products.articleNumber));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const barcodes = await db
    .select()
    .from(productBarcodes)
    .where(and(eq(productBarcodes.tenantId, tenantId), inArray(productBarcodes.productId, ids)))
    .orderBy(asc(productBarcodes.barcode));
  const prices = await db
    .select()
    .from(productPrices)
    .where(and(eq(productPrices.tenantId, tenantId), inArray(productPrices.productId, ids)))
    .orderBy(asc(productPrices.effectiveFrom));
  return rows.map((p) => {
    const own = prices.filter((x) => x.productId === p.id);
    const inForce = own.filter((x) => x.effectiveFrom <= today).at(-1);
    return {
      id: p.id,
      articleNumber: p.articleNumber,
      name: p.name,
      barcodes: barcodes.filter((b) => b.productId === p.id).map((b) => b.barcode),
      vatCategory: p.vatCategory,
      kind: p.kind,
      unit: p.unit,
      group: p.groupName,
      active: p.active,
      priceOre: inForce?.priceOre ?? null,
      prices: own.map((x) => ({ effectiveFrom: x.effectiveFrom, priceOre: x.priceOre })),
    };
  });
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
  await bumpConfigVersion(ctx);
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
  if (change.barcodes !== undefined) {
    const barcodes = [...new Set(change.barcodes)];
    const bad = await checkBarcodes(ctx, barcodes, productId);
    if (bad) return bad;
    await replaceBarcodes(ctx, productId, barcodes);
  }
  const set: Partial<typeof products.$inferInsert> = { updatedAt: ctx.now };
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
  await bumpConfigVersion(ctx);
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
  await bumpConfigVersion(ctx);
  await audit(ctx, {
    action: 'product.price-changed',
    targetType: 'product',
    targetId: productId,
    details: { articleNumber: product.articleNumber, priceOre, effectiveFrom },
  });
  return { ok: true };
}
