/**
 * The journal (journalminne): the append-only, hash-chained record of all running use of one
 * register (SFL 39 kap 7 §; SKVFS 2014:9 2 kap 15 § "löpande användning"; 5 kap 4 § settings
 * history). Nothing registered may be deleted, changed or added to (6 kap 1 §): each entry
 * carries the hash of the one before, so any edit breaks the chain.
 *
 * hash = H(prevHash + canonicalJson({ seq, at, kind, data, prevHash, by })), with H injected (the
 * caller passes SHA-256 as lowercase hex); the first entry's prevHash is 64 zeros. `seq` is
 * gapless per register from 1. Receipt numbers are derived from the journal, never stored apart.
 */
import type { Ore } from '../money.js';
import { type Failure, type Result, fail, ok } from '../result.js';
import type { XReport, ZReport } from './day-figures.js';
import { type Receipt, type ReceiptSeries, isIsoInstant, receiptSeriesOf } from './receipt.js';
import type { LineUnit } from './sale.js';

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** A hash function over text returning lowercase hex (the caller passes SHA-256). */
export type HashFunction = (text: string) => string;

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
         */
        readonly reason: 'content-changed' | 'day-over' | 'unit-refused-resend' | 'journal-lost';
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

/**
 * Serialises a JSON-like value with object keys in code-point order and no whitespace.
 * Only strings, booleans, null, safe integers, arrays and plain objects are allowed; a float,
 * NaN, a bigint or a function throws, since it would not hash the same everywhere. Object
 * properties whose value is `undefined` are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  // Written as one loop per level with string appends: the server recomputes 500 of these per
  // upload batch (about 1.2 kB each), so this is on the ingest's hot path.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new TypeError(`canonical JSON allows only safe integers, got ${value}`);
      }
      return String(value); // a safe integer prints as JSON does (-0 as 0)
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i += 1) {
          if (i > 0) out += ',';
          out += canonicalJson(value[i]);
        }
        return `${out}]`;
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) break;
      const record = value as Record<string, unknown>; // a plain object, checked just above
      // The default sort compares UTF-16 code units, as `a < b` does.
      const keys = Object.keys(record).sort();
      let out = '{';
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        if (out.length > 1) out += ',';
        out += `${JSON.stringify(key)}:${canonicalJson(item)}`;
      }
      return `${out}}`;
    }
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}

/** Computes an entry's hash from everything in it except the hash itself. */
export function hashEntry(entry: Omit<ChainedEntry, 'hash'>, hash: HashFunction): string {
  const { seq, at, kind, data, prevHash, by } = entry;
  return hash(prevHash + canonicalJson({ seq, at, kind, data, prevHash, by }));
}

/**
 * Returns the entry that follows `chainTail` (null for an empty journal) for `event` at the
 * instant `at`. Throws on a malformed `at` or data that cannot be serialised canonically.
 */
export function appendEntry(
  chainTail: JournalEntry | null,
  event: JournalEvent,
  at: string,
  hash: HashFunction,
  by?: string,
): JournalEntry {
  if (!isIsoInstant(at)) {
    throw new RangeError(`journal time must be an ISO instant, got ${JSON.stringify(at)}`);
  }
  const unhashed = {
    ...event,
    seq: chainTail === null ? 1 : chainTail.seq + 1,
    at,
    ...(by === undefined ? {} : { by }),
    prevHash: chainTail === null ? GENESIS_HASH : chainTail.hash,
  } as Omit<JournalEntry, 'hash'>; // spreading a union member keeps its kind/data pairing
  return { ...unhashed, hash: hashEntry(unhashed, hash) } as JournalEntry;
}

/** Why an entry broke the journal. */
export type JournalDefect =
  'gap' | 'duplicate' | 'broken-link' | 'bad-hash' | 'malformed' | 'truncated';

/** The first bad entry found by `verifyJournal`. */
export type JournalVerifyFailure = Failure<
  'journal-invalid',
  { seq: number; reason: JournalDefect }
>;

