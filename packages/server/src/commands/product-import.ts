/**
 * CSV import of the catalogue, as exported from Excel (Swedish Excel writes `;` and decimal
 * commas). All or nothing: every row is checked, and when any row is wrong nothing is saved and the
 * answer lists each wrong row with its column and a message saying what to fix.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { isValidGtin, parseKronor } from '@kassa/core';
import {
  ERROR_MESSAGES,
  type ImportRowError,
  type Product,
  type ProductUnit,
} from '@kassa/contracts';
import { bulkInsert } from '../db/bulk-insert.js';
import type { Db } from '../db/database.js';
import { auditLog, productBarcodes, productPrices, products } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { bumpConfigVersion } from './config-version.js';
import { presentProducts, searchTextOf, type ProductRefusal } from './products.js';

/** Rows per statement when the import reads and writes. */
const BATCH = 5_000;

/** Parses CSV text (RFC 4180 quoting) with the given separator into rows of fields. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const COLUMNS = {
  artikelnummer: 'articleNumber',
  namn: 'name',
  streckkoder: 'barcodes',
  pris: 'price',
  moms: 'vat',
  typ: 'kind',
  grupp: 'group',
  aktiv: 'active',
  enhet: 'unit',
} as const;
type Column = keyof typeof COLUMNS;

const VAT_NAMES: Record<string, 'standard' | 'food' | 'restaurant' | 'reduced' | 'exempt'> = {
  standard: 'standard',
  '25': 'standard',
  livsmedel: 'food',
  food: 'food',
  restaurang: 'restaurant',
  restaurant: 'restaurant',
  '12': 'restaurant',
  reducerad: 'reduced',
  reduced: 'reduced',
  '6': 'reduced',
  momsfri: 'exempt',
  exempt: 'exempt',
  '0': 'exempt',
};

/** `enhet`: how the article is sold. Compared lower-case; the English names are accepted too. */
const UNIT_NAMES = new Map<string, ProductUnit>([
  ['st', 'piece'],
  ['styck', 'piece'],
  ['piece', 'piece'],
  ['kg', 'kilogram'],
  ['kilo', 'kilogram'],
  ['kilogram', 'kilogram'],
]);

const IMPORT_MESSAGES = {
  'missing-column': {
    sv: 'Kolumnen saknas i rubrikraden. Rubrikerna ska vara: artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv;enhet.',
    en: 'The column is missing from the header row. The headers are: artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv;enhet.',
  },
  'wrong-field-count': {
    sv: 'Raden har fel antal fält. Kontrollera avgränsare och citattecken.',
    en: 'The row has the wrong number of fields. Check separators and quotes.',
  },
  required: { sv: 'Fältet måste fyllas i.', en: 'The field is required.' },
  'article-number-invalid': {
    sv: 'Artikelnumret får ha 1–32 tecken: bokstäver, siffror, punkt, understreck och bindestreck.',
    en: 'The article number may have 1–32 characters: letters, digits, dot, underscore and hyphen.',
  },
  'duplicate-article-number': {
    sv: 'Artikelnumret finns på en tidigare rad i filen.',
    en: 'The article number appears on an earlier row of the file.',
  },
  'name-too-long': {
    sv: 'Namnet får ha högst 60 tecken.',
    en: 'The name may have at most 60 characters.',
  },
  'price-invalid': {
    sv: 'Priset ska vara ett belopp i kronor, t.ex. 29,90.',
    en: 'The price must be an amount in kronor, e.g. 29,90.',
  },
  'vat-invalid': {
    sv: 'Momsen ska vara standard, livsmedel, restaurang, reducerad eller momsfri.',
    en: 'The VAT must be standard, livsmedel, restaurang, reducerad or momsfri.',
  },
  'kind-invalid': {
    sv: 'Typen ska vara vara eller tjänst.',
    en: 'The type must be vara or tjänst.',
  },
  'active-invalid': { sv: 'Aktiv ska vara ja eller nej.', en: 'Active must be ja or nej.' },
  'unit-invalid': {
    sv: 'Enheten ska vara st (styck) eller kg (pris per kilo), eller lämnas tom.',
    en: 'The unit must be st (per piece) or kg (price per kilogram), or be left empty.',
  },
  'duplicate-barcode': {
    sv: 'Streckkoden finns på en annan rad i filen.',
    en: 'The barcode appears on another row of the file.',
  },
} as const;

