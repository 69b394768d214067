/**
 * A register on a new PC (or after losing its data folder) continues its terminal's journal
 *: before anything is journaled into an EMPTY journal, the server is asked for its copy
 * of this terminal's journal (GET /api/register/journal/head, then GET /api/register/journal in
 * pages). The entries are verified as one chain from the genesis up to the server's head and
 * inserted exactly as they are, with the upload mark at the head, in one transaction. Receipt
 * numbers are derived from the journal, so the next receipt follows the server's highest: one
 * series per kassabeteckning, never a second one starting at 1.
 *
 * When the server has nothing (a new terminal), a marker in the journal's working state records
 * that it was asked, for this binding: after that only this binding can add to the server's copy
 * (a terminal has one active binding), so the register may then start and sell offline. Without
 * the answer (offline at the first start) the register must not sell.
 */
import { RECEIPT_KINDS, canonicalJson, receiptSeriesOf, type JournalEntry } from '@kassa/core';
import {
  JOURNAL_EVENT_KINDS,
  MAX_DOWNLOAD_BATCH,
  journalDownloadSchema,
  journalReceiptSchema,
  parseJournalEntry,
  registerMessage,
  type JournalHeadAnswer,
  type UploadedEntry,
} from '@kassa/contracts';
import {
  signedRequest,
  type DeviceIdentity,
  type SignedRequestOptions,
} from '../device/device-client.js';
import { describeError, failed, failure, succeeded, type Outcome } from '../failure.js';
import { interpret } from '../net/server-api.js';
import {
  JournalImportError,
  openJournalStore,
  peekJournal,
  type PendingEvent,
  type WorkingChange,
} from '../selling/journal-store.js';
import { fetchJournalHead } from './journal-client.js';

/** The most receipt numbers one restore skips (a reported number beyond is not trusted). */
const MAX_SKIPPED = 100_000;

/** What the numbering reads of a journaled receipt (the contracts' schema: core's Receipt). */
const receiptNumberSchema = journalReceiptSchema.pick({ kind: true, receiptNumber: true });
const receiptKinds: ReadonlySet<string> = new Set(RECEIPT_KINDS);

/**
 * The receipt numbers after the highest in `entries` up to `reported` (the highest the terminal
 * reported), as [first, last]; null when none are missing.
 */
function lostReceiptNumbers(
  entries: readonly UploadedEntry[],
  reported: number,
): [number, number] | null {
  let highest = 0;
  for (const entry of entries) {
    const receipt = receiptKinds.has(entry.kind)
      ? receiptNumberSchema.safeParse(entry.data.receipt)
      : undefined;
    if (receipt?.success === true && receiptSeriesOf(receipt.data.kind) === 'receipt') {
      highest = Math.max(highest, receipt.data.receiptNumber);
    }
    if (entry.kind === 'receipt-number-skipped' && entry.data.series === 'receipt') {
      highest = Math.max(highest, Number(entry.data.receiptNumber));
    }
  }
  if (reported <= highest) return null;
  return [highest + 1, Math.min(reported, highest + MAX_SKIPPED)];
}
import { UPLOAD_KEY, type UploadMark } from './upload-mark.js';

/**
 * The server's entries as core's journal entries, read with the contracts' journalEventSchema;
 * or the `journal-restore-failed` refusal at the first entry this program cannot read whole: a
 * kind it does not know, or data it does not take as it was hashed (a value or a field it does
 * not know). Such an entry was journaled by a newer register; it cannot be inserted as it was
 * hashed, and the journal cannot go on without it, so the restore waits for the newer program.
 */
export function journalEntriesOf(entries: readonly UploadedEntry[]): Outcome<JournalEntry[]> {
  const read: JournalEntry[] = [];
  for (const entry of entries) {
    const parsed = parseJournalEntry(entry);
    if (!parsed.success || !sameJson(parsed.data.data, entry.data)) {
      return unreadableEntry(entry);
    }
    read.push(parsed.data);
  }
  return succeeded(read);
}

/** Whether two values serialise to the same canonical JSON (the text the chain hashes). */
function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/** The refusal for an entry this program cannot read, its reason in each message's language. */
function unreadableEntry(entry: UploadedEntry): Outcome<never> {
  const { seq, kind } = entry;
  const known = JOURNAL_EVENT_KINDS.has(kind);
  const sv = known
    ? `post ${seq} (${kind}) innehåller uppgifter som det här kassaprogrammet inte känner till; den skrevs av en nyare version. Installera den senaste versionen av Kassa och starta kassan igen`
    : `post ${seq} är av typen "${kind}", som det här kassaprogrammet inte känner till; den skrevs av en nyare version. Installera den senaste versionen av Kassa och starta kassan igen`;
  const en = known
    ? `entry ${seq} (${kind}) holds data this register program does not know; a newer version wrote it. Install the latest version of Kassa and start the register again`
    : `entry ${seq} is of kind "${kind}", which this register program does not know; a newer version wrote it. Install the latest version of Kassa and start the register again`;
  const code = 'journal-restore-failed';
  const details = { reason: en, seq, kind };
  return {
    ok: false,
    failure: {
      code,
      sv: registerMessage(code, { ...details, reason: sv }).sv,
      en: registerMessage(code, details).en,
      details,
    },
  };
}

/** The working-state key of the marker: the server was asked, for this binding. */
export const JOURNAL_ORIGIN_KEY = 'journal-origin';

interface JournalOrigin {
  /** The binding whose request found the server's head. */
  readonly bindingId: string;
  /** The server's head when asked (0: the terminal had no journal on the server). */
  readonly serverHeadSeq: number;
  /** How many entries were taken from the server. */
  readonly restoredEntries: number;
  /** Entries the previous register had reported but never uploaded (lost with it). */
  readonly lostEntries?: number;
  /** Receipt numbers skipped after the server's copy: issued on the lost journal. */
  readonly skippedReceiptNumbers?: readonly [number, number] | null;
  readonly checkedAt: string;
}

