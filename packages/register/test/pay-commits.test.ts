/**
 * The commits of a payment (docs/adr/0013-pay-path-and-its-commits.md): the control-unit request
 * and the receipt wait for their fsync; the printout, which records what already happened at the
 * printer, is committed before the answer with its fsync right after (`durable: 'after'`). Here:
 * such a commit is in the journal at once, in one transaction with its working change, survives
 * its process being killed before the fsync, and leaves the connection at synchronous=FULL for
 * every commit after it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyJournal } from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import { openJournalStore } from '../src/selling/journal-store.js';
import { REGISTER_DIR } from './support/register-cli.js';

const AT = '2026-11-25T10:00:00.000Z';

async function journalFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), 'kassa-pay-commits-')), 'journal.sqlite');
}

describe('a commit whose fsync comes after it', () => {
  it('is journaled at once with its working change, and the next commits wait for fsync again', async () => {
    const store = openJournalStore(await journalFile(), { checkpointKey: null });
    try {
      const [entry] = store.append(
        [{ event: { kind: 'drawer-opened', data: { reason: 'x' } }, by: 'kalle' }],
        AT,
        [{ op: 'put', key: 'printout:sale:1', value: { at: AT } }],
        'after',
      );
      expect(entry?.seq).toBe(1);
      expect(store.head()).toEqual({ seq: 1, hash: entry?.hash });
      expect(store.working('printout:sale:1')).toEqual({ at: AT });
      expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
      await store.flushed();
      store.append([{ event: { kind: 'drawer-opened', data: { reason: 'y' } } }], AT);
      expect(verifyJournal(store.entries(), sha256Hex).ok).toBe(true);
      expect(store.durability().synchronous).toBe(2);
    } finally {
      store.close();
    }
  });

  it('leaves synchronous=FULL when the transaction fails, and nothing of it in the journal', async () => {
    const store = openJournalStore(await journalFile(), { checkpointKey: null });
    try {
      const receipt = { kind: 'sale', receiptNumber: 1, original: null } as never;
      store.append([{ event: { kind: 'sale', data: { receipt } } }], AT);
      expect(() =>
        store.append([{ event: { kind: 'sale', data: { receipt } } }], AT, [], 'after'),
      ).toThrow();
      expect(store.durability().synchronous).toBe(2);
      expect(store.head()?.seq).toBe(1);
    } finally {
      store.close();
    }
  });

  it('survives its process being killed before the fsync', async () => {
    const file = await journalFile();
    const script = path.join(REGISTER_DIR, 'test', 'support', 'append-after-and-die.ts');
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', script, file],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, s) => resolve(s)),
    );
    expect(signal).toBe('SIGKILL');
    const store = openJournalStore(file, { checkpointKey: null });
    try {
      const entries = store.entries();
      expect(entries.map((e) => (e.data as { reason: string }).reason)).toEqual([
        'before',
        'after',
      ]);
      expect(verifyJournal(entries, sha256Hex).ok).toBe(true);
      expect(store.working('printout:sale:1')).toEqual({ at: '2026-11-25T10:00:01.000Z' });
    } finally {
      store.close();
    }
  });
});
