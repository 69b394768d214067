/**
 * The journal file on its own (SQLite via node:sqlite): pragmas, the chain across two
 * writers, unique receipt numbers, the working state in the same transaction, read-only opening.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JournalEvent, type Receipt, verifyJournal } from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import { openJournalStore } from '../src/selling/journal-store.js';

const AT = '2026-11-25T10:00:00.000Z';

async function file(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'kassa-journal-')), 'journal.sqlite');
}

function receiptEventNumbered(n: number): JournalEvent {
  const receipt = { kind: 'sale', receiptNumber: n, original: null } as unknown as Receipt;
  return { kind: 'sale', data: { receipt } };
}

describe('the journal store', () => {
  it('uses WAL and synchronous=FULL (2) on its connection', async () => {
    const store = openJournalStore(await file());
    try {
      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
    } finally {
      store.close();
    }
  });

  it('keeps one gapless chain when two stores write to the same file', async () => {
    const f = await file();
    const a = openJournalStore(f);
    const b = openJournalStore(f);
    try {
      for (let i = 0; i < 20; i++) {
        const store = i % 2 === 0 ? a : b;
        store.append(
          [
            {
              event: { kind: 'cash-in', data: { amount: 100 as never, reason: `r${i}` } },
              by: 'kalle',
            },
          ],
          AT,
        );
      }
      const entries = a.entries();
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(verifyJournal(entries, sha256Hex).ok).toBe(true);
      expect(a.head()).toEqual(b.head());
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses a receipt number that is already in its series, writing nothing', async () => {
    const store = openJournalStore(await file());
    try {
      store.append([{ event: receiptEventNumbered(1) }], AT);
      expect(store.nextNumber('receipt')).toBe(2);
      expect(() =>
        store.append([{ event: receiptEventNumbered(1) }], AT, [{ op: 'put', key: 'x', value: 1 }]),
      ).toThrow(/UNIQUE/);
      expect(store.entries()).toHaveLength(1);
      expect(store.working('x')).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('changes working state in the same transaction as the entry', async () => {
    const store = openJournalStore(await file());
    try {
      store.append([{ event: { kind: 'training-switched', data: { training: true } } }], AT, [
        { op: 'put', key: 'training', value: true },
        { op: 'put', key: 'parked:1', value: { a: 1 } },
        { op: 'put', key: 'parked:2', value: { a: 2 } },
      ]);
      expect(store.working('training')).toBe(true);
      expect(store.workingWithPrefix('parked:').map((w) => w.key)).toEqual([
        'parked:1',
        'parked:2',
      ]);
      store.changeWorking([{ op: 'delete', key: 'parked:1' }]);
      expect(store.workingWithPrefix('parked:')).toHaveLength(1);
    } finally {
      store.close();
    }
  });

  it('opens read-only without writing, and refuses to append then', async () => {
    const f = await file();
    const writer = openJournalStore(f);
    writer.append([{ event: { kind: 'cash-float', data: { amount: 5000 as never } } }], AT);
    writer.close();
    const reader = openJournalStore(f, { readonly: true });
    try {
      expect(reader.entries()).toHaveLength(1);
      expect(() =>
        reader.append([{ event: { kind: 'cash-float', data: { amount: 1 as never } } }], AT),
      ).toThrow(/read-only/);
    } finally {
      reader.close();
    }
  });
});