/** Failures that mean the server was not reached (the register may try again later). */
const UNREACHED = new Set(['server-unreachable', 'tls-failed']);

/**
 * Whether the journal file must be compared with the server's copy before the register may
 * journal anything: it has no entries and no marker of this binding.
 */
function journalNeedsServerCopy(file: string, bindingId: string): boolean {
  const peeked = peekJournal(file, JOURNAL_ORIGIN_KEY);
  if (peeked === null) return true;
  if (peeked.hasEntries) return false;
  const origin = peeked.working as Partial<JournalOrigin> | undefined;
  return origin?.bindingId !== bindingId;
}

/** The server's copy of this terminal's journal: all of it, up to the head read first. */
async function fetchServerJournal(
  identity: DeviceIdentity,
  options: SignedRequestOptions = {},
): Promise<Outcome<{ head: JournalHeadAnswer; entries: UploadedEntry[] }>> {
  const head = await fetchJournalHead(identity, { ...options, restore: true });
  if (!head.ok) return head;
  const target = head.value.acknowledgedSeq;
  const entries: UploadedEntry[] = [];
  while (entries.length < target) {
    const afterSeq = entries.at(-1)?.seq ?? 0;
    const sent = await signedRequest(
      identity,
      'GET',
      `/api/register/journal?afterSeq=${afterSeq}&limit=${MAX_DOWNLOAD_BATCH}`,
      undefined,
      options,
    );
    if (!sent.ok) return sent;
    const page = interpret(sent.value, journalDownloadSchema);
    if (!page.ok) return page;
    const fresh = page.value.entries.filter((e) => e.seq <= target);
    if (fresh.length === 0) {
      return failed('journal-restore-failed', {
        reason: `the server sent no entries after ${afterSeq} (head ${target})`,
      });
    }
    entries.push(...fresh);
  }
  return succeeded({ head: head.value, entries });
}

export interface RestoreResult {
  /** Entries taken from the server (0: none were needed or the server had none). */
  readonly restored: number;
  /** The server's head when asked; null when the journal did not need asking. */
  readonly serverHeadSeq: number | null;
}

/**
 * Makes sure an empty journal continues the terminal's journal on the server (see above). Safe
 * to call at every start and after connecting: a journal with entries (or already checked for
 * this binding) is left alone without a request.
 */
export async function restoreJournalFromServer(input: {
  readonly file: string;
  readonly identity: DeviceIdentity;
  readonly now: () => number;
  readonly request?: SignedRequestOptions;
}): Promise<Outcome<RestoreResult>> {
  const { file, identity } = input;
  let needed: boolean;
  try {
    needed = journalNeedsServerCopy(file, identity.bindingId);
  } catch (error) {
    return failed('journal-restore-failed', { reason: describeError(error) });
  }
  if (!needed) return succeeded({ restored: 0, serverHeadSeq: null });

  const fetched = await fetchServerJournal(identity, input.request);
  if (!fetched.ok) {
    const f = fetched.failure;
    if (UNREACHED.has(f.code)) {
      return { ok: false, failure: failure('journal-restore-required', { cause: f.code }) };
    }
    return fetched;
  }
  const { head } = fetched.value;
  const read = journalEntriesOf(fetched.value.entries);
  if (!read.ok) return read;
  const entries = read.value;
  const at = new Date(input.now()).toISOString();
  const last = entries.at(-1);
  // Receipts the terminal reported beyond the server's copy were issued on a journal that is
  // lost: their numbers are skipped, journaled, so none is issued twice (SKVFS 2014:9 7 kap
  // 1 § d; docs/adr/0011-journal-anchors.md).
  const skipped = lostReceiptNumbers(entries, head.reportedReceiptNumber ?? 0);
  const origin: JournalOrigin = {
    bindingId: identity.bindingId,
    serverHeadSeq: head.acknowledgedSeq,
    restoredEntries: entries.length,
    lostEntries: head.lostEntries ?? 0,
    skippedReceiptNumbers: skipped,
    checkedAt: at,
  };
  const skips: PendingEvent[] = [];
  if (skipped !== null) {
    for (let n = skipped[0]; n <= skipped[1]; n += 1) {
      skips.push({
        event: {
          kind: 'receipt-number-skipped',
          data: { series: 'receipt', receiptNumber: n, reason: 'journal-lost' },
        },
      });
    }
  }
  const working: WorkingChange[] = [{ op: 'put', key: JOURNAL_ORIGIN_KEY, value: origin }];
  if (last !== undefined) {
    const mark: UploadMark = {
      acknowledgedSeq: last.seq,
      acknowledgedHash: last.hash,
      lastUploadAt: null,
      problem: null,
    };
    working.push({ op: 'put', key: UPLOAD_KEY, value: mark });
  }
  try {
    const store = openJournalStore(file);
    try {
      store.importEntries(
        entries,
        working,
        last === undefined || head.acknowledgedHash === null
          ? undefined
          : { seq: head.acknowledgedSeq, hash: head.acknowledgedHash },
        skips.length === 0 ? undefined : { events: skips, at },
      );
    } finally {
      store.close();
    }
  } catch (error) {
    if (error instanceof JournalImportError && error.reason === 'journal-not-empty') {
      // Another process journaled first (a second `kassa start`): its journal stands.
      return succeeded({ restored: 0, serverHeadSeq: head.acknowledgedSeq });
    }
    return failed('journal-restore-failed', { reason: describeError(error) });
  }
  return succeeded({ restored: entries.length, serverHeadSeq: head.acknowledgedSeq });
}
