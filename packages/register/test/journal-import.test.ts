/**
 * JournalStore.importEntries: another copy of this terminal's journal (the server's) goes into an
 * EMPTY journal exactly as it is, verified, with working changes, in one transaction; numbering
 * continues from it. A journal with entries, a broken chain or a truncated copy is refused and
 * nothing is written. peekJournal looks without verifying.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JournalEntry, type JournalEvent, type Receipt, appendEntry } from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import { JournalImportError, openJournalStore, peekJournal } from '../src/selling/journal-store.js';

async function file(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'kassa-import-')), 'journal.sqlite');
}

const sale = (n: number): JournalEvent => ({
  kind: 'sale',
  data: { receipt: { kind: 'sale', receiptNumber: n, original: null } as unknown as Receipt },
});

/** A journal made elsewhere: a start, receipts 1..n and a Z report number 1. */
function foreignJournal(receipts: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  const add = (event: JournalEvent, by?: string) => {
    const at = new Date(Date.parse('2026-11-25T08:00:00.000Z') + entries.length * 1000);
    entries.push(appendEntry(entries.at(-1) ?? null, event, at.toISOString(), sha256Hex, by));
  };
  add({ kind: 'register-started', data: { programVersion: '1.0.0' } });
  for (let n = 1; n <= receipts; n++) add(sale(n), 'kalle');
  add({ kind: 'z-report', data: { report: { zNumber: 1 } } } as unknown as JournalEvent, 'maja');
  return entries;
}

describe('importing the server copy of the journal', () => {
  it('takes a verified copy into an empty journal as it is; numbers continue from it', async () => {
    const f = await file();
    const copy = foreignJournal(4);
    const last = copy.at(-1) as JournalEntry;
    const store = openJournalStore(f);
    try {
      store.importEntries(copy, [{ op: 'put', key: 'mark', value: { seq: last.seq } }], last);
      expect(store.entries()).toEqual(copy);
      expect(store.working('mark')).toEqual({ seq: last.seq });
      expect(store.nextNumber('receipt')).toBe(5);
      expect(store.nextNumber('z')).toBe(2);
      const [next] = store.append([{ event: sale(5), by: 'kalle' }], '2026-11-25T09:00:00.000Z');
      expect(next).toMatchObject({ seq: last.seq + 1, prevHash: last.hash });
    } finally {
      store.close();
    }
    // Opened again, the whole chain verifies.
    const again = openJournalStore(f);
    expect(again.head()?.seq).toBe(copy.length + 1);
    again.close();
    expect(peekJournal(f, 'mark')).toEqual({ hasEntries: true, working: { seq: last.seq } });
  });

  it('refuses a journal that has entries, and writes nothing', async () => {
    const store = openJournalStore(await file());
    try {
      store.append([{ event: sale(1) }], '2026-11-25T09:00:00.000Z');
      const before = store.entries();
      expect(() =>
        store.importEntries(foreignJournal(2), [{ op: 'put', key: 'x', value: 1 }]),
      ).toThrow(/^journal-not-empty/);
      expect(store.entries()).toEqual(before);
      expect(store.working('x')).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('refuses a changed entry, a gap and a copy that stops short of the head, writing nothing', async () => {
    const copy = foreignJournal(3);
    const last = copy.at(-1) as JournalEntry;
    const changed = copy.map((e, i) => (i === 2 ? { ...e, by: 'någon annan' } : e));
    const gap = copy.filter((_, i) => i !== 1);
    for (const [entries, head, reason] of [
      [changed, last, 'bad-hash'],
      [gap, last, 'gap'],
      [copy.slice(0, -1), last, 'truncated'],
    ] as const) {
      const f = await file();
      const store = openJournalStore(f);
      try {
        let thrown: unknown = null;
        try {
          store.importEntries(entries, [{ op: 'put', key: 'x', value: 1 }], head);
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(JournalImportError);
        expect((thrown as JournalImportError).reason).toBe('chain-invalid');
        expect((thrown as JournalImportError).detail).toContain(reason);
        expect(store.head()).toBeNull();
        expect(store.working('x')).toBeUndefined();
      } finally {
        store.close();
      }
      expect(peekJournal(f, 'x')).toEqual({ hasEntries: false, working: undefined });
    }
  });

  it('peeks at no file as null, without creating one', async () => {
    const f = await file();
    expect(peekJournal(f, 'x')).toBeNull();
    expect(peekJournal(f, 'x')).toBeNull();
  });
});
