/**
 * The register's local copy of the catalogue (catalogue.json in the data folder): the catalogue
 * of the configuration snapshot (GET /api/register/config) at start and whenever the
 * configuration changed, so selling never needs the network. The file also keeps the
 * configuration cursor, written last, after the copies it stands for.
 * Article texts come only from here: the POS cannot edit them at the moment of sale
 * (SKVFS 2014:9 6 kap 4 §). A price that differs from the previous copy is a price change of
 * this register and is journaled (2 kap 15 §).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type JournalEvent, ore } from '@kassa/core';
import { localProductSchema, type LocalProduct, type Product } from '@kassa/contracts';
import { writeJsonAtomic } from '../data-folder.js';

export const CATALOGUE_FILE = 'catalogue.json';

const catalogueFileSchema = z.object({
  formatVersion: z.literal(1),
  syncedAt: z.string(),
  businessDay: z.string(),
  products: z.array(localProductSchema),
  /** The configuration cursor these copies stand for (absent: ask for a full snapshot). */
  cursor: z.string().optional(),
});
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

/** Reads the local copy; null when there is none (or it is damaged: it is only a copy). */
export async function readCatalogue(folder: string): Promise<CatalogueFile | null> {
  try {
    const parsed = catalogueFileSchema.safeParse(
      JSON.parse(await readFile(path.join(folder, CATALOGUE_FILE), 'utf8')),
    );
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The products a register sells from the server's catalogue: active, with a price in force. */
export function toLocalProducts(catalogue: readonly Product[]): LocalProduct[] {
  return catalogue
    .filter((p) => p.active && p.priceOre !== null)
    .map((p): LocalProduct => ({
      articleNumber: p.articleNumber,
      name: p.name,
      barcodes: p.barcodes,
      priceOre: p.priceOre ?? 0,
      unit: p.unit,
      vatCategory: p.vatCategory,
      kind: p.kind,
      group: p.group,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

/** The price-change events between two copies of the catalogue (same article, new price). */
export function priceChanges(
  previous: readonly LocalProduct[],
  next: readonly LocalProduct[],
  effectiveFrom: string,
): JournalEvent[] {
  const before = new Map(previous.map((p) => [p.articleNumber, p]));
  const events: JournalEvent[] = [];
  for (const product of next) {
    const old = before.get(product.articleNumber);
    if (old !== undefined && old.priceOre !== product.priceOre) {
      events.push({
        kind: 'price-change',
        data: {
          articleNumber: product.articleNumber,
          text: product.name,
          from: ore(old.priceOre),
          to: ore(product.priceOre),
          effectiveFrom,
        },
      });
    }
  }
  return events;
}

/** Writes the new local copy. */
export function writeCatalogue(folder: string, file: CatalogueFile): Promise<void> {
  return writeJsonAtomic(path.join(folder, CATALOGUE_FILE), file);
}
