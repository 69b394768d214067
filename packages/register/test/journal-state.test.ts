/**
 * The journal's kept state and checkpoint (docs/adr/0012-journal-checkpoint-and-state.md):
 * - what is kept or read by index equals what a scan of every entry computes (random journals);
 * - it survives a restart and a crash (SIGKILL while appending);
 * - a file of the older format is brought up to date once at open;
 * - a rewritten chain, a cut tail or a tampered checkpoint is refused at open; an entry edited in
 *   place below the checkpoint is found by the whole-chain verification (background, doctor --full).
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import {
  type JournalEntry,
  type ReceiptSeries,
  appendEntry,
  buildXReport,
  buildZReport,
  daysNeedingZ,
  finishXReport,
  finishZReport,
  nextReceiptNumber,
  nextZNumber,
  verifyJournal,
} from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkJournalChain } from '../src/doctor/journal-checks.js';
import { watchJournalChain } from '../src/selling/chain-watch.js';
import { ControlUnitLedger } from '../src/selling/control-unit-request.js';
import { controlUnitLedgerEntries, dayReportState } from '../src/selling/journal-reads.js';
import {
  JournalOpenError,
  type JournalStore,
  openJournalStore,
} from '../src/selling/journal-store.js';
import { backlogOf, writeMark } from '../src/sync/upload-mark.js';
import { REGISTER_DIR } from './support/register-cli.js';
import {
  ZONE,
  appendDoubt,
  appendRandomDays,
  appendUnanswered,
  seeded,
} from './support/random-journal.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kassa-journal-state-'));
  file = path.join(dir, 'journal.sqlite');
  const { privateKey } = generateKeyPairSync('ed25519');
  await writeFile(
    path.join(dir, 'device-key.pem'),
    privateKey.export({ type: 'pkcs8', format: 'pem' }),
    { mode: 0o600 },
  );
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SERIES: readonly ReceiptSeries[] = ['receipt', 'copy', 'training', 'pro-forma'];
const IDENTITY = {
  companyName: 'Slumpbutiken AB',
  organisationNumber: '556000-1111',
  registerId: 'R1',
};

function ledgerOf(entries: readonly JournalEntry[]) {
  const ledger = new ControlUnitLedger();
  for (const entry of entries) ledger.see(entry);
  return {
    unanswered: ledger.unanswered(),
    doubt: SERIES.map((s) => {
      const d = ledger.inDoubt(s);
      return d === undefined ? null : { number: d.request.receiptNumber, dayClosed: d.dayClosed };
    }),
  };
}

/** Every piece of kept or indexed state against the same computed over all entries. */
function expectStateMatchesScan(store: JournalStore): void {
  const all = store.entries();
  expect(verifyJournal(all, sha256Hex).ok).toBe(true);
  expect(store.openDays()).toEqual(daysNeedingZ(all, ZONE));
  for (const series of SERIES)
    expect(store.nextNumber(series)).toBe(nextReceiptNumber(all, series));
  expect(store.nextNumber('z')).toBe(nextZNumber(all));
  expect(ledgerOf(controlUnitLedgerEntries(store))).toEqual(ledgerOf(all));
  const context = { identity: IDENTITY, producedAt: all.at(-1)?.at ?? '2026-01-01T00:00:00.000Z' };
  const days = [...new Set(all.map((e) => e.at.slice(0, 10)))];
  for (const day of days) {
    const state = dayReportState(store, day, ZONE);
    expect(finishXReport(state, context)).toEqual(buildXReport(all, day, ZONE, context));
    expect(finishZReport(state, context)).toEqual(buildZReport(all, day, ZONE, context));
  }
  const mark = {
    acknowledgedSeq: Math.floor(all.length / 3),
    acknowledgedHash: null,
    lastUploadAt: null,
    problem: null,
  };
  writeMark(store, mark);
  const backlog = backlogOf(store);
  expect(backlog.pending).toBe(all.filter((e) => e.seq > mark.acknowledgedSeq).length);
  expect(backlog.oldestPendingAt).toBe(all.find((e) => e.seq > mark.acknowledgedSeq)?.at ?? null);
}

describe('the kept state equals a scan of the whole journal', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`random journal ${seed}: open days, numbers, X/Z figures and grand totals, control-unit ledger, backlog`, () => {
      const store = openJournalStore(file);
      try {
        const random = seeded(seed);
        appendRandomDays(store, random, { firstDay: '2026-03-20', days: 12, salesPerDay: 25 });
        if (seed % 3 === 0) appendUnanswered(store, '2026-04-01T10:00:00.000Z');
        else appendDoubt(store, '2026-04-01T10:00:00.000Z', seed % 3 === 1);
        expectStateMatchesScan(store);
      } finally {
        store.close();
      }
    });
  }

  it('over a change to summer time and a day closed late, across a restart', () => {
    let store = openJournalStore(file);
    appendRandomDays(store, seeded(11), { firstDay: '2026-03-27', days: 4, salesPerDay: 15 });
    store.close();
    store = openJournalStore(file, { verifyWholeUpTo: 0 });
    try {
      expect(store.openCheck.verified).toBe('checkpoint');
      appendRandomDays(store, seeded(12), { firstDay: '2026-03-31', days: 3, salesPerDay: 15 });
      expectStateMatchesScan(store);
    } finally {
      store.close();
    }
  });
});

