/**
 * Migration 0009 backfills `sales_summary` from the per-receipt read models that 0010 drops. An
 * upgraded database must hold exactly the rows the ingest (SummaryBatch in
 * reports/sales-summary.ts) would have written had it taken the same receipts: this test
 * migrates a fresh database up to 0008, stores receipts in the old tables the way the old ingest
 * did, runs 0009 and 0010, and compares the summary with sums computed here in TypeScript.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  SHOP_TIME_ZONE,
  businessDayOf,
  ore,
  splitTenderRounding,
  splitVatByRate,
  vatOfGross,
  type VatRate,
} from '@kassa/core';
import { stockholmHour } from '../src/reports/stockholm-hour.js';
import type { Database } from '../src/db/database.js';
import { migrate, readMigrations } from '../src/db/migrate.js';
import { pageProducts, searchTextOf } from '../src/commands/products.js';
import {
  salesSummary,
  SUMMARY_DIMENSIONS,
  SUMMARY_GRAINS,
  type SummaryDimension,
  type SummaryGrain,
} from '../src/db/schema.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';

const LAST_BEFORE_BACKFILL = '0008_register_config_version';

// ---- The receipts: what the registers sold, as the old ingest stored them ----

const TENANT = '0b0e0000-0000-4000-8000-000000000001';
const OTHER_TENANT = '0b0e0000-0000-4000-8000-000000000002';
const CITY = '0b0e0000-0000-4000-8000-00000000c171';
const HARBOUR = '0b0e0000-0000-4000-8000-00000000a2b0';
const ELSEWHERE = '0b0e0000-0000-4000-8000-0000000e15e0';
const TERMINAL_A = '0b0e0000-0000-4000-8000-00000000000a';
const TERMINAL_B = '0b0e0000-0000-4000-8000-00000000000b';
const TERMINAL_C = '0b0e0000-0000-4000-8000-00000000000c';

interface LineInput {
  /** On a return: the original's line number. Default: the position on the receipt. */
  lineNo?: number;
  articleNumber: string;
  text: string;
  itemType: 'good' | 'service';
  group?: string;
  unit: 'piece' | 'gram';
  /** Pieces or grams; negative on a return. */
  quantity: number;
  /** Per piece, or per kilogram. */
  unitPrice: number;
  vatRate: VatRate;
  /** Same sign as the quantity. */
  discount?: number;
}

type Method = 'card' | 'swish' | 'cash';

interface ReceiptInput {
  tenantId: string;
  terminalId: string;
  /** The terminal's place when the receipt was stored. */
  placeOfBusinessId: string;
  seq: number;
  kind: 'sale' | 'return';
  receiptNumber: number;
  issuedAt: string;
  /** The journal entry's `by`. */
  cashier: string | null;
  lines: LineInput[];
  /**
   * One method for the whole amount, or split tender: exact card or Swish amounts first, the rest
   * by card or in cash (rounded to whole kronor).
   */
  pay: Method | { first: { method: 'card' | 'swish'; amount: number }[]; rest: 'card' | 'cash' };
}

interface StoredLine {
  lineNo: number;
  articleNumber: string;
  text: string;
  itemType: 'good' | 'service';
  group: string | null;
  unit: 'piece' | 'gram';
  quantity: number;
  unitPrice: number;
  discount: number;
  amount: number;
  vatRate: VatRate;
  /** The VAT in `amount`, rounded per line (as the old ingest stored it). */
  vat: number;
}

/** A receipt as the journal holds it, with what the old ingest derived from it. */
interface StoredReceipt {
  tenantId: string;
  terminalId: string;
  placeOfBusinessId: string;
  seq: number;
  kind: 'sale' | 'return';
  receiptNumber: number;
  issuedAt: string;
  businessDay: string;
  hour: number;
  cashier: string | null;
  lines: StoredLine[];
  total: number;
  discountTotal: number;
  vat: { rate: VatRate; gross: number; vat: number; net: number }[];
  payments: { method: string; amount: number }[];
  rounding: number;
}

