/**
 * The events of the journal (journalminne) and its entries: every kind of running use of one
 * register that is journaled (SFL 39 kap 7 §; SKVFS 2014:9 2 kap 15 § "löpande användning"; 5 kap
 * 4 § settings history), each entry an event with its place in the hash chain (journal-chain.ts).
 * Receipt numbers are derived from the journal, never stored apart (receipt-numbering.ts).
 */
import type { Ore } from '../money.js';
import type { XReport, ZReport } from './day-figures.js';
import type { Receipt, ReceiptSeries } from './receipt.js';
import type { LineUnit } from './sale.js';

/**
 * Every kind of running use that must be journaled (docs/spec/sweden-regulation.md §0 items 7–13, 18, 22; §3).
 * Receipt events carry the whole receipt, control code included (2 kap 15 §).
 */
/**
 * What an `article-changed` entry changed: `article` is the article itself (added: from null;
 * removed: to null), the others the fields of the article register.
 */
export type ArticleChangeField =
  'article' | 'name' | 'vatCategory' | 'unit' | 'kind' | 'group' | 'barcodes';

export type JournalEvent =
  | { readonly kind: 'sale'; readonly data: { readonly receipt: Receipt } }
  | { readonly kind: 'return'; readonly data: { readonly receipt: Receipt } }
  | { readonly kind: 'copy'; readonly data: { readonly receipt: Receipt } }
  | { readonly kind: 'training'; readonly data: { readonly receipt: Receipt } }
  | { readonly kind: 'pro-forma'; readonly data: { readonly receipt: Receipt } }
  /** Parkera: a sale put aside; counted as unfinished until resumed (7 kap 3 § t). */
  | {
      readonly kind: 'sale-parked';
      readonly data: {
        readonly parkingId: string;
        readonly lineCount: number;
        readonly total: Ore;
      };
    }
  | { readonly kind: 'sale-resumed'; readonly data: { readonly parkingId: string } }
  /** Radera registrerad artikel (2021:16 8 kap): a line removed before payment. */
  | {
      readonly kind: 'line-removed';
      readonly data: {
        readonly articleNumber: string;
        readonly text: string;
        readonly unit: LineUnit;
        readonly quantity: number;
        readonly amount: Ore;
      };
    }
  | {
      readonly kind: 'price-change';
      readonly data: {
        readonly articleNumber: string;
        readonly text: string;
        readonly from: Ore;
        readonly to: Ore;
        readonly effectiveFrom: string;
      };
    }
  /**
   * A programming change that took effect at this register (SKVFS 2014:9 5 kap 4 §,
   * behandlingshistorik): an article added to or removed from what the register sells, or one of
   * its fields changed, as it arrived from `source` (the backoffice's catalogue). A price is a
   * `price-change`. `from`/`to` are the field's text before and after (null: none), the time is
   * the entry's. docs/domain/receipts-journal-reports.md.
   */
  | {
      readonly kind: 'article-changed';
      readonly data: {
        readonly articleNumber: string;
        /** The article's name after the change (before it, for a removal). */
        readonly text: string;
        readonly field: ArticleChangeField;
        readonly from: string | null;
        readonly to: string | null;
        readonly source: 'backoffice';
      };
    }
  /** Lådöppning: the drawer opened without a sale or refund (2 kap 14 §). */
  | { readonly kind: 'drawer-opened'; readonly data: { readonly reason: string } }
  /** Växelkassa registered at the start of the day (5 kap 1 §; 2014:10 4 kap 2 §). */
  | { readonly kind: 'cash-float'; readonly data: { readonly amount: Ore } }
  | { readonly kind: 'cash-in'; readonly data: { readonly amount: Ore; readonly reason: string } }
  | { readonly kind: 'cash-out'; readonly data: { readonly amount: Ore; readonly reason: string } }
  | { readonly kind: 'sign-in'; readonly data: { readonly cashierId: string } }
  | { readonly kind: 'sign-out'; readonly data: { readonly cashierId: string } }
  | { readonly kind: 'x-report'; readonly data: { readonly report: XReport } }
  | { readonly kind: 'z-report'; readonly data: { readonly report: ZReport } }
  /** Behandlingshistorik (5 kap 4 §): a setting or programming change. */
  | {
      readonly kind: 'setting-changed';
      readonly data: {
        readonly setting: string;
        readonly from: string | null;
        readonly to: string | null;
      };
    }
  /** The control unit was unreachable or answered with an error (2014:10 4 kap 1 §). */
  | {
      readonly kind: 'control-unit-fault';
      readonly data: { readonly code: string; readonly message: string };
    }
  /**
   * The PC's clock stopped selling: behind the last entry, or too far from the server's clock.
   * `clock` is what the PC said, `reference` the time it was judged against; the entry itself is
   * dated in journal order. docs/domain/receipts-journal-reports.md.
   */
  | {
      readonly kind: 'clock-fault';
      readonly data: {
        readonly reason: 'behind-journal' | 'differs-from-server' | 'out-of-range';
        readonly clock: string;
        readonly reference: string;
        readonly differenceMs: number;
      };
    }
  /** The clock is sane again: selling goes on. */
  | { readonly kind: 'clock-restored'; readonly data: { readonly clock: string } }
  /** The wall clock jumped while the register ran (`jumpMs` from where it should have been). */
  | {
      readonly kind: 'clock-jumped';
      readonly data: { readonly from: string; readonly to: string; readonly jumpMs: number };
    }
  /**
   * A paper receipt sent to the printer, and what came of it (printed, or failed with the
   * printer's code). A sale or return receipt not printed may be printed as the original once.
   */
  | {
      readonly kind: 'receipt-printout';
      readonly data: {
        readonly receiptKind: Receipt['kind'];
        readonly receiptNumber: number;
        readonly outcome: 'printed' | 'failed';
        readonly code?: string;
        /** True when printed later from Kvitton ("Skriv ut kvittot"), not at payment. */
        readonly later: boolean;
      };
    }
  /** The control unit answered again after a fault. */
  | { readonly kind: 'control-unit-restored'; readonly data: { readonly serialNumber: string } }
  /**
   * A receipt sent to the control unit, journaled BEFORE it is sent: its number in its series,
   * and exactly the data the unit gets (SKVFS 2009:2 data table: kvittotyp, date and time,
   * organisationsnummer, kassabeteckning, försäljningsbelopp, returbelopp, VAT per rate). A
   * number is never sent with other data than its first request's (docs/protocols/control-unit.md
   * "Lost answers"). `resend`: the same request again after an unknown outcome.
   */
  | {
      readonly kind: 'control-unit-request';
      readonly data: {
        readonly series: ReceiptSeries;
        readonly receiptNumber: number;
        /** The receipt's own time (ISO instant); the date field below is its local minute. */
        readonly issuedAt: string;
        readonly receiptType: 'normal' | 'kopia' | 'ovning' | 'profo';
        readonly dateTime: string;
        readonly organisationNumber: string;
        readonly registerId: string;
        readonly total: Ore;
        readonly returnTotal: Ore;
        readonly vat: readonly { readonly rate: number; readonly amount: Ore }[];
        readonly resend: boolean;
      };
    }
  /**
   * What came of a request that did not give a receipt: 'refused' (NAK: the unit registered
   * nothing), 'not-sent' (no connection: nothing reached the unit), 'unknown' (timeout, lost or
   * malformed answer, the register stopped while waiting: the unit may have registered it).
   * A signed request's outcome is its receipt entry.
   */
  | {
      readonly kind: 'control-unit-answer';
      readonly data: {
        readonly series: ReceiptSeries;
        readonly receiptNumber: number;
        readonly outcome: 'refused' | 'not-sent' | 'unknown';
        readonly code: string;
      };
    }
  /**
   * A receipt number given up after an unknown outcome: the unit may hold it with the data of
   * its request entry, the receipt was never handed over, and the series goes on with the next
   * number (SKVFS 2014:9 7 kap 1 § d: the gap is journaled and explained, never reused).
   */
  | {
      readonly kind: 'receipt-number-skipped';
      readonly data: {
        readonly series: ReceiptSeries;
        readonly receiptNumber: number;
        /**
         * journal-lost: issued on an earlier PC whose journal was lost before its upload; the
         * restored journal skips them (docs/adr/0011-journal-anchors.md).
         * restarted-while-reserved: the PC started again (a power cut) while the number was
         * reserved for a request committed without waiting for its fsync, so the unit may hold
         * it (docs/adr/0019-one-fsync-per-sale.md).
         */
        readonly reason:
          | 'content-changed'
          | 'day-over'
          | 'unit-refused-resend'
          | 'journal-lost'
          | 'restarted-while-reserved';
      };
    }
  /** Registrera artikel (2021:16 RegistreraArtikel): a line added to the sale under construction. */
  | {
      readonly kind: 'line-added';
      readonly data: {
        readonly lineId: string;
        readonly articleNumber: string;
        readonly text: string;
        readonly unit: LineUnit;
        readonly quantity: number;
        readonly unitPrice: Ore;
        readonly vatRate: number;
      };
    }
  /** Ändra registrerad artikel (2021:16 AndraRegistreradArtikel): quantity or discount changed. */
  | {
      readonly kind: 'line-changed';
      readonly data: {
        readonly lineId: string;
        readonly articleNumber: string;
        readonly text: string;
        readonly from: { readonly quantity: number; readonly discount: Ore };
        readonly to: { readonly quantity: number; readonly discount: Ore };
      };
    }
  /** Ställa om till övningsläge / normalläge (2021:16). */
  | { readonly kind: 'training-switched'; readonly data: { readonly training: boolean } }
  /** Start och stopp av kassaregister (2021:16 StartAvKassaregister, StoppAvKassaregister). */
  | { readonly kind: 'register-started'; readonly data: { readonly programVersion: string } }
  | { readonly kind: 'register-stopped'; readonly data: { readonly programVersion: string } };

