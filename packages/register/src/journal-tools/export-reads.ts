/**
 * What `kassa export-journal` reads besides the period's entries, through the journal's indexes
 * instead of the whole journal (docs/adr/0012-journal-checkpoint-and-state.md): the entries
 * before the period that the period refers to (skvfsReferences of @kassa/documents, resolved the
 * way the server resolves them from its copy), the Z-reports after it, and the latest receipt.
 */
import { type JournalEntry, type Receipt, receiptOf } from '@kassa/core';
import { skvfsReferences } from '@kassa/documents';
import type { JournalStore } from '../selling/journal-store.js';

const RECEIPT_KINDS = ['sale', 'return', 'copy', 'training', 'pro-forma'] as const;
const PAGE = 500;

/** Entries of `kinds` before `beforeSeq`, newest first, page by page, until `visit` says stop. */
function walkBack(
  store: JournalStore,
  kinds: readonly JournalEntry['kind'][],
  beforeSeq: number,
  visit: (entry: JournalEntry) => boolean,
): void {
  const cursors = kinds.map((kind) => ({
    kind,
    before: beforeSeq,
    page: [] as JournalEntry[],
    done: false,
  }));
  for (;;) {
    for (const cursor of cursors) {
      if (cursor.page.length === 0 && !cursor.done) {
        cursor.page = store.entriesOfKind(cursor.kind, {
          beforeSeq: cursor.before,
          limit: PAGE,
          newestFirst: true,
        });
        if (cursor.page.length < PAGE) cursor.done = true;
        cursor.before = cursor.page.at(-1)?.seq ?? cursor.before;
      }
    }
    let newest: (typeof cursors)[number] | null = null;
    for (const cursor of cursors) {
      const head = cursor.page[0];
      if (head !== undefined && (newest === null || head.seq > (newest.page[0]?.seq ?? 0))) {
        newest = cursor;
      }
    }
    const entry = newest?.page.shift();
    if (entry === undefined) return;
    if (!visit(entry)) return;
  }
}

/** The entries before the period (its first entry `firstSeq`) that `entries` refer to. */
export function earlierReferences(
  store: JournalStore,
  entries: readonly JournalEntry[],
  firstSeq: number,
): JournalEntry[] {
  const refs = skvfsReferences(entries);
  const found = new Map<number, JournalEntry>();
  const lineIds = new Set(refs.lineIds);
  const removed = new Set(refs.removedArticles);
  if (lineIds.size + removed.size > 0) {
    walkBack(store, ['line-added'], firstSeq, (entry) => {
      if (entry.kind !== 'line-added') return true;
      if (lineIds.delete(entry.data.lineId)) found.set(entry.seq, entry);
      if (removed.delete(entry.data.articleNumber)) found.set(entry.seq, entry);
      return lineIds.size + removed.size > 0;
    });
  }
  for (const original of refs.originals) {
    const entry = store.receipt('receipt', original.receiptNumber);
    const receipt = entry === undefined ? undefined : receiptOf(entry);
    if (
      entry !== undefined &&
      entry.seq < firstSeq &&
      receipt?.registerId === original.registerId
    ) {
      found.set(entry.seq, entry);
    }
  }
  const articles = new Set(refs.articleTypes);
  if (articles.size > 0) {
    walkBack(store, ['sale', 'return'], firstSeq, (entry) => {
      const receipt = receiptOf(entry);
      for (const line of receipt?.lines ?? []) {
        if (articles.delete(line.articleNumber)) found.set(entry.seq, entry);
      }
      return articles.size > 0;
    });
  }
  if (refs.registerStart) {
    const [start] = store.entriesOfKind('register-started', {
      beforeSeq: firstSeq,
      limit: 1,
      newestFirst: true,
    });
    if (start !== undefined) found.set(start.seq, start);
  }
  return [...found.values()].sort((a, b) => a.seq - b.seq);
}

/** The latest receipt of the journal, and the latest control-unit serial on a receipt. */
export function latestReceiptFacts(store: JournalStore): {
  receipt: Receipt | undefined;
  controlUnitSerial: string | null;
} {
  let receipt: Receipt | undefined;
  let controlUnitSerial: string | null = null;
  walkBack(store, RECEIPT_KINDS, Number.MAX_SAFE_INTEGER, (entry) => {
    const found = receiptOf(entry);
    if (found === undefined) return true;
    receipt ??= found;
    if (found.controlUnitSerial !== null) controlUnitSerial = found.controlUnitSerial;
    return controlUnitSerial === null;
  });
  return { receipt, controlUnitSerial };
}
