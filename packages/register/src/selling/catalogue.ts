/**
 * The register's local copy of the catalogue (catalogue.json in the data folder): the catalogue
 * of the configuration snapshot (GET /api/register/config) at start and whenever the
 * configuration changed, so selling never needs the network. The file also keeps the
 * configuration cursor, written last, after the copies it stands for.
 * Article texts come only from here: the POS cannot edit them at the moment of sale
 * (SKVFS 2014:9 6 kap 4 §). A price that differs from the previous copy is a price change of
 * this register and is journaled (2 kap 15 §); every other difference (an article added or
 * removed, its name, VAT category, unit, kind, group or barcodes) is a programming change and is
 * journaled as `article-changed` before it takes effect (5 kap 4 §, behandlingshistorik).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { type ArticleChangeField, type JournalEvent, ore } from '@kassa/core';
import { localProductSchema, type LocalProduct, type Product } from '@kassa/contracts';
import { writeJsonAtomic } from '../folder/data-folder.js';

const CATALOGUE_FILE = 'catalogue.json';

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

const COLLATOR = new Intl.Collator('sv');
const byName = (a: LocalProduct, b: LocalProduct) => COLLATOR.compare(a.name, b.name);

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
    .sort(byName);
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

/** The fields of a local product an `article-changed` entry follows, and their text. */
const ARTICLE_FIELDS: readonly {
  field: Exclude<ArticleChangeField, 'article'>;
  text: (p: LocalProduct) => string | null;
}[] = [
  { field: 'name', text: (p) => p.name },
  { field: 'vatCategory', text: (p) => p.vatCategory },
  { field: 'unit', text: (p) => p.unit },
  { field: 'kind', text: (p) => p.kind },
  { field: 'group', text: (p) => p.group },
  { field: 'barcodes', text: (p) => (p.barcodes.length === 0 ? null : p.barcodes.join(', ')) },
];

/**
 * The programming changes between two copies of the catalogue other than prices, in article
 * order: each article removed (no longer sold here: deleted, made inactive or without a price),
 * each added, and each changed field of an article in both (SKVFS 2014:9 5 kap 4 §).
 */
export function articleChanges(
  previous: readonly LocalProduct[],
  next: readonly LocalProduct[],
): JournalEvent[] {
  const before = new Map(previous.map((p) => [p.articleNumber, p]));
  const after = new Map(next.map((p) => [p.articleNumber, p]));
  const numbers = [...new Set([...before.keys(), ...after.keys()])].sort();
  const events: JournalEvent[] = [];
  const change = (
    product: LocalProduct,
    field: ArticleChangeField,
    from: string | null,
    to: string | null,
  ): void => {
    events.push({
      kind: 'article-changed',
      data: {
        articleNumber: product.articleNumber,
        text: product.name,
        field,
        from,
        to,
        source: 'backoffice',
      },
    });
  };
  for (const number of numbers) {
    const old = before.get(number);
    const now = after.get(number);
    if (old === undefined && now !== undefined) change(now, 'article', null, now.name);
    else if (old !== undefined && now === undefined) change(old, 'article', old.name, null);
    else if (old !== undefined && now !== undefined) {
      for (const { field, text } of ARTICLE_FIELDS) {
        const from = text(old);
        const to = text(now);
        if (from !== to) change(now, field, from, to);
      }
    }
  }
  return events;
}

/**
 * The local copy after a delta: each changed product replaces the article of the same number,
 * and is dropped when it is no longer sold here (inactive or without a price). The changed
 * articles are returned too, for journaling only what the delta touches.
 */
export function applyCatalogueDelta(
  current: readonly LocalProduct[],
  changed: readonly Product[],
): { products: LocalProduct[]; numbers: Set<string> } {
  const numbers = new Set(changed.map((p) => p.articleNumber));
  const kept = current.filter((p) => !numbers.has(p.articleNumber));
  return { products: mergeByName(kept, toLocalProducts(changed)), numbers };
}

/**
 * `sorted` (by name) with `added` put in their places: the same list as sorting both together
 * (a stable sort: an added product after the kept ones of the same name), with a binary search
 * per added product instead of sorting 100,000 names again.
 */
function mergeByName(sorted: readonly LocalProduct[], added: readonly LocalProduct[]) {
  if (added.length === 0) return [...sorted];
  const out: LocalProduct[] = [];
  let from = 0;
  for (const product of [...added].sort(byName)) {
    let low = from;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (byName(sorted[mid] as LocalProduct, product) <= 0) low = mid + 1;
      else high = mid;
    }
    for (let i = from; i < low; i++) out.push(sorted[i] as LocalProduct);
    out.push(product);
    from = low;
  }
  for (let i = from; i < sorted.length; i++) out.push(sorted[i] as LocalProduct);
  return out;
}

/**
 * A catalogue change whose entries are journaled but whose copy may not be written yet: kept in
 * the journal's working state in the same transaction as its `article-changed` and
 * `price-change` entries, so after a crash in between the copy is brought up to it without
 * journaling the same changes again (SKVFS 2014:9 5 kap 4 §: each change once).
 */
export const PENDING_CATALOGUE_KEY = 'catalogue-pending';