describe('a crash while appending', () => {
  it('leaves the kept state, the checkpoint and the chain agreeing with the entries', async () => {
    const script = path.join(REGISTER_DIR, 'test', 'support', 'append-forever.ts');
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', script, file],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    // Killed once it has appended a few hundred entries, in the middle of whatever it does.
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (seen.includes('day 3')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`append-forever exited ${code}`));
      });
    });
    await new Promise((resolve) => child.once('close', resolve));
    const store = openJournalStore(file, { verifyWholeUpTo: 0 });
    try {
      expect(store.openCheck.verified).toBe('checkpoint');
      expect(store.head()?.seq ?? 0).toBeGreaterThan(100);
      expectStateMatchesScan(store);
      // And it goes on from there.
      appendRandomDays(store, seeded(99), { firstDay: '2026-06-01', days: 2, salesPerDay: 10 });
      expectStateMatchesScan(store);
    } finally {
      store.close();
    }
  });
});

/**
 * The file as the older format left it: no state tables, no kind indexes, and (made before the
 * schema had a version, docs/adr/0016-journal-schema-migrations.md) user_version 0.
 */
function toOlderFormat(): void {
  const db = new Database(file);
  try {
    db.exec(`DROP TABLE journal_state; DROP TABLE journal_open_day;
      DROP INDEX journal_kind; DROP INDEX journal_cu_request; PRAGMA user_version = 0;`);
  } finally {
    db.close();
  }
}

describe('a journal file of the older format', () => {
  it('is verified whole and gets its state built once at open, read-only looks work before that', () => {
    let store = openJournalStore(file);
    appendRandomDays(store, seeded(21), { firstDay: '2026-05-04', days: 6, salesPerDay: 20 });
    const scanned = daysNeedingZ(store.entries(), ZONE);
    store.close();
    toOlderFormat();

    const look = openJournalStore(file, { readonly: true });
    try {
      expect(look.openCheck.verified).toBe('whole');
      expect(look.openDays()).toEqual(scanned);
    } finally {
      look.close();
    }
    store = openJournalStore(file, { verifyWholeUpTo: 0 });
    try {
      expect(store.openCheck).toMatchObject({ verified: 'whole', migrated: true });
      expectStateMatchesScan(store);
    } finally {
      store.close();
    }
    store = openJournalStore(file, { verifyWholeUpTo: 0 });
    try {
      expect(store.openCheck).toMatchObject({ verified: 'checkpoint', migrated: false });
      expect(store.openDays()).toEqual(scanned);
    } finally {
      store.close();
    }
  });

  it('with a broken chain is refused, as before', () => {
    const store = openJournalStore(file);
    appendRandomDays(store, seeded(22), { firstDay: '2026-05-04', days: 2, salesPerDay: 10 });
    store.close();
    toOlderFormat();
    editInPlace(5);
    expect(() => openJournalStore(file)).toThrow(/journal-damaged: entry 5: bad-hash/);
  });
});

/** Changes an entry's time in the file, its hash left as it was (triggers dropped). */
function editInPlace(seq: number): void {
  const db = new Database(file);
  try {
    db.exec('DROP TRIGGER journal_no_update');
    db.prepare("UPDATE journal SET at = '2026-01-01T00:00:00.000Z' WHERE seq = ?").run(seq);
  } finally {
    db.close();
  }
}

/** A journal of a few days, closed: the checkpoint is at its head. */
function filledJournal(): JournalEntry[] {
  const store = openJournalStore(file);
  try {
    appendRandomDays(store, seeded(31), { firstDay: '2026-02-02', days: 4, salesPerDay: 20 });
    return store.entries();
  } finally {
    store.close();
  }
}