/** The kind of a journal event. */
export type JournalEventKind = JournalEvent['kind'];

/** One journal entry (journalpost): an event with its place in the chain. Never updated. */
export type JournalEntry = JournalEvent & {
  readonly seq: number;
  /** The signed-in user (InloggadAnvandare, 2021:16) when the event happened; absent for none. */
  readonly by?: string;
  /** ISO 8601 UTC instant, from the caller's clock. */
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
};

/**
 * What the chain covers of an entry, of any kind: all that `hashEntry` and `verifyJournal` read.
 * Every JournalEntry is one, and so is an entry uploaded by a newer register whose kind this
 * version does not know (its data is hashed as it is).
 */
export interface ChainedEntry {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly by?: string;
  readonly data: unknown;
  readonly prevHash: string;
  readonly hash: string;
}

/** Wraps a receipt in the journal event of its kind. */
export function receiptEvent(receipt: Receipt): JournalEvent {
  return { kind: receipt.kind, data: { receipt } };
}

/** The receipt an entry carries, if it is a receipt event. */
export function receiptOf(entry: JournalEvent): Receipt | undefined {
  switch (entry.kind) {
    case 'sale':
    case 'return':
    case 'copy':
    case 'training':
    case 'pro-forma':
      return entry.data.receipt;
    default:
      return undefined;
  }
}
