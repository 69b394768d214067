/**
 * The checks of an import file's own rows: the header names the columns, and each row's fields
 * are read and checked (article number, name, price in kronor, VAT, type, active, unit,
 * barcodes not repeated in the file), each wrong field answered with its row, column and a
 * message saying what to fix. What the catalogue already holds is checked in product-import.ts.
 */
import { parseKronor } from '@kassa/core';
import { ERROR_MESSAGES, type ImportRowError, type ProductUnit } from '@kassa/contracts';
import { readImportCsv } from './product-import-csv.js';
import type { ProductRefusal } from './products.js';

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

export function refusalError(row: number, refusal: ProductRefusal): ImportRowError {
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
export type ParsedRow = {
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

/**
 * The rows of an import file that passed the checks of their own fields, or every wrong field
 * (a missing column: only those).
 */
export function parseImportRows(csv: string): { rows: ParsedRow[]; errors: ImportRowError[] } {
  const { header, lines } = readImportCsv(csv);
  const names = header.map((h) => h.trim().toLowerCase());
  const errors: ImportRowError[] = [];
  const index = {} as Record<Column, number>;
  for (const column of Object.keys(COLUMNS) as Column[]) {
    index[column] = names.indexOf(column);
    if (index[column] === -1 && ['artikelnummer', 'namn', 'pris', 'moms'].includes(column)) {
      errors.push(rowError(1, column, 'missing-column'));
    }
  }
  if (errors.length > 0) return { rows: [], errors };

  const parsed: ParsedRow[] = [];
  const seenArticles = new Set<string>();
  const seenBarcodes = new Map<string, number>();
  lines.forEach((fields, i) => {
    const row = i + 2;
    if (fields.length !== header.length) {
      errors.push(rowError(row, null, 'wrong-field-count'));
      return;
    }
    const get = (c: Column) => (index[c] === -1 ? '' : (fields[index[c]] ?? '').trim());
    const before = errors.length;
    const articleNumber = get('artikelnummer');
    if (articleNumber === '') errors.push(rowError(row, 'artikelnummer', 'required'));
    else if (!/^[A-Za-z0-9._-]{1,32}$/.test(articleNumber)) {
      errors.push(rowError(row, 'artikelnummer', 'article-number-invalid'));
    } else if (seenArticles.has(articleNumber)) {
      errors.push(rowError(row, 'artikelnummer', 'duplicate-article-number'));
    }
    seenArticles.add(articleNumber);
    const name = get('namn');
    if (name === '') errors.push(rowError(row, 'namn', 'required'));
    else if (name.length > 60) errors.push(rowError(row, 'namn', 'name-too-long'));
    const price = parseKronor(get('pris'));
    if (!price.ok || price.value < 0 || price.value > 1_000_000_000) {
      errors.push(rowError(row, 'pris', 'price-invalid'));
    }
    const vatText = get('moms').toLowerCase().replace('%', '').trim();
    // Own keys only: `constructor` or `tostring` in the file must not find Object's members.
    const vatCategory = Object.hasOwn(VAT_NAMES, vatText) ? VAT_NAMES[vatText] : undefined;
    if (!vatCategory) errors.push(rowError(row, 'moms', 'vat-invalid'));
    const kindText = get('typ').toLowerCase();
    const kind =
      kindText === '' || kindText === 'vara' ? 'good' : kindText === 'tjänst' ? 'service' : null;
    if (!kind) errors.push(rowError(row, 'typ', 'kind-invalid'));
    const activeText = get('aktiv').toLowerCase();
    const active =
      activeText === '' || activeText === 'ja' ? true : activeText === 'nej' ? false : null;
    if (active === null) errors.push(rowError(row, 'aktiv', 'active-invalid'));
    const unitText = get('enhet').toLowerCase();
    const unit = unitText === '' ? null : UNIT_NAMES.get(unitText);
    if (unit === undefined) errors.push(rowError(row, 'enhet', 'unit-invalid'));
    const barcodes = get('streckkoder')
      .split(/[\s|]+/)
      .filter((b) => b !== '');
    for (const barcode of barcodes) {
      if (seenBarcodes.has(barcode) && seenBarcodes.get(barcode) !== row) {
        errors.push(rowError(row, 'streckkoder', 'duplicate-barcode'));
      }
      seenBarcodes.set(barcode, row);
    }
    if (
      errors.length === before &&
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
  return { rows: parsed, errors };
}