function expectRefused(pattern: RegExp): void {
  let thrown: unknown;
  try {
    openJournalStore(file, { verifyWholeUpTo: 0 }).close();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(JournalOpenError);
  expect((thrown as JournalOpenError).code).toBe('journal-damaged');
  expect((thrown as JournalOpenError).message).toMatch(pattern);
  // Read-only looks (kassa status, export, doctor) refuse it too.
  expect(() => openJournalStore(file, { readonly: true, verifyWholeUpTo: 0 })).toThrow(
    JournalOpenError,
  );
}

describe('a tampered journal at open (from its checkpoint)', () => {
  it('rewritten whole with every hash recomputed: another hash at the checkpoint', () => {
    const entries = filledJournal();
    const db = new Database(file);
    try {
      db.exec('DROP TRIGGER journal_no_delete; DELETE FROM journal;');
      const insert = db.prepare(
        'INSERT INTO journal (seq, at, kind, by, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      let last: JournalEntry | null = null;
      for (const e of entries) {
        const by = e.seq === 10 ? 'någon-annan' : e.by;
        last = appendEntry(last, { kind: e.kind, data: e.data } as never, e.at, sha256Hex, by);
        insert.run(
          last.seq,
          last.at,
          last.kind,
          last.by ?? null,
          JSON.stringify(last.data),
          last.prevHash,
          last.hash,
        );
      }
    } finally {
      db.close();
    }
    expectRefused(/rewritten/);
  });

  it('cut at its tail: the checkpoint is beyond the head', () => {
    const entries = filledJournal();
    const db = new Database(file);
    try {
      db.exec('DROP TRIGGER journal_no_delete');
      db.prepare('DELETE FROM journal WHERE seq > ?').run(entries.length - 5);
    } finally {
      db.close();
    }
    expectRefused(/truncated/);
  });

  it('with a checkpoint moved to another entry, or its MAC changed', () => {
    const entries = filledJournal();
    const db = new Database(file);
    const row = db.prepare("SELECT value FROM journal_state WHERE key = 'checkpoint'").get() as {
      value: string;
    };
    const checkpoint = JSON.parse(row.value) as { seq: number; hash: string; mac: string };
    const earlier = entries[entries.length - 10] as JournalEntry;
    db.prepare("UPDATE journal_state SET value = ? WHERE key = 'checkpoint'").run(
      JSON.stringify({ ...checkpoint, seq: earlier.seq, hash: earlier.hash }),
    );
    db.close();
    expectRefused(/checkpoint does not match its key/);

    const again = new Database(file);
    again
      .prepare("UPDATE journal_state SET value = ? WHERE key = 'checkpoint'")
      .run(JSON.stringify({ ...checkpoint, mac: '0'.repeat(64) }));
    again.close();
    expectRefused(/checkpoint does not match its key/);
  });

  it('with another device key (a checkpoint made elsewhere)', async () => {
    filledJournal();
    const { privateKey } = generateKeyPairSync('ed25519');
    await writeFile(
      path.join(dir, 'device-key.pem'),
      privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    expectRefused(/checkpoint does not match its key/);
  });

  it('entries after the checkpoint are verified at open: one edited there is refused', () => {
    const entries = filledJournal();
    // Appended without the key (the checkpoint stays where it was), then one of them edited.
    const store = openJournalStore(file, { checkpointKey: null });
    appendRandomDays(store, seeded(32), { firstDay: '2026-02-10', days: 1, salesPerDay: 5 });
    store.close();
    editInPlace(entries.length + 2);
    expectRefused(new RegExp(`entry ${entries.length + 2}: bad-hash`));
  });
});

describe('an entry edited in place below the checkpoint', () => {
  it('opens from the checkpoint, and the whole-chain verification (background, doctor --full) finds it', async () => {
    filledJournal();
    editInPlace(7);
    const store = openJournalStore(file, { verifyWholeUpTo: 0 });
    try {
      expect(store.openCheck.verified).toBe('checkpoint');
      const progress: number[] = [];
      const result = await store.verifyChain({
        sliceSize: 3,
        onProgress: (done) => progress.push(done),
      });
      expect(result).toEqual({ ok: false, seq: 7, reason: 'bad-hash' });
      expect(progress).toEqual([3, 6]);
      const damage: string[] = [];
      await watchJournalChain(store, (detail) => damage.push(detail));
      expect(damage).toEqual(['entry 7: bad-hash']);
    } finally {
      store.close();
    }
    const line = await checkJournalChain(dir, { full: true });
    expect(line).toMatchObject({ check: 'Journalens kedja', ok: false, code: 'journal-damaged' });
    expect(line?.en).toContain('entry 7: bad-hash');
  });

  it('a sound journal: kassa doctor --full reports progress and the whole chain', async () => {
    const entries = filledJournal();
    const lines: string[] = [];
    const full = await checkJournalChain(dir, { full: true, progress: (l) => lines.push(l) });
    expect(full).toMatchObject({
      ok: true,
      text: `hel (alla ${entries.length} poster kontrollerade)`,
    });
    expect(lines.at(-1)).toBe(
      `Journalens kedja: ${entries.length} av ${entries.length} poster kontrollerade`,
    );
    const quick = await checkJournalChain(dir);
    expect(quick?.ok).toBe(true);
  });
});
