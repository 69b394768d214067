/**
 * A power cut during a payment, with one fsync per sale (docs/adr/0019-one-fsync-per-sale.md).
 *
 * A killed process keeps what it committed (crash.test.ts); a power cut keeps only what was
 * fsync'd. After a power cut the journal file is what it was at the last completed fsync — here
 * the state right after the sale's line was journaled (its commit waits for the fsync), copied
 * aside as the disk held it, database and WAL. The payment then runs for real: its
 * control-unit request is committed without waiting, the simulator registers the number over
 * TCP, the receipt is journaled and printed. The power is then "cut": the service stops, the
 * files are put back as they were at the last fsync, and the PC starts again (the reservation
 * names an earlier start of the PC). The register must give the number up — the unit holds it —
 * and sell on with the next: one number never gets two contents (SKVFS 2014:9 7 kap 1 §).
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptOf, verifyJournal } from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import type { ReceiptResult } from '@kassa/contracts';
import { openJournalStore } from '../src/selling/journal-store.js';
import { startKassaServer, type KassaServer } from './support/kassa-server.js';
import { exportedJournalXml } from './support/register-cli.js';
import { readJournal, startSellingRig, type SellingRig } from './support/selling.js';

let server: KassaServer;

beforeAll(async () => {
  server = await startKassaServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const COFFEE = { barcode: '7310865004703' };
const PAY = { tenders: [{ method: 'card', amount: 3500 }] };
const FILES = ['journal.sqlite', 'journal.sqlite-wal'];

/** The journal's files as the disk holds them now (after an fsync'd commit). */
function copyAside(home: string): string {
  const aside = path.join(home, 'at-last-fsync');
  for (const name of FILES) {
    if (existsSync(path.join(home, name))) {
      copyFileSync(path.join(home, name), path.join(`${aside}-${name}`));
    }
  }
  return aside;
}

/** The power cut: the files put back as they were at the last fsync (no -shm survives). */
function putBack(home: string, aside: string): void {
  for (const name of [...FILES, 'journal.sqlite-shm']) {
    rmSync(path.join(home, name), { force: true });
  }
  for (const name of FILES) {
    if (existsSync(`${aside}-${name}`)) copyFileSync(`${aside}-${name}`, path.join(home, name));
  }
}

/** The PC starts again: the reservation on disk names an earlier start. */
function fromAnEarlierStart(home: string): void {
  const db = new Database(path.join(home, 'journal.sqlite'));
  try {
    const row = db
      .prepare("SELECT value FROM working WHERE key = 'control-unit-reservation'")
      .get() as { value: string } | undefined;
    expect(row, 'the sale reserved its number in the fsync\u2019d line commit').toBeDefined();
    const reservation = JSON.parse(row!.value) as { boot: string };
    expect(reservation.boot).not.toBe('');
    db.prepare("UPDATE working SET value = ? WHERE key = 'control-unit-reservation'").run(
      JSON.stringify({ ...reservation, boot: 'an earlier start of the PC' }),
    );
  } finally {
    db.close();
  }
}

