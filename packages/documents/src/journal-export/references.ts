/**
 * What the entries of an export period refer to before the period. `journalToSkvfsXml` resolves
 * these among `earlierEntries`; a register passes everything before the period, a server that
 * keeps thousands of journals fetches only what this names (and gets the same XML):
 *
 * - the registration (`line-added`) of a line changed in the period, by line id, and of a line
 *   removed in the period, by article number (the latest registration before it);
 * - the original (`sale`/`return`) of a copy, by receipt number and register;
 * - the item type (good or service) of an article registered in the period that no receipt of the
 *   period sells: the latest `sale`/`return` before the period that has the article;
 * - the program version of an X/Z report: the latest `register-started` before it.
 *
 * Only references that the period itself does not resolve are named.
 */
import type { JournalEntry } from '@kassa/core';

export interface SkvfsReferences {
  /** Line ids of `line-changed` entries whose `line-added` is not earlier in the period. */
  readonly lineIds: readonly string[];
  /** Article numbers of `line-removed` entries with no `line-added` of the article before them. */
  readonly removedArticles: readonly string[];
  /** Copies whose original is not earlier in the period. */
  readonly originals: readonly { readonly receiptNumber: number; readonly registerId: string }[];
  /** Articles registered (added, changed, removed) that no receipt of the period sells. */
  readonly articleTypes: readonly string[];
  /** Whether an X/Z report comes before every `register-started` of the period. */
  readonly registerStart: boolean;
}

/** The references of `entries` (one period, in journal order) that lie before the period. */
export function skvfsReferences(entries: readonly JournalEntry[]): SkvfsReferences {
  const addedLineIds = new Set<string>();
  const addedArticles = new Set<string>();
  const lineIds = new Set<string>();
  const removedArticles = new Set<string>();
  const receipts = new Set<string>();
  const originals = new Map<string, { receiptNumber: number; registerId: string }>();
  const registered = new Set<string>();
  const sold = new Set<string>();
  let started = false;
  let registerStart = false;
  for (const entry of entries) {
    switch (entry.kind) {
      case 'line-added':
        addedLineIds.add(entry.data.lineId);
        addedArticles.add(entry.data.articleNumber);
        registered.add(entry.data.articleNumber);
        break;
      case 'line-changed':
        if (!addedLineIds.has(entry.data.lineId)) lineIds.add(entry.data.lineId);
        registered.add(entry.data.articleNumber);
        break;
      case 'line-removed':
        if (!addedArticles.has(entry.data.articleNumber)) {
          removedArticles.add(entry.data.articleNumber);
        }
        registered.add(entry.data.articleNumber);
        break;
      case 'sale':
      case 'return':
      case 'copy':
      case 'training':
      case 'pro-forma': {
        const receipt = entry.data.receipt;
        for (const line of receipt.lines) sold.add(line.articleNumber);
        if (entry.kind === 'sale' || entry.kind === 'return') {
          receipts.add(`${receipt.registerId}\u0000${receipt.receiptNumber}`);
        }
        const original = receipt.original;
        if (entry.kind === 'copy' && original !== null) {
          const key = `${receipt.registerId}\u0000${original.receiptNumber}`;
          if (!receipts.has(key)) {
            originals.set(key, {
              receiptNumber: original.receiptNumber,
              registerId: receipt.registerId,
            });
          }
        }
        break;
      }
      case 'register-started':
        started = true;
        break;
      case 'x-report':
      case 'z-report':
        if (!started) registerStart = true;
        break;
      default:
        break;
    }
  }
  return {
    lineIds: [...lineIds],
    removedArticles: [...removedArticles],
    originals: [...originals.values()],
    articleTypes: [...registered].filter((article) => !sold.has(article)),
    registerStart,
  };
}