/** Half away from zero, as the register rounds a weighed line. */
function roundHalfAway(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

/** Prices the lines, splits VAT and settles the payment the way the register builds a receipt. */
function receipt(input: ReceiptInput): StoredReceipt {
  const lines = input.lines.map((line, index): StoredLine => {
    const discount = line.discount ?? 0;
    const price =
      line.unit === 'gram'
        ? roundHalfAway((line.quantity * line.unitPrice) / 1000)
        : line.quantity * line.unitPrice;
    const amount = price - discount;
    return {
      lineNo: line.lineNo ?? index + 1,
      articleNumber: line.articleNumber,
      text: line.text,
      itemType: line.itemType,
      group: line.group ?? null,
      unit: line.unit,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discount,
      amount,
      vatRate: line.vatRate,
      vat: vatOfGross(ore(amount), line.vatRate),
    };
  });
  const total = lines.reduce((acc, l) => acc + l.amount, 0);
  const vat = splitVatByRate(lines.map((l) => ({ gross: ore(l.amount), rate: l.vatRate })));
  const { first, rest } =
    typeof input.pay === 'string' ? { first: [], rest: input.pay } : input.pay;
  const payments: { method: string; amount: number }[] = [...first];
  const nonCash = first.reduce((acc, p) => acc + p.amount, 0);
  let rounding = 0;
  if (rest === 'cash') {
    const cash = splitTenderRounding(ore(total), ore(nonCash));
    rounding = cash.rounding;
    payments.push({ method: 'cash', amount: cash.cashDueRounded });
  } else {
    payments.push({ method: rest, amount: total - nonCash });
  }
  const issued = new Date(input.issuedAt);
  return {
    tenantId: input.tenantId,
    terminalId: input.terminalId,
    placeOfBusinessId: input.placeOfBusinessId,
    seq: input.seq,
    kind: input.kind,
    receiptNumber: input.receiptNumber,
    issuedAt: input.issuedAt,
    businessDay: businessDayOf(issued.getTime(), SHOP_TIME_ZONE),
    hour: stockholmHour(issued),
    cashier: input.cashier,
    lines,
    total,
    discountTotal: lines.reduce((acc, l) => acc + l.discount, 0),
    vat,
    payments,
    rounding,
  };
}

const coffee = (quantity: number): LineInput => ({
  articleNumber: '1001',
  text: 'Kaffe bryggt',
  itemType: 'good',
  group: 'Café',
  unit: 'piece',
  quantity,
  unitPrice: 3500,
  vatRate: 1200,
});
const bananas = (grams: number, lineNo?: number): LineInput => ({
  lineNo,
  articleNumber: '2001',
  text: 'Bananer',
  itemType: 'good',
  group: 'Frukt',
  unit: 'gram',
  quantity: grams,
  unitPrice: 2990,
  vatRate: 1200,
});
const newspaper = (quantity: number, lineNo?: number): LineInput => ({
  lineNo,
  articleNumber: '3001',
  text: 'Dagstidning',
  itemType: 'good',
  unit: 'piece',
  quantity,
  unitPrice: 4900,
  vatRate: 600,
});
/** Article 4001 was renamed twice: the summary's label is the text on its latest line. */
const milk = (text: string, quantity: number, discount?: number): LineInput => ({
  articleNumber: '4001',
  text,
  itemType: 'good',
  group: 'Mejeri',
  unit: 'piece',
  quantity,
  unitPrice: 1990,
  vatRate: 1200,
  discount,
});
const bag = (quantity: number, lineNo?: number): LineInput => ({
  lineNo,
  articleNumber: '5001',
  text: 'Bärkasse',
  itemType: 'good',
  unit: 'piece',
  quantity,
  unitPrice: 300,
  vatRate: 2500,
});
const giftWrap: LineInput = {
  articleNumber: '6001',
  text: 'Presentinslagning',
  itemType: 'service',
  unit: 'piece',
  quantity: 1,
  unitPrice: 2900,
  vatRate: 2500,
};

/** Article 7001 was sold in bags, then by weight: a month has both. */
const candyBag: LineInput = {
  articleNumber: '7001',
  text: 'Lösgodis påse',
  itemType: 'good',
  group: 'Godis',
  unit: 'piece',
  quantity: 1,
  unitPrice: 2500,
  vatRate: 1200,
};
const candyByWeight = (grams: number): LineInput => ({
  ...candyBag,
  text: 'Lösgodis',
  unit: 'gram',
  quantity: grams,
  unitPrice: 14900,
});

// Stockholm is UTC+1 from 25 October 2026; business days and hours are Stockholm's. The texts of
// 4001 are chosen so that the latest is neither always the smallest nor always the largest.
const OLD_MILK = 'Mjölk 1,5 l';
const RENAMED_MILK = 'Mellanmjölk 1,5 l';
const ORGANIC_MILK = 'Mellanmjölk 1,5 l ekologisk';
const A = { tenantId: TENANT, terminalId: TERMINAL_A, placeOfBusinessId: CITY };
const RECEIPTS: StoredReceipt[] = [
  // Terminal A, Friday 30 October.
  receipt({
    ...A,
    seq: 1,
    kind: 'sale',
    receiptNumber: 1,
    issuedAt: '2026-10-30T07:05:00.000Z',
    cashier: 'anna',
    lines: [coffee(2), milk(OLD_MILK, 1)],
    pay: 'card',
  }),
  // seq 2 is a receipt copy: not a sale, not in the read models.
  receipt({
    ...A,
    seq: 3,
    kind: 'sale',
    receiptNumber: 2,
    issuedAt: '2026-10-30T08:40:00.000Z',
    cashier: 'erik',
    lines: [bananas(1234), bag(1), newspaper(1)],
    pay: { first: [{ method: 'card', amount: 5000 }], rest: 'cash' },
  }),
  receipt({
    ...A,
    seq: 4,
    kind: 'sale',
    receiptNumber: 3,
    issuedAt: '2026-10-30T15:10:00.000Z',
    cashier: null,
    lines: [milk(OLD_MILK, 2, 200)],
    pay: 'cash',
  }),
  receipt({
    ...A,
    seq: 5,
    kind: 'sale',
    receiptNumber: 4,
    issuedAt: '2026-10-30T16:20:00.000Z',
    cashier: 'anna',
    lines: [milk(RENAMED_MILK, 1), coffee(1), candyBag],
    pay: 'swish',
  }),
  // 00:30 in Stockholm: the business day is Saturday 31 October, the hour '00'.
  receipt({
    ...A,
    seq: 6,
    kind: 'sale',
    receiptNumber: 5,
    issuedAt: '2026-10-30T23:30:00.000Z',
    cashier: 'erik',
    lines: [coffee(1)],
    pay: 'cash',
  }),
  // Terminal A, Saturday 31 October: the bananas and the bag of receipt 2 come back.
  receipt({
    ...A,
    seq: 7,
    kind: 'return',
    receiptNumber: 6,
    issuedAt: '2026-10-31T09:15:00.000Z',
    cashier: 'erik',
    lines: [bananas(-1234, 1), bag(-1, 2)],
    pay: 'cash',
  }),
  receipt({
    ...A,
    seq: 8,
    kind: 'sale',
    receiptNumber: 7,
    issuedAt: '2026-10-31T12:00:00.000Z',
    cashier: 'anna',
    lines: [milk(RENAMED_MILK, 3), bag(2)],
    pay: { first: [{ method: 'card', amount: 3000 }], rest: 'cash' },
  }),
  receipt({
    ...A,
    seq: 9,
    kind: 'sale',
    receiptNumber: 8,
    issuedAt: '2026-10-31T12:40:00.000Z',
    cashier: null,
    lines: [newspaper(2), milk(ORGANIC_MILK, 1), coffee(1), candyByWeight(312)],
    // Two cards: two payments.
    pay: { first: [{ method: 'card', amount: 5000 }], rest: 'card' },
  }),
  // Terminal A, Monday 2 November (seq 10 and 11: the Z-reports of the two days).
  receipt({
    ...A,
    seq: 12,
    kind: 'sale',
    receiptNumber: 9,
    issuedAt: '2026-11-02T08:05:00.000Z',
    cashier: 'anna',
    lines: [coffee(3), newspaper(1), milk(ORGANIC_MILK, 1)],
    pay: { first: [{ method: 'card', amount: 10000 }], rest: 'cash' },
  }),
  receipt({
    ...A,
    seq: 13,
    kind: 'return',
    receiptNumber: 10,
    issuedAt: '2026-11-02T10:30:00.000Z',
    cashier: null,
    lines: [newspaper(-1, 2)],
    pay: 'card',
  }),
  receipt({
    ...A,
    seq: 14,
    kind: 'sale',
    receiptNumber: 11,
    issuedAt: '2026-11-02T17:45:00.000Z',
    cashier: 'erik',
    lines: [bananas(851), giftWrap],
    pay: 'cash',
  }),
  // Terminal B moved from the city shop to the harbour: each receipt keeps its place.
  receipt({
    tenantId: TENANT,
    terminalId: TERMINAL_B,
    placeOfBusinessId: CITY,
    seq: 1,
    kind: 'sale',
    receiptNumber: 1,
    issuedAt: '2026-10-31T10:00:00.000Z',
    cashier: 'anna',
    lines: [coffee(1), milk(OLD_MILK, 1)],
    pay: 'cash',
  }),
  receipt({
    tenantId: TENANT,
    terminalId: TERMINAL_B,
    placeOfBusinessId: HARBOUR,
    seq: 2,
    kind: 'sale',
    receiptNumber: 2,
    issuedAt: '2026-11-02T09:00:00.000Z',
    cashier: 'erik',
    lines: [coffee(2), milk(OLD_MILK, 1)],
    pay: 'card',
  }),
  // Another tenant's sales (same usernames and articles) stay its own.
  receipt({
    tenantId: OTHER_TENANT,
    terminalId: TERMINAL_C,
    placeOfBusinessId: ELSEWHERE,
    seq: 1,
    kind: 'sale',
    receiptNumber: 1,
    issuedAt: '2026-10-30T11:00:00.000Z',
    cashier: 'anna',
    lines: [coffee(1), milk('Mjölk', 1)],
    pay: 'card',
  }),
];

// ---- What the ingest would have summed (the semantics of SummaryBatch, written out again) ----

interface SummaryRow {
  tenantId: string;
  dimension: SummaryDimension;
  grain: SummaryGrain;
  period: string;
  terminalId: string;
  placeOfBusinessId: string;
  key: string;
  count: number;
  returnCount: number;
  gross: number;
  vat: number;
  returnsGross: number;
  discounts: number;
  rounding: number;
  quantity: number;
  grams: boolean;
  label: string | null;
  labelSeq: number | null;
}

type Sums = Partial<
  Pick<SummaryRow, 'gross' | 'vat' | 'returnsGross' | 'discounts' | 'rounding' | 'quantity'>
>;

function expectedSummary(receipts: readonly StoredReceipt[]): SummaryRow[] {
  const rows = new Map<string, SummaryRow>();
  const add = (
    r: StoredReceipt,
    dimension: SummaryDimension,
    key: string,
    sums: Sums,
    product?: { grams: boolean; label: string },
  ): void => {
    const periods: [SummaryGrain, string][] = [
      ['day', r.businessDay],
      ['month', `${r.businessDay.slice(0, 7)}-01`],
    ];
    for (const [grain, period] of periods) {
      const id = [r.tenantId, dimension, grain, period, r.terminalId, r.placeOfBusinessId, key];
      const rowKey = JSON.stringify(id);
      let row = rows.get(rowKey);
      if (row === undefined) {
        row = {
          tenantId: r.tenantId,
          dimension,
          grain,
          period,
          terminalId: r.terminalId,
          placeOfBusinessId: r.placeOfBusinessId,
          key,
          count: 0,
          returnCount: 0,
          gross: 0,
          vat: 0,
          returnsGross: 0,
          discounts: 0,
          rounding: 0,
          quantity: 0,
          grams: false,
          label: null,
          labelSeq: null,
        };
        rows.set(rowKey, row);
      }
      if (r.kind === 'sale') row.count += 1;
      else row.returnCount += 1;
      row.gross += sums.gross ?? 0;
      row.vat += sums.vat ?? 0;
      row.returnsGross += sums.returnsGross ?? 0;
      row.discounts += sums.discounts ?? 0;
      row.rounding += sums.rounding ?? 0;
      row.quantity += sums.quantity ?? 0;
      if (product !== undefined) {
        row.grams ||= product.grams;
        if (row.labelSeq === null || r.seq > row.labelSeq) {
          row.label = product.label;
          row.labelSeq = r.seq;
        }
      }
    }
  };
  for (const r of receipts) {
    const vat = r.vat.reduce((acc, v) => acc + v.vat, 0);
    add(r, 'total', '', {
      gross: r.total,
      vat,
      returnsGross: r.kind === 'return' ? r.total : 0,
      discounts: r.discountTotal,
      rounding: r.rounding,
    });
    add(r, 'hour', String(r.hour).padStart(2, '0'), { gross: r.total, vat });
    add(r, 'cashier', r.cashier ?? '', { gross: r.total, vat });
    for (const p of r.payments) add(r, 'payment', p.method, { gross: p.amount });
    for (const v of r.vat) add(r, 'vat', String(v.rate), { gross: v.gross, vat: v.vat });
    for (const l of r.lines) {
      add(
        r,
        'product',
        l.articleNumber,
        { gross: l.amount, vat: l.vat, quantity: l.quantity },
        { grams: l.unit === 'gram', label: l.text },
      );
    }
  }
  return sortRows([...rows.values()]);
}

function sortRows(rows: SummaryRow[]): SummaryRow[] {
  const id = (r: SummaryRow): string =>
    [r.tenantId, r.dimension, r.grain, r.period, r.terminalId, r.placeOfBusinessId, r.key].join(
      '|',
    );
  return rows.sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
}

// ---- The database before 0009 ----

const CREATED_AT = '2026-09-01T08:00:00.000Z';

/** The tenants, places and terminals the receipts belong to, and the receipts in the old tables. */
async function storeOldReadModels(database: Database): Promise<void> {
  await database.rawTransaction(async (tx) => {
    for (const [id, slug, company, orgNo] of [
      [TENANT, 'hamnbutiken', 'Hamnbutiken AB', '556677-8899'],
      [OTHER_TENANT, 'torgkiosken', 'Torgkiosken HB', '969612-3456'],
    ]) {
      await tx.query(
        `INSERT INTO tenants (id, slug, company_name, organisation_number, created_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [id, slug, company, orgNo, CREATED_AT],
      );
    }
    for (const [tenantId, id, name, street] of [
      [TENANT, CITY, 'Butiken i city', 'Storgatan 1'],
      [TENANT, HARBOUR, 'Butiken vid hamnen', 'Kajen 4'],
      [OTHER_TENANT, ELSEWHERE, 'Kiosken', 'Torget 2'],
    ]) {
      await tx.query(
        `INSERT INTO places_of_business
           (tenant_id, id, name, street_address, postal_code, city, created_at)
         VALUES ($1, $2, $3, $4, '111 22', 'Stockholm', $5)`,
        [tenantId, id, name, street, CREATED_AT],
      );
    }
    // A terminal's place is where it is now: B was moved to the harbour.
    for (const [tenantId, id, placeId, registerId] of [
      [TENANT, TERMINAL_A, CITY, 'KASSA-A'],
      [TENANT, TERMINAL_B, HARBOUR, 'KASSA-B'],
      [OTHER_TENANT, TERMINAL_C, ELSEWHERE, 'KASSA-C'],
    ]) {
      const head = Math.max(...RECEIPTS.filter((r) => r.terminalId === id).map((r) => r.seq));
      await tx.query(
        `INSERT INTO terminals (tenant_id, id, name, place_of_business_id, register_id,
           serial_number, active, created_at, journal_head_seq)
         VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8)`,
        [
          tenantId,
          id,
          `Kassa ${registerId}`,
          placeId,
          registerId,
          `SN-${registerId}`,
          CREATED_AT,
          head,
        ],
      );
    }
    for (const r of RECEIPTS) {
      const common = [r.tenantId, r.terminalId, r.seq, r.placeOfBusinessId, r.businessDay, r.kind];
      await tx.query(
        `INSERT INTO sales_receipts (tenant_id, terminal_id, seq, place_of_business_id,
           business_day, kind, receipt_number, issued_at, hour, total, rounding, discount_total,
           vat_total, cashier, control_code, control_unit_serial)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          ...common,
          r.receiptNumber,
          r.issuedAt,
          r.hour,
          r.total,
          r.rounding,
          r.discountTotal,
          r.vat.reduce((acc, v) => acc + v.vat, 0),
          r.cashier,
          `CC-${r.terminalId.slice(-1)}-${r.seq}`,
          'CU-0001',
        ],
      );
      for (const l of r.lines) {
        await tx.query(
          `INSERT INTO sales_receipt_lines (tenant_id, terminal_id, seq, place_of_business_id,
             business_day, kind, line_no, article_number, text, group_name, item_type, quantity,
             unit, unit_price, discount, amount, vat_rate, vat)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
             $18)`,
          [
            ...common,
            l.lineNo,
            l.articleNumber,
            l.text,
            l.group,
            l.itemType,
            l.quantity,
            l.unit,
            l.unitPrice,
            l.discount,
            l.amount,
            l.vatRate,
            l.vat,
          ],
        );
      }
      for (const [position, p] of r.payments.entries()) {
        await tx.query(
          `INSERT INTO sales_receipt_payments (tenant_id, terminal_id, seq, place_of_business_id,
             business_day, kind, position, method, amount)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [...common, position, p.method, p.amount],
        );
      }
      for (const v of r.vat) {
        await tx.query(
          `INSERT INTO sales_receipt_vat (tenant_id, terminal_id, seq, place_of_business_id,
             business_day, kind, vat_rate, gross, vat, net)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [...common, v.rate, v.gross, v.vat, v.net],
        );
      }
    }
  });
}

