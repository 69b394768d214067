/**
 * CSV import of the catalogue, as exported from Excel (Swedish Excel writes `;` and decimal
 * commas). All or nothing: every row is checked, and when any row is wrong nothing is saved and the
 * answer lists each wrong row with its column and a message saying what to fix. The file's own
 * rows are checked in product-import-rows.ts, written by product-import-write.ts.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { isValidGtin } from '@kassa/core';
import type { ImportRowError, Product } from '@kassa/contracts';
import type { Db } from '../db/database.js';
import { productBarcodes, products } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { parseImportRows, refusalError } from './product-import-rows.js';
import {
  IMPORT_BATCH,
  type ImportedProduct,
  type UpdatedProduct,
  writeImport,
} from './product-import-write.js';
import { presentProducts } from './products.js';

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
}

/** Imports the CSV; with errors (or `dryRun`) nothing is saved. */
export async function importProducts(
  db: Db,
  makeContext: (tx: CommandContext['tx']) => CommandContext,
  csv: string,
  today: string,
  dryRun: boolean,
): Promise<ImportResult> {
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, errors: [] };
  const { rows: parsed, errors } = parseImportRows(csv);
  result.errors.push(...errors);
  if (result.errors.length > 0) return result;

  // Checked against the catalogue and written in one transaction, in batches: a few statements
  // per thousand rows, whatever the file's size.
  await db.transaction(async (tx) => {
    const ctx = makeContext(tx);
    const existing = new Map<string, Product>();
    const numbers = parsed.map((p) => p.articleNumber);
    for (let i = 0; i < numbers.length; i += IMPORT_BATCH) {
      const rows = await tx
        .select()
        .from(products)
        .where(
          and(
            eq(products.tenantId, ctx.tenantId),
            inArray(products.articleNumber, numbers.slice(i, i + IMPORT_BATCH)),
          ),
        );
      for (const product of await presentProducts(tx, ctx.tenantId, today, rows)) {
        existing.set(product.articleNumber, product);
      }
    }
    // Who holds each barcode of the file now.
    const holder = new Map<string, string>();
    const wanted = [...new Set(parsed.flatMap((p) => p.barcodes))];
    for (let i = 0; i < wanted.length; i += IMPORT_BATCH) {
      const rows = await tx
        .select({ barcode: productBarcodes.barcode, productId: productBarcodes.productId })
        .from(productBarcodes)
        .where(
          and(
            eq(productBarcodes.tenantId, ctx.tenantId),
            inArray(productBarcodes.barcode, wanted.slice(i, i + IMPORT_BATCH)),
          ),
        );
      for (const row of rows) holder.set(row.barcode, row.productId);
    }
    // A barcode may move to another article of the file when that article's row lets it go.
    const releasedBy = new Map<string, Set<string>>();
    for (const p of parsed) {
      const current = existing.get(p.articleNumber);
      if (current) releasedBy.set(current.id, new Set(p.barcodes));
    }

    const created: ImportedProduct[] = [];
    const updated: UpdatedProduct[] = [];
    for (const p of parsed) {
      const current = existing.get(p.articleNumber);
      const barcodes = [...new Set(p.barcodes)];
      const invalid = barcodes.find((b) => !isValidGtin(b));
      if (invalid !== undefined) {
        result.errors.push(
          refusalError(p.row, { ok: false, code: 'barcode-invalid', barcode: invalid }),
        );
        continue;
      }
      const taken = barcodes.find((b) => {
        const owner = holder.get(b);
        if (owner === undefined || owner === current?.id) return false;
        const keeps = releasedBy.get(owner);
        return keeps === undefined || keeps.has(b);
      });
      if (taken !== undefined) {
        result.errors.push(
          refusalError(p.row, { ok: false, code: 'barcode-taken', barcode: taken }),
        );
        continue;
      }
      if (!current) {
        created.push({ id: randomUUID(), row: { ...p, barcodes } });
        continue;
      }
      const same =
        current.name === p.name &&
        current.vatCategory === p.vatCategory &&
        current.kind === p.kind &&
        current.group === p.group &&
        current.active === p.active &&
        (p.unit === null || current.unit === p.unit) &&
        current.priceOre === p.priceOre &&
        [...current.barcodes].sort().join() === [...barcodes].sort().join();
      if (same) result.unchanged++;
      else updated.push({ id: current.id, row: { ...p, barcodes }, before: current });
    }
    result.created = created.length;
    result.updated = updated.length;
    if (result.errors.length > 0 || dryRun) return;
    if (created.length === 0 && updated.length === 0) return;
    await writeImport(ctx, today, created, updated);
  });
  return result;
}
