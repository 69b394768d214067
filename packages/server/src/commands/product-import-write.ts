/**
 * Writes a catalogue import that passed every check, in batches: a few statements per thousand
 * rows, whatever the file's size.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Product } from '@kassa/contracts';
import { bulkInsert } from '../db/bulk-insert.js';
import { auditLog, productBarcodes, productPrices, products } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { bumpConfigVersion } from './config-version.js';
import type { ParsedRow } from './product-import-rows.js';
import { searchTextOf } from './products.js';

/** Rows per statement when the import reads and writes. */
export const IMPORT_BATCH = 5_000;

/** A new product of the import: its id and its row. */
export interface ImportedProduct {
  id: string;
  row: ParsedRow;
}

/** A changed product of the import: its row, and the product as it was. */
export interface UpdatedProduct {
  id: string;
  row: ParsedRow;
  before: Product;
}

/**
 * Writes an import that passed every check: the new products with their barcodes and first
 * price, the changed ones (fields, barcodes, and a price from today when it changed), each
 * stamped with one new configuration version, and the audit entries a product created, changed
 * or repriced one by one would have written.
 */
export async function writeImport(
  ctx: CommandContext,
  today: string,
  created: readonly ImportedProduct[],
  updated: readonly UpdatedProduct[],
): Promise<void> {
  const { tx, tenantId, now } = ctx;
  const version = await bumpConfigVersion(ctx);
  const audits: (typeof auditLog.$inferInsert)[] = [];
  const auditOf = (action: string, targetId: string, details: Record<string, unknown>) =>
    audits.push({
      tenantId,
      id: randomUUID(),
      at: now,
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.name,
      action,
      targetType: 'product',
      targetId,
      details,
      address: ctx.address,
    });

  // The barcode and price rows of a batch of imported products.
  const barcodeRowsOf = (batch: readonly ImportedProduct[]) =>
    batch.flatMap(({ id, row }) =>
      row.barcodes.map((barcode) => ({ tenantId, barcode, productId: id })),
    );
  const priceRowsOf = (batch: readonly ImportedProduct[]) =>
    batch.map(({ id, row }) => ({
      tenantId,
      productId: id,
      effectiveFrom: today,
      priceOre: row.priceOre,
      createdAt: now,
    }));

  for (let i = 0; i < created.length; i += IMPORT_BATCH) {
    const batch = created.slice(i, i + IMPORT_BATCH);
    await bulkInsert(
      tx,
      products,
      batch.map(({ id, row }) => ({
        tenantId,
        id,
        articleNumber: row.articleNumber,
        name: row.name,
        kind: row.kind,
        vatCategory: row.vatCategory,
        groupName: row.group,
        active: row.active,
        unit: row.unit ?? 'piece',
        searchText: searchTextOf(row.articleNumber, row.name, row.barcodes, row.group),
        configVersion: version,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await bulkInsert(tx, productBarcodes, barcodeRowsOf(batch));
    await bulkInsert(tx, productPrices, priceRowsOf(batch));
    for (const { id, row } of batch) {
      auditOf('product.created', id, {
        articleNumber: row.articleNumber,
        name: row.name,
        priceOre: row.priceOre,
        unit: row.unit ?? 'piece',
      });
    }
  }

  for (let i = 0; i < updated.length; i += IMPORT_BATCH) {
    const batch = updated.slice(i, i + IMPORT_BATCH);
    const ids = batch.map((u) => u.id);
    // Barcodes first: one released by an article of the file may be taken by another.
    await tx
      .delete(productBarcodes)
      .where(and(eq(productBarcodes.tenantId, tenantId), inArray(productBarcodes.productId, ids)));
  }
  for (let i = 0; i < updated.length; i += IMPORT_BATCH) {
    const batch = updated.slice(i, i + IMPORT_BATCH);
    await bulkInsert(tx, productBarcodes, barcodeRowsOf(batch));
    const column = <T>(pick: (u: (typeof batch)[number]) => T) => sql.param(batch.map(pick));
    await tx.execute(sql`UPDATE ${products} AS p SET
        name = v.name, vat_category = v.vat_category, kind = v.kind, group_name = v.group_name,
        active = v.active, unit = coalesce(v.unit, p.unit), search_text = v.search_text,
        config_version = ${version}, updated_at = ${now.toISOString()}::timestamptz
      FROM unnest(${column((u) => u.id)}::text[]::uuid[], ${column((u) => u.row.name)}::text[],
        ${column((u) => u.row.vatCategory)}::text[], ${column((u) => u.row.kind)}::text[],
        ${column((u) => u.row.group)}::text[], ${column((u) => String(u.row.active))}::text[]::boolean[],
        ${column((u) => u.row.unit)}::text[],
        ${column((u) => searchTextOf(u.row.articleNumber, u.row.name, u.row.barcodes, u.row.group))}::text[])
        AS v(id, name, vat_category, kind, group_name, active, unit, search_text)
      WHERE p.tenant_id = ${tenantId} AND p.id = v.id`);
    const repriced = batch.filter((u) => u.before.priceOre !== u.row.priceOre);
    await bulkInsert(
      tx,
      productPrices,
      priceRowsOf(repriced),
      sql`ON CONFLICT (tenant_id, product_id, effective_from)
        DO UPDATE SET price_ore = excluded.price_ore, created_at = excluded.created_at`,
    );
    for (const { id, row, before } of batch) {
      auditOf('product.updated', id, {
        articleNumber: before.articleNumber,
        change: {
          name: row.name,
          barcodes: row.barcodes,
          vatCategory: row.vatCategory,
          kind: row.kind,
          group: row.group,
          active: row.active,
          ...(row.unit === null ? {} : { unit: row.unit }),
        },
      });
      if (before.priceOre !== row.priceOre) {
        auditOf('product.price-changed', id, {
          articleNumber: before.articleNumber,
          priceOre: row.priceOre,
          effectiveFrom: today,
        });
      }
    }
  }
  for (let i = 0; i < audits.length; i += IMPORT_BATCH) {
    await bulkInsert(tx, auditLog, audits.slice(i, i + IMPORT_BATCH));
  }
}