const OLD_TABLES = [
  'sales_receipts',
  'sales_receipt_lines',
  'sales_receipt_payments',
  'sales_receipt_vat',
];

async function existingTables(database: Database, names: readonly string[]): Promise<string[]> {
  const rows = await database.rawTransaction((tx) =>
    tx.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_name = ANY($1::text[]) ORDER BY table_name`,
      [names],
    ),
  );
  return rows.map((r) => r.name);
}

describeDb('migration 0009 backfills sales_summary from the per-receipt read models', () => {
  let tdb: TestDatabase;
  let database: Database;
  let appliedAfter: string[];
  let actual: SummaryRow[];
  const expected = expectedSummary(RECEIPTS);

  beforeAll(async () => {
    tdb = await createTestDatabase({ migrated: false });
    database = tdb.database;
    await migrate(database, { upTo: LAST_BEFORE_BACKFILL });
    expect(await existingTables(database, [...OLD_TABLES, 'sales_summary'])).toEqual(
      [...OLD_TABLES].sort(),
    );
    await storeOldReadModels(database);
    appliedAfter = await migrate(database);
    actual = sortRows(
      (await database.db.select().from(salesSummary)).map((row) => ({
        ...row,
        labelSeq: row.labelSeq ?? null,
        label: row.label ?? null,
      })),
    );
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('stops at the named migration and applies the rest later', () => {
    const names = readMigrations().map((m) => m.name);
    expect(appliedAfter).toEqual(names.slice(names.indexOf(`${LAST_BEFORE_BACKFILL}.sql`) + 1));
    expect(appliedAfter).toEqual([
      '0009_sales_summary.sql',
      '0010_drop_per_receipt_read_models.sql',
      '0011_journal_anchors.sql',
      '0012_catalogue_at_scale.sql',
      '0013_catalogue_search_folded.sql',
    ]);
  });

  it('covers what the summary must get right', () => {
    const has = (pred: (r: SummaryRow) => boolean): boolean => expected.some(pred);
    const months = new Set(RECEIPTS.map((r) => r.businessDay.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(2);
    expect(has((r) => r.dimension === 'total' && r.returnCount > 0 && r.count > 0)).toBe(true);
    expect(has((r) => r.dimension === 'hour' && r.key === '00')).toBe(true);
    expect(has((r) => r.dimension === 'hour' && r.key === '09')).toBe(true);
    expect(has((r) => r.dimension === 'cashier' && r.key === '')).toBe(true);
    expect(has((r) => r.dimension === 'product' && r.grams && r.quantity > 1000)).toBe(true);
    expect(has((r) => r.dimension === 'total' && r.rounding !== 0)).toBe(true);
    expect(has((r) => r.dimension === 'total' && r.discounts !== 0)).toBe(true);
    expect(RECEIPTS.some((r) => r.vat.length >= 2)).toBe(true);
    expect(RECEIPTS.some((r) => new Set(r.payments.map((p) => p.method)).size >= 2)).toBe(true);
    expect(
      RECEIPTS.some(
        (r) => new Set(r.payments.map((p) => p.method)).size === 1 && r.payments.length > 1,
      ),
    ).toBe(true);
    const candy = expected.filter((r) => r.dimension === 'product' && r.key === '7001');
    expect(new Set(candy.map((r) => r.grams))).toEqual(new Set([true, false]));
    // Article 4001's label: the latest text, which is neither the least nor the greatest.
    const milkLabels = expected
      .filter((r) => r.dimension === 'product' && r.key === '4001' && r.tenantId === TENANT)
      .map((r) => r.label);
    expect(new Set(milkLabels)).toEqual(new Set([OLD_MILK, RENAMED_MILK, ORGANIC_MILK]));
  });

  for (const dimension of SUMMARY_DIMENSIONS) {
    for (const grain of SUMMARY_GRAINS) {
      it(`has the ingest's ${dimension} rows per ${grain}`, () => {
        const of = (rows: SummaryRow[]): SummaryRow[] =>
          rows.filter((r) => r.dimension === dimension && r.grain === grain);
        expect(of(expected).length).toBeGreaterThan(0);
        expect(of(actual)).toEqual(of(expected));
      });
    }
  }

  it('has no other rows', () => {
    expect(actual).toEqual(expected);
  });

  it('drops the per-receipt read models', async () => {
    expect(await existingTables(database, OLD_TABLES)).toEqual([]);
    expect(await existingTables(database, ['sales_summary'])).toEqual(['sales_summary']);
  });
});