export const pendingCatalogueSchema = z.object({
  cursor: z.string(),
  businessDay: z.string(),
  syncedAt: z.string(),
  /** The articles replaced (or added); the others with their number in `removed` are dropped. */
  upserts: z.array(localProductSchema),
  removed: z.array(z.string()),
});
export type PendingCatalogue = z.infer<typeof pendingCatalogueSchema>;

/** What changes between two copies, as a pending change (only the articles that differ). */
export function pendingOf(
  previous: readonly LocalProduct[],
  next: readonly LocalProduct[],
  touched: ReadonlySet<string> | null,
  meta: { cursor: string; businessDay: string; syncedAt: string },
): PendingCatalogue {
  const before = new Map(previous.map((p) => [p.articleNumber, p]));
  const after = new Map(next.map((p) => [p.articleNumber, p]));
  const numbers = touched ?? new Set([...before.keys(), ...after.keys()]);
  const upserts: LocalProduct[] = [];
  const removed: string[] = [];
  for (const number of numbers) {
    const now = after.get(number);
    if (now === undefined) {
      if (before.has(number)) removed.push(number);
    } else if (JSON.stringify(now) !== JSON.stringify(before.get(number))) upserts.push(now);
  }
  return { ...meta, upserts, removed };
}

/** A copy with a pending change applied. */
export function withPending(
  current: readonly LocalProduct[],
  pending: PendingCatalogue,
): LocalProduct[] {
  const replaced = new Set([...pending.removed, ...pending.upserts.map((p) => p.articleNumber)]);
  const kept = current.filter((p) => !replaced.has(p.articleNumber));
  return mergeByName(kept, pending.upserts);
}

/** Writes the new local copy. */
export function writeCatalogue(folder: string, file: CatalogueFile): Promise<void> {
  return writeJsonAtomic(path.join(folder, CATALOGUE_FILE), file);
}

/** The value of `group` for every group, and for the products without one. */
const ALL_GROUPS = '*';
const NO_GROUP = '';

const ungrouped = (p: LocalProduct) => p.group === null || p.group.trim() === '';

/**
 * The local copy prepared for searching (GET /local/catalogue with a query): each product's
 * name, article number and barcodes lower-cased once, an exact map of barcodes and article
 * numbers, and the groups. Built once per copy; a search reads the prepared texts, never the
 * products' fields, and returns at most one page.
 */
export class CatalogueIndex {
  private readonly texts: string[];
  private readonly exact = new Map<string, number>();
  readonly groups: string[];
  /** The last search's words and group and every product it took (typing on narrows them). */
  private last: { q: string; group: string; matches: number[] } | null = null;

  constructor(readonly products: readonly LocalProduct[]) {
    this.texts = products.map((p) =>
      [p.name, p.articleNumber, ...p.barcodes].join(' ').toLowerCase(),
    );
    const named = new Set<string>();
    let withoutGroup = false;
    products.forEach((p, i) => {
      // A barcode first, as the engine's addLine finds it; an article number where no barcode is.
      for (const barcode of p.barcodes) if (!this.exact.has(barcode)) this.exact.set(barcode, i);
      if (ungrouped(p)) withoutGroup = true;
      else if (p.group !== null) named.add(p.group);
    });
    products.forEach((p, i) => {
      if (!this.exact.has(p.articleNumber)) this.exact.set(p.articleNumber, i);
    });
    const groups = [...named].sort(COLLATOR.compare);
    this.groups = withoutGroup && groups.length > 0 ? [...groups, NO_GROUP] : groups;
  }

  /** One page (by name) of the products the query takes, and how many it takes in all. */
  search(query: {
    q?: string | undefined;
    group?: string | undefined;
    barcode?: string | undefined;
    offset: number;
    limit: number;
  }): { total: number; products: LocalProduct[] } {
    const { offset, limit } = query;
    if (query.barcode !== undefined) {
      const at = this.exact.get(query.barcode.trim());
      const found = at === undefined ? [] : [this.products[at] as LocalProduct];
      return { total: found.length, products: found.slice(offset, offset + limit) };
    }
    const q = (query.q ?? '').toLowerCase();
    const words = q.split(/\s+/).filter(Boolean);
    const group = query.group ?? ALL_GROUPS;
    if (words.length === 0 && group === ALL_GROUPS) {
      return { total: this.products.length, products: this.products.slice(offset, offset + limit) };
    }
    // The same search again (the next page), or the last one typed on: every product the new
    // one takes was taken by the last one (each word contains one of the last words, or is new),
    // so only those are read again.
    const last = this.last;
    const narrowing =
      last !== null && last.group === group && last.q !== '' && q.startsWith(last.q);
    const matches: number[] = [];
    const take = (i: number) => {
      const product = this.products[i] as LocalProduct;
      if (!narrowing && group !== ALL_GROUPS) {
        if (group === NO_GROUP ? !ungrouped(product) : product.group !== group) return;
      }
      const text = this.texts[i] as string;
      if (words.every((word) => text.includes(word))) matches.push(i);
    };
    if (narrowing) for (const i of last.matches) take(i);
    else for (let i = 0; i < this.products.length; i++) take(i);
    this.last = { q, group, matches };
    return {
      total: matches.length,
      products: matches.slice(offset, offset + limit).map((i) => this.products[i] as LocalProduct),
    };
  }
}
