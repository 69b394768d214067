/**
 * Builds a register's journal for server tests with the real core functions (createSale,
 * addLine, priceSale, buildSaleReceipt, buildReturnReceipt, withControlCode, appendEntry with
 * SHA-256, buildZReport), as the register does, without a register process.
 */
import {
  type JournalEntry,
  type JournalEvent,
  type Ore,
  type Receipt,
  type ReceiptHeader,
  type ReturnItem,
  type Tender,
  type VatCategory,
  addLine,
  appendEntry,
  buildReturnReceipt,
  buildSaleReceipt,
  buildZReport,
  businessDayOf,
  createSale,
  nextReceiptNumber,
  ore,
  priceSale,
  receiptEvent,
  receiptSeriesOf,
  withControlCode,
  SHOP_TIME_ZONE,
} from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import type { UploadedEntry } from '@kassa/contracts';

/** The journal's hash, as the register computes it. */
export const sha256: (text: string) => string = sha256Hex;

export interface ArticleSpec {
  articleNumber: string;
  text: string;
  vatCategory: VatCategory;
  /** Per piece, or per kilogram with `grams`. */
  price: number;
  quantity?: number;
  grams?: number;
  group?: string;
}

/** A register's journal under construction: each step appends real, hash-chained entries. */
export class JournalBuilder {
  readonly entries: JournalEntry[] = [];
  private controlCodes = 0;

  constructor(
    readonly header: ReceiptHeader,
    readonly controlUnitSerial = 'CU-TEST-0001',
  ) {}

  /** Appends any event at `at` (ISO instant), as `by`. */
  append(event: JournalEvent, at: string, by?: string): JournalEntry {
    const entry = appendEntry(this.entries.at(-1) ?? null, event, at, sha256, by);
    this.entries.push(entry);
    return entry;
  }

  private sign(receipt: Receipt): Receipt {
    this.controlCodes += 1;
    return withControlCode(receipt, {
      serialNumber: this.controlUnitSerial,
      controlCode: `KK${String(this.controlCodes).padStart(6, '0')}`,
    });
  }

  /** Sells `articles` at `at` for `tenders` (training receipt with `training`); journals it. */
  sell(
    at: string,
    by: string,
    articles: readonly ArticleSpec[],
    tenders: readonly Tender[],
    options: { training?: boolean } = {},
  ): Receipt {
    const businessDay = businessDayOf(Date.parse(at), SHOP_TIME_ZONE);
    let sale = createSale(businessDay, 'take-away');
    articles.forEach((a, i) => {
      const added = addLine(sale, {
        lineId: `l${i + 1}`,
        articleNumber: a.articleNumber,
        text: a.text,
        itemType: 'good',
        vatCategory: a.vatCategory,
        ...(a.group === undefined ? {} : { group: a.group }),
        pricing:
          a.grams === undefined
            ? { unit: 'piece', unitPrice: ore(a.price), quantity: a.quantity ?? 1 }
            : { unit: 'gram', pricePerKilogram: ore(a.price), grams: a.grams },
      });
      if (!added.ok) throw new Error(`addLine: ${added.code}`);
      sale = added.value;
    });
    const priced = priceSale(sale);
    if (!priced.ok) throw new Error(`priceSale: ${priced.code}`);
    const kind = options.training === true ? 'training' : 'sale';
    const built = buildSaleReceipt(
      {
        header: this.header,
        receiptNumber: nextReceiptNumber(this.entries, receiptSeriesOf(kind)),
        issuedAt: at,
      },
      priced.value,
      tenders,
      options,
    );
    if (!built.ok) throw new Error(`buildSaleReceipt: ${built.code}`);
    const receipt = this.sign(built.value);
    this.append(receiptEvent(receipt), at, by);
    return receipt;
  }

  /** Returns `items` of `original` at `at`, refunded by `refunds`; journals it. */
  returnItems(
    at: string,
    by: string,
    original: Receipt,
    items: readonly ReturnItem[],
    refunds: readonly Tender[],
  ): Receipt {
    const previous = this.entries
      .map((e) => (e.kind === 'return' ? e.data.receipt : null))
      .filter((r): r is Receipt => r?.original?.receiptNumber === original.receiptNumber);
    const built = buildReturnReceipt(
      {
        header: this.header,
        receiptNumber: nextReceiptNumber(this.entries, 'receipt'),
        issuedAt: at,
        businessDay: businessDayOf(Date.parse(at), SHOP_TIME_ZONE),
      },
      original,
      previous,
      items,
      refunds,
    );
    if (!built.ok) throw new Error(`buildReturnReceipt: ${built.code}`);
    const receipt = this.sign(built.value);
    this.append(receiptEvent(receipt), at, by);
    return receipt;
  }

  /** Takes the Z-dagrapport of `businessDay` at `at`; journals it. */
  closeDay(businessDay: string, at: string, by: string, countedCash?: Ore) {
    const built = buildZReport(this.entries, businessDay, SHOP_TIME_ZONE, {
      identity: {
        companyName: this.header.companyName,
        organisationNumber: this.header.organisationNumber,
        registerId: this.header.registerId,
      },
      producedAt: at,
      ...(countedCash === undefined ? {} : { countedCash }),
    });
    if (!built.ok) throw new Error(`buildZReport: ${built.code}`);
    this.append({ kind: 'z-report', data: { report: built.value } }, at, by);
    return built.value;
  }
}

/** Entries as the register uploads them (JSON round trip, exactly the wire form). */
export function toUpload(entries: readonly JournalEntry[]): UploadedEntry[] {
  return JSON.parse(JSON.stringify(entries)) as UploadedEntry[];
}

/** A receipt header for a test environment's terminal. */
export function headerFor(registerId: string, companyName = 'Testbutiken AB'): ReceiptHeader {
  return {
    companyName,
    organisationNumber: '559999-0008',
    placeOfSaleAddress: 'Storgatan 1, 111 22 Stockholm',
    registerId,
    delivery: 'paper',
  };
}