/**
 * Migration 0012 gives the products that exist before it their search text (article number,
 * name and barcodes, lower-case) and the environment's configuration version, so the search
 * finds them and a register at an older version is sent them once more.
 */
describeDb('migration 0012: the catalogue search text and versions of existing products', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('backfills search_text and config_version from the rows before it', async () => {
    const database = tdb.database;
    await migrate(database, { upTo: '0011_journal_anchors' });
    const product = '0b0e0000-0000-4000-8000-0000000000f1';
    const bare = '0b0e0000-0000-4000-8000-0000000000f2';
    await database.rawTransaction(async (tx) => {
      await tx.query(
        `INSERT INTO tenants (id, slug, company_name, organisation_number, created_at, config_version)
         VALUES ($1, 'gamla', 'Gamla butiken AB', '559999-0008', now(), 41)`,
        [TENANT],
      );
      for (const [id, number, name] of [
        [product, 'MJ-1', 'Mellanmjölk Ekologisk'],
        [bare, 'BR-2', 'Bröd'],
      ] as const) {
        await tx.query(
          `INSERT INTO products (tenant_id, id, article_number, name, kind, vat_category, active,
             created_at, updated_at) VALUES ($1, $2, $3, $4, 'good', 'food', true, now(), now())`,
          [TENANT, id, number, name],
        );
      }
      for (const barcode of ['7310865004703', '96385074']) {
        await tx.query(
          'INSERT INTO product_barcodes (tenant_id, barcode, product_id) VALUES ($1, $2, $3)',
          [TENANT, barcode, product],
        );
      }
    });
    expect(await migrate(database, { upTo: '0012_catalogue_at_scale' })).toEqual([
      '0012_catalogue_at_scale.sql',
    ]);
    const rows = await database.rawTransaction((tx) =>
      tx.query<{ id: string; search_text: string; config_version: string }>(
        'SELECT id, search_text, config_version::text FROM products ORDER BY article_number',
      ),
    );
    expect(rows).toEqual([
      { id: bare, search_text: 'br-2 bröd', config_version: '41' },
      {
        id: product,
        search_text: 'mj-1 mellanmjölk ekologisk 7310865004703 96385074',
        config_version: '41',
      },
    ]);
  });
});