function rowError(
  row: number,
  column: string | null,
  code: keyof typeof IMPORT_MESSAGES,
): ImportRowError {
  return { row, column, code, ...IMPORT_MESSAGES[code] };
}

function refusalError(row: number, refusal: ProductRefusal): ImportRowError {
  const { sv, en } = ERROR_MESSAGES[refusal.code];
  const barcode = 'barcode' in refusal ? refusal.barcode : '';
  return {
    row,
    column: refusal.code.startsWith('barcode') ? 'streckkoder' : 'artikelnummer',
    code: refusal.code,
    sv: sv.replace('{barcode}', barcode),
    en: en.replace('{barcode}', barcode),
  };
}

/** A row of the file that passed the checks of its own fields. */
type Parsed = {
  row: number;
  articleNumber: string;
  name: string;
  barcodes: string[];
  priceOre: number;
  vatCategory: 'standard' | 'food' | 'restaurant' | 'reduced' | 'exempt';
  kind: 'good' | 'service';
  group: string | null;
  active: boolean;
  /** Null when the file does not say: new articles are sold by the piece, others keep theirs. */
  unit: ProductUnit | null;
};

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
  const firstLine = csv.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const separator =
    (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const [header = [], ...lines] = parseCsv(csv.replace(/^\uFEFF/, ''), separator);
  const names = header.map((h) => h.trim().toLowerCase());
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, errors: [] };
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMNS) as Column[]) {
    index[column] = names.indexOf(column);
    if (index[column] === -1 && ['artikelnummer', 'namn', 'pris', 'moms'].includes(column)) {
      result.errors.push(rowError(1, column, 'missing-column'));
    }
  }
  if (result.errors.length > 0) return result;

  const parsed: Parsed[] = [];
  const seenArticles = new Set<string>();
  const seenBarcodes = new Map<string, number>();
  lines.forEach((fields, i) => {
    const row = i + 2;
    if (fields.length !== header.length) {
      result.errors.push(rowError(row, null, 'wrong-field-count'));
      return;
    }
    const get = (c: Column) => (index[c] === -1 ? '' : (fields[index[c]] ?? '').trim());
    const before = result.errors.length;
    const articleNumber = get('artikelnummer');
    if (articleNumber === '') result.errors.push(rowError(row, 'artikelnummer', 'required'));
    else if (!/^[A-Za-z0-9._-]{1,32}$/.test(articleNumber)) {
      result.errors.push(rowError(row, 'artikelnummer', 'article-number-invalid'));
    } else if (seenArticles.has(articleNumber)) {
      result.errors.push(rowError(row, 'artikelnummer', 'duplicate-article-number'));
    }
    seenArticles.add(articleNumber);
    const name = get('namn');
    if (name === '') result.errors.push(rowError(row, 'namn', 'required'));
    else if (name.length > 60) result.errors.push(rowError(row, 'namn', 'name-too-long'));
    const price = parseKronor(get('pris'));
    if (!price.ok || price.value < 0 || price.value > 1_000_000_000) {
      result.errors.push(rowError(row, 'pris', 'price-invalid'));
    }
    const vatText = get('moms').toLowerCase().replace('%', '').trim();
    // Own keys only: `constructor` or `tostring` in the file must not find Object's members.
    const vatCategory = Object.hasOwn(VAT_NAMES, vatText) ? VAT_NAMES[vatText] : undefined;
    if (!vatCategory) result.errors.push(rowError(row, 'moms', 'vat-invalid'));
    const kindText = get('typ').toLowerCase();
    const kind =
      kindText === '' || kindText === 'vara' ? 'good' : kindText === 'tjänst' ? 'service' : null;
    if (!kind) result.errors.push(rowError(row, 'typ', 'kind-invalid'));
    const activeText = get('aktiv').toLowerCase();
    const active =
      activeText === '' || activeText === 'ja' ? true : activeText === 'nej' ? false : null;
    if (active === null) result.errors.push(rowError(row, 'aktiv', 'active-invalid'));
    const unitText = get('enhet').toLowerCase();
    const unit = unitText === '' ? null : UNIT_NAMES.get(unitText);
    if (unit === undefined) result.errors.push(rowError(row, 'enhet', 'unit-invalid'));
    const barcodes = get('streckkoder')
      .split(/[\s|]+/)
      .filter((b) => b !== '');
    for (const barcode of barcodes) {
      if (seenBarcodes.has(barcode) && seenBarcodes.get(barcode) !== row) {
        result.errors.push(rowError(row, 'streckkoder', 'duplicate-barcode'));
      }
      seenBarcodes.set(barcode, row);
    }
    if (
      result.errors.length === before &&
      price.ok &&
      vatCategory &&
      kind &&
      active !== null &&
      unit !== undefined
    ) {
      const group = get('grupp');
      parsed.push({
        row,
        articleNumber,
        name,
        barcodes,
        priceOre: price.value,
        vatCategory,
        kind,
        group: group === '' ? null : group,
        active,
        unit,
      });
    }
  });
  if (result.errors.length > 0) return result;

  // Checked against the catalogue and written in one transaction, in batches: a few statements
  // per thousand rows, whatever the file's size.
  await db.transaction(async (tx) => {
    const ctx = makeContext(tx);
    const existing = new Map<string, Product>();
    const numbers = parsed.map((p) => p.articleNumber);
    for (let i = 0; i < numbers.length; i += BATCH) {
      const rows = await tx
        .select()
        .from(products)
        .where(
          and(
            eq(products.tenantId, ctx.tenantId),
            inArray(products.articleNumber, numbers.slice(i, i + BATCH)),
          ),
        );
      for (const product of await presentProducts(tx, ctx.tenantId, today, rows)) {
        existing.set(product.articleNumber, product);
      }
    }
    // Who holds each barcode of the file now.
    const holder = new Map<string, string>();
    const wanted = [...new Set(parsed.flatMap((p) => p.barcodes))];
    for (let i = 0; i < wanted.length; i += BATCH) {
      const rows = await tx
        .select({ barcode: productBarcodes.barcode, productId: productBarcodes.productId })
        .from(productBarcodes)
        .where(
          and(
            eq(productBarcodes.tenantId, ctx.tenantId),
            inArray(productBarcodes.barcode, wanted.slice(i, i + BATCH)),
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
    const updated: { id: string; row: Parsed; before: Product }[] = [];
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

interface ImportedProduct {
  id: string;
  row: Parsed;
}

/**
 * Writes an import that passed every check: the new products with their barcodes and first
 * price, the changed ones (fields, barcodes, and a price from today when it changed), each
 * stamped with one new configuration version, and the audit entries a product created, changed
 * or repriced one by one would have written.
 */
async function writeImport(
  ctx: CommandContext,
  today: string,
  created: readonly ImportedProduct[],
  updated: readonly { id: string; row: Parsed; before: Product }[],
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

  for (let i = 0; i < created.length; i += BATCH) {
    const batch = created.slice(i, i + BATCH);
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
    await bulkInsert(
      tx,
      productBarcodes,
      batch.flatMap(({ id, row }) =>
        row.barcodes.map((barcode) => ({ tenantId, barcode, productId: id })),
      ),
    );
    await bulkInsert(
      tx,
      productPrices,
      batch.map(({ id, row }) => ({
        tenantId,
        productId: id,
        effectiveFrom: today,
        priceOre: row.priceOre,
        createdAt: now,
      })),
    );
    for (const { id, row } of batch) {
      auditOf('product.created', id, {
        articleNumber: row.articleNumber,
        name: row.name,
        priceOre: row.priceOre,
        unit: row.unit ?? 'piece',
      });
    }
  }

  for (let i = 0; i < updated.length; i += BATCH) {
    const batch = updated.slice(i, i + BATCH);
    const ids = batch.map((u) => u.id);
    // Barcodes first: one released by an article of the file may be taken by another.
    await tx
      .delete(productBarcodes)
      .where(and(eq(productBarcodes.tenantId, tenantId), inArray(productBarcodes.productId, ids)));
  }
  for (let i = 0; i < updated.length; i += BATCH) {
    const batch = updated.slice(i, i + BATCH);
    await bulkInsert(
      tx,
      productBarcodes,
      batch.flatMap(({ id, row }) =>
        row.barcodes.map((barcode) => ({ tenantId, barcode, productId: id })),
      ),
    );
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
      repriced.map(({ id, row }) => ({
        tenantId,
        productId: id,
        effectiveFrom: today,
        priceOre: row.priceOre,
        createdAt: now,
      })),
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
  for (let i = 0; i < audits.length; i += BATCH) {
    await bulkInsert(tx, auditLog, audits.slice(i, i + BATCH));
  }
}