/** The last entry of a verified journal: its seq and hash (the chain head). */
export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Verifies the chain: seq gapless from 1 (or from `options.after`, the verified entry before a
 * slice), each prevHash equal to the previous hash, each hash recomputed. With `options.head`
 * (a head known from elsewhere, e.g. the server's acknowledged high-water mark) a truncated tail
 * is detected too. Returns the head, or the first bad seq and why.
 */
export function verifyJournal(
  entries: readonly ChainedEntry[],
  hash: HashFunction,
  options: { readonly after?: JournalHead; readonly head?: JournalHead } = {},
): Result<JournalHead | null, JournalVerifyFailure> {
  let previous: JournalHead | null = options.after ?? null;
  for (const entry of entries) {
    const expectedSeq = previous === null ? 1 : previous.seq + 1;
    if (!Number.isSafeInteger(entry.seq) || typeof entry.hash !== 'string') {
      return fail('journal-invalid', { seq: expectedSeq, reason: 'malformed' });
    }
    if (entry.seq > expectedSeq) {
      return fail('journal-invalid', { seq: entry.seq, reason: 'gap' });
    }
    if (entry.seq < expectedSeq) {
      return fail('journal-invalid', { seq: entry.seq, reason: 'duplicate' });
    }
    if (entry.prevHash !== (previous === null ? GENESIS_HASH : previous.hash)) {
      return fail('journal-invalid', { seq: entry.seq, reason: 'broken-link' });
    }
    let recomputed: string;
    try {
      recomputed = hashEntry(entry, hash);
    } catch {
      return fail('journal-invalid', { seq: entry.seq, reason: 'malformed' });
    }
    if (recomputed !== entry.hash || !isIsoInstant(entry.at)) {
      return fail('journal-invalid', { seq: entry.seq, reason: 'bad-hash' });
    }
    previous = { seq: entry.seq, hash: entry.hash };
  }
  const { head } = options;
  if (head !== undefined && (previous?.seq !== head.seq || previous.hash !== head.hash)) {
    const seq = previous === null ? 1 : Math.min(previous.seq + 1, head.seq);
    return fail('journal-invalid', { seq, reason: 'truncated' });
  }
  return ok(previous);
}

/**
 * The next number in `series`: the last receipt number of that series in the journal plus one,
 * or 1. Numbers are never stored apart from the journal, so a crash cannot skip or repeat one.
 */
export function nextReceiptNumber(entries: readonly JournalEvent[], series: ReceiptSeries): number {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i] as JournalEvent;
    if (entry.kind === 'receipt-number-skipped' && entry.data.series === series) {
      return entry.data.receiptNumber + 1;
    }
    const receipt = receiptOf(entry);
    if (receipt !== undefined && receiptSeriesOf(receipt.kind) === series) {
      return receipt.receiptNumber + 1;
    }
  }
  return 1;
}

/** The next Z-report number (löpnummer of the Z-dagrapport, 7 kap 3 § c). */
export function nextZNumber(entries: readonly JournalEvent[]): number {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i] as JournalEvent;
    if (entry.kind === 'z-report') {
      return entry.data.report.zNumber + 1;
    }
  }
  return 1;
}

/** A numbering break, or a second copy of one receipt, found by `verifyNumbering`. */
export type NumberingFailure =
  | Failure<
      'numbering-broken',
      { seq: number; series: ReceiptSeries | 'z-report'; expected: number; found: number }
    >
  | Failure<'copy-repeated', { seq: number; receiptNumber: number }>;

/**
 * Checks that every receipt series and the Z series run 1, 2, 3 … without a gap or repeat,
 * and that no receipt has more than one copy (6 kap 3 §).
 */
export function verifyNumbering(entries: readonly JournalEntry[]): Result<null, NumberingFailure> {
  const last = new Map<ReceiptSeries | 'z-report', number>();
  const copied = new Set<number>();
  for (const entry of entries) {
    const receipt = receiptOf(entry);
    // A skipped number takes its place in the series (journaled gap, never reused).
    const skipped = entry.kind === 'receipt-number-skipped' ? entry.data : undefined;
    const series =
      skipped !== undefined
        ? skipped.series
        : receipt === undefined
          ? entry.kind === 'z-report'
            ? 'z-report'
            : undefined
          : receiptSeriesOf(receipt.kind);
    if (series === undefined) {
      continue;
    }
    const found =
      skipped !== undefined
        ? skipped.receiptNumber
        : entry.kind === 'z-report'
          ? entry.data.report.zNumber
          : (receipt?.receiptNumber ?? 0);
    const expected = (last.get(series) ?? 0) + 1;
    if (found !== expected) {
      return fail('numbering-broken', { seq: entry.seq, series, expected, found });
    }
    last.set(series, found);
    if (receipt?.kind === 'copy' && receipt.original !== null) {
      if (copied.has(receipt.original.receiptNumber)) {
        return fail('copy-repeated', {
          seq: entry.seq,
          receiptNumber: receipt.original.receiptNumber,
        });
      }
      copied.add(receipt.original.receiptNumber);
    }
  }
  return ok(null);
}