/**
 * Migration 0013 writes the search text of older products again, lower-cased whatever the
 * database's locale (0012's lower() leaves Å, Ä and Ö capital in the C locale, as in the
 * PostgreSQL test cluster) and with the product's group, as the server writes it itself
 * (commands/products.ts `searchTextOf`): the search finds them by any case.
 */
describeDb('migration 0013: the search text of older products folded and with the group', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase({ migrated: false });
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('lower-cases Å, Ä, Ö and É as JavaScript does, so the search finds them', async () => {
    const database = tdb.database;
    await migrate(database, { upTo: '0011_journal_anchors' });
    const product = '0b0e0000-0000-4000-8000-0000000000f3';
    await database.rawTransaction(async (tx) => {
      await tx.query(
        `INSERT INTO tenants (id, slug, company_name, organisation_number, created_at, config_version)
         VALUES ($1, 'aldre', 'Äldre butiken AB', '559999-0008', now(), 7)`,
        [TENANT],
      );
      await tx.query(
        `INSERT INTO products (tenant_id, id, article_number, name, kind, vat_category, active,
           group_name, created_at, updated_at)
         VALUES ($1, $2, 'ÅNG-1', 'ÅNGBÅT ÖLKORV ÄPPLE CRÈME BRÛLÉE', 'good', 'food', true,
           'Fika', now(), now())`,
        [TENANT, product],
      );
      await tx.query(
        'INSERT INTO product_barcodes (tenant_id, barcode, product_id) VALUES ($1, $2, $3)',
        [TENANT, '7310865004703', product],
      );
    });
    expect(await migrate(database)).toEqual([
      '0012_catalogue_at_scale.sql',
      '0013_catalogue_search_folded.sql',
    ]);
    const rows = await database.rawTransaction((tx) =>
      tx.query<{ search_text: string }>('SELECT search_text FROM products'),
    );
    const expected = searchTextOf(
      'ÅNG-1',
      'ÅNGBÅT ÖLKORV ÄPPLE CRÈME BRÛLÉE',
      ['7310865004703'],
      'Fika',
    );
    expect(expected).toBe(
      'Ång-1 ångbåt ölkorv äpple crème brûlée fika 7310865004703'.toLowerCase(),
    );
    expect(rows).toEqual([{ search_text: expected }]);
    for (const q of ['ångbåt', 'ÖLKORV äpple', 'brûlée', 'fika', 'ång-1']) {
      const page = await pageProducts(database.db, TENANT, '2026-01-01', {
        search: q,
        offset: 0,
        limit: 10,
      });
      expect(page.total, q).toBe(1);
    }
  });
});
