/**
 * What the register needs of its journal, kept beside it in the same SQLite file and in the same
 * transaction as the entry that changes it, so no step has to read the whole journal
 * (docs/adr/0012-journal-checkpoint-and-state.md):
 *
 * - the business days with sale or return receipts and no Z after them (a Z is due for each,
 *   SKVFS 2014:9 7 kap 3 §; the same days as `daysNeedingZ` of @kassa/core over every entry);
 * - the checkpoint: the head whose whole chain the register verified, with a MAC keyed with the
 *   register's device key, so a chain rewritten in the file (every hash recomputed) or cut at
 *   its tail no longer matches it. Opening verifies the entries after it; the whole chain is
 *   verified in the background and by `kassa doctor --full`.
 */
import { createHash, createHmac, createPrivateKey, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  type BusinessDay,
  type JournalEntry,
  type JournalHead,
  businessDayBounds,
  businessDayOf,
} from '@kassa/core';

/** The journal file's format: 2 added the state tables and the kind index (backfilled once). */
export const JOURNAL_FORMAT = 2;

/** The derived state's tables and the indexes its reads use. */
export const STATE_SCHEMA = `
CREATE INDEX IF NOT EXISTS journal_kind ON journal (kind, seq);
CREATE INDEX IF NOT EXISTS journal_cu_request ON journal (json_extract(data, '$.series'), seq)
  WHERE kind = 'control-unit-request';
CREATE TABLE IF NOT EXISTS journal_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS journal_open_day (day TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
`;

/** businessDayOf, remembering the bounds of the last day found (entries come day by day). */
export function dayFinder(timeZone: string): (epochMs: number) => BusinessDay {
  let last: { day: BusinessDay; startMs: number; endMs: number } | null = null;
  return (epochMs) => {
    if (last !== null && epochMs >= last.startMs && epochMs < last.endMs) return last.day;
    const day = businessDayOf(epochMs, timeZone);
    last = { day, ...businessDayBounds(day, timeZone) };
    return day;
  };
}

/** How an entry changes the days needing a Z (foldDayReport's `openDays`, entry by entry). */
export function openDayChange(
  entry: JournalEntry,
  timeZone: string,
  dayOf: (epochMs: number) => BusinessDay = (ms) => businessDayOf(ms, timeZone),
): { readonly add: BusinessDay } | { readonly remove: BusinessDay } | null {
  if (entry.kind === 'sale' || entry.kind === 'return') {
    return { add: dayOf(Date.parse(entry.at)) };
  }
  if (entry.kind === 'z-report') {
    // A Z closes its business day; one journaled without it (an old or foreign copy) closes the
    // day it was made on, so importing such a journal never fails on it.
    const day = (entry.data.report as { businessDay?: unknown } | undefined)?.businessDay;
    return { remove: typeof day === 'string' ? day : dayOf(Date.parse(entry.at)) };
  }
  return null;
}

/** A verified head and its MAC. */
export interface Checkpoint extends JournalHead {
  readonly mac: string;
}

/**
 * The checkpoint key: derived from the register's device key (device-key.pem beside the journal
 * in the data folder), never the key itself. Null when there is no readable key (a journal
 * without a connected register's folder, e.g. a copy): the whole chain is then verified at open.
 */
export function checkpointKeyBeside(journalFile: string): Buffer | null {
  const file = `${journalFile.slice(0, journalFile.length - baseName(journalFile).length)}device-key.pem`;
  if (!existsSync(file)) return null;
  try {
    const key = createPrivateKey({ key: readFileSync(file, 'utf8'), format: 'pem' });
    const der = key.export({ type: 'pkcs8', format: 'der' });
    return createHash('sha256').update('kassa journal checkpoint key\0').update(der).digest();
  } catch {
    return null;
  }
}

function baseName(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return file.slice(slash + 1);
}

function macOf(key: Buffer, head: JournalHead): string {
  return createHmac('sha256', key)
    .update(`kassa-journal-checkpoint:1:${head.seq}:${head.hash}`)
    .digest('hex');
}

export function makeCheckpoint(key: Buffer, head: JournalHead): Checkpoint {
  return { seq: head.seq, hash: head.hash, mac: macOf(key, head) };
}

/** The stored checkpoint if its MAC is right; null when absent, 'forged' when it is wrong. */
export function readCheckpoint(
  key: Buffer,
  text: string | undefined,
): Checkpoint | null | 'forged' {
  if (text === undefined) return null;
  let parsed: Partial<Checkpoint>;
  try {
    parsed = JSON.parse(text) as Partial<Checkpoint>;
  } catch {
    return 'forged';
  }
  const { seq, hash, mac } = parsed;
  if (typeof seq !== 'number' || typeof hash !== 'string' || typeof mac !== 'string') {
    return 'forged';
  }
  const expected = Buffer.from(macOf(key, { seq, hash }), 'hex');
  const given = Buffer.from(mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
  return { seq, hash, mac };
}