describe('a power cut while paying', () => {
  let rig: SellingRig;

  beforeAll(async () => {
    rig = await startSellingRig({ server });
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('gives up the number the unit registered, journals why, and sells on with the next', async () => {
    // The register's own backoffice, stopped at the cut: a register that stops cleanly uploads
    // its last entries, which a PC whose power is cut cannot do.
    const backoffice = await startKassaServer();
    const cutRig = await startSellingRig({ server: backoffice });
    try {
      await powerCut(cutRig, backoffice);
    } finally {
      await cutRig.close();
    }
  }, 180_000);

  async function powerCut(rig: SellingRig, backoffice: KassaServer): Promise<void> {
    await rig.signIn('kalle', '4711');
    const line = await rig.call('POST', '/local/sale/lines', COFFEE);
    expect(line.status, JSON.stringify(line.body)).toBe(200);
    const aside = copyAside(rig.pc.home);

    const paid = await rig.call<ReceiptResult>('POST', '/local/sale/pay', PAY);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.receiptNumber).toBe(1);
    const registered = () => rig.simulator.signed.map((s) => Number(s.receiptNumber));
    expect(registered()).toEqual([1]);
    const kinds = readJournal(rig).map((e) => e.kind);
    expect(kinds.slice(-3)).toEqual(['control-unit-request', 'sale', 'receipt-printout']);

    await backoffice.close();
    await rig.restart(() => {
      putBack(rig.pc.home, aside);
      fromAnEarlierStart(rig.pc.home);
    });
    // What the disk held: the sale with its line, no request, no receipt.
    const cut = readJournal(rig);
    expect(cut.some((e) => e.kind === 'control-unit-request' || e.kind === 'sale')).toBe(false);

    await rig.signIn('kalle', '4711');
    const sale = await rig.call<{ lines: unknown[] }>('GET', '/local/sale');
    expect(sale.body.lines).toHaveLength(1);
    const again = await rig.call<ReceiptResult>('POST', '/local/sale/pay', PAY);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.receipt.receiptNumber).toBe(2);
    expect(registered()).toEqual([1, 2]);

    const journal = readJournal(rig);
    expect(verifyJournal(journal, sha256Hex).ok).toBe(true);
    const skipped = journal.filter((e) => e.kind === 'receipt-number-skipped');
    expect(skipped.map((e) => e.data)).toEqual([
      { series: 'receipt', receiptNumber: 1, reason: 'restarted-while-reserved' },
    ]);
    const receipts = journal.filter((e) => e.kind === 'sale');
    expect(receipts.map((e) => receiptOf(e)?.receiptNumber)).toEqual([2]);
    // The export says why the number is missing, in words, and stays valid.
    const text = await exportedJournalXml(rig.pc, '2026-11-25');
    expect(text).toContain('Löpnummer överhoppat');
    expect(text).toContain('orsak=restarted-while-reserved; datorn startade om');
    // The next sale takes 3, the fast way again, and nothing more is skipped.
    expect((await rig.call('POST', '/local/sale/lines', COFFEE)).status).toBe(200);
    const third = await rig.call<ReceiptResult>('POST', '/local/sale/pay', PAY);
    expect(third.body.receipt.receiptNumber).toBe(3);
    expect(readJournal(rig).filter((e) => e.kind === 'receipt-number-skipped')).toHaveLength(1);
  }

  it('keeps the number when the register restarts on the same start of the PC', async () => {
    await rig.signIn('kalle', '4711');
    expect((await rig.call('POST', '/local/sale/lines', COFFEE)).status).toBe(200);
    const before = readJournal(rig).filter((e) => e.kind === 'receipt-number-skipped').length;
    // Stopped and started again without a power cut: nothing was lost, nothing is skipped.
    await rig.restart();
    await rig.signIn('kalle', '4711');
    const paid = await rig.call<ReceiptResult>('POST', '/local/sale/pay', PAY);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.receiptNumber).toBe(1);
    expect(readJournal(rig).filter((e) => e.kind === 'receipt-number-skipped')).toHaveLength(
      before,
    );
  }, 120_000);
});

describe('the journal store with commits that do not wait for their fsync', () => {
  it('counts a commit as on disk only once its fsync is done', async () => {
    const dir = path.join(process.env.TMPDIR ?? '/tmp', `kassa-durable-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const store = openJournalStore(path.join(dir, 'journal.sqlite'));
    try {
      await store.untilDurable();
      const first = store.append(
        [{ event: { kind: 'drawer-opened', data: { reason: 'växel' } } }],
        '2026-12-08T09:00:00.000Z',
      );
      expect(store.durableSeq()).toBe(first[0]!.seq);
      const second = store.append(
        [{ event: { kind: 'drawer-opened', data: { reason: 'växel 2' } } }],
        '2026-12-08T09:00:01.000Z',
        [],
        'with-next',
      );
      expect(store.durableSeq()).toBe(first[0]!.seq);
      await store.flushed();
      // Nothing scheduled its fsync: still not counted.
      expect(store.durableSeq()).toBe(first[0]!.seq);
      await store.untilDurable();
      expect(store.durableSeq()).toBe(second[0]!.seq);
      expect(verifyJournal(store.entries(), sha256Hex).ok).toBe(true);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
