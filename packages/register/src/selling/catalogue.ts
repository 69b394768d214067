/**
 * The register's local copy of the catalogue (catalogue.json in the data folder): pulled from
 * GET /api/register/catalogue at start and with every sync, so selling never needs the network.
 * Article texts come only from here: the POS cannot edit them at the moment of sale
 * (SKVFS 2014:9 6 kap 4 §). A price that differs from the previous copy is a price change of
 * this register and is journaled (2 kap 15 §).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type JournalEvent, ore } from '@kassa/core';
import { localProductSchema, type LocalProduct } from '@kassa/contracts';
import { writeJsonAtomic } from '../data-folder.js';
import { signedRequest, type DeviceIdentity } from '../device-client.js';
import type { Outcome } from '../failure.js';
import { interpret } from '../server-api.js';

export const CATALOGUE_FILE = 'catalogue.json';

const catalogueFileSchema = z.object({
  formatVersion: z.literal(1),
  syncedAt: z.string(),
  businessDay: z.string(),
  products: z.array(localProductSchema),
});
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;

/** The server's answer (unit is optional: servers before weighed products did not send it). */
const serverCatalogueSchema = z.object({
  businessDay: z.string(),
  products: z.array(
    z.object({
      articleNumber: z.string(),
      name: z.string(),
      barcodes: z.array(z.string()),
      vatCategory: z.string(),
      kind: z.enum(['good', 'service']),
      group: z.string().nullable(),
      active: z.boolean(),
      priceOre: z.number().int().nullable(),
      unit: z.enum(['piece', 'kilogram']).optional(),
    }),
  ),
});

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

/** Pulls the catalogue from the server (active products with a price in force). */
export async function fetchCatalogue(
  identity: DeviceIdentity,
): Promise<Outcome<{ businessDay: string; products: LocalProduct[] }>> {
  const sent = await signedRequest(identity, 'GET', '/api/register/catalogue');
  if (!sent.ok) return sent;
  const read = interpret(sent.value, serverCatalogueSchema);
  if (!read.ok) return read;
  const products = read.value.products
    .filter((p) => p.active && p.priceOre !== null)
    .map((p): LocalProduct => ({
      articleNumber: p.articleNumber,
      name: p.name,
      barcodes: p.barcodes,
      priceOre: p.priceOre ?? 0,
      unit: p.unit ?? 'piece',
      vatCategory: p.vatCategory,
      kind: p.kind,
      group: p.group,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  return { ok: true, value: { businessDay: read.value.businessDay, products } };
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
