/**
 * The PC's clock in a real day (docs/domain/receipts-journal-reports.md, "The clock"): set back,
 * jumping while the register runs, or far from the server's. A receipt is never dated before the
 * journal's last entry (so no sale can fall on a day a Z has closed and every day keeps a
 * possible Z); a clock behind the journal or more than 5 minutes from the server's stops
 * selling with a Swedish message, the fault and its end are journaled, and a jump while running
 * is journaled too.
 *
 * Reproduction (the register before this rule): with the clock set back one day after a Z, a
 * sale was accepted on the earlier business day and from then on every Z was refused with
 * `later-day-already-closed`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '@kassa/core';
import type { ReceiptResult } from '@kassa/contracts';
import { readJournal, startSellingRig, type SellingRig } from './support/selling.js';

type ErrorBody = { error: { code: string; sv: string; en: string } };

/** A forward-only clock the test moves: it stands still unless advanced. */
class Monotonic {
  ms = 1_000_000;
  now = (): number => this.ms;
}

const monotonic = new Monotonic();
let rig: SellingRig;

beforeAll(async () => {
  rig = await startSellingRig({ startAt: '2026-11-25T09:00:00Z', monotonic: monotonic.now });
  await rig.signIn('maja', '8080');
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

/** Moves the wall clock and the monotonic clock together (time passing normally). */
function pass(ms: number): void {
  rig.clock.advance(ms);
  monotonic.ms += ms;
}

async function sellCoffee(): Promise<{ status: number; body: ReceiptResult & ErrorBody }> {
  const line = await rig.call<ReceiptResult & ErrorBody>('POST', '/local/sale/lines', {
    articleNumber: 'KAFFE',
  });
  if (line.status !== 200) return line;
  return rig.call<ReceiptResult & ErrorBody>('POST', '/local/sale/pay', {
    tenders: [{ method: 'card', amount: 3500 }],
  });
}

const kinds = (entries: JournalEntry[]) => entries.map((e) => e.kind);

describe('the clock set back', () => {
  it('refuses to sell before the last entry, journals the fault once, and every day keeps its Z', async () => {
    const first = await sellCoffee();
    expect(first.status).toBe(200);
    pass(60_000);
    const z = await rig.call('POST', '/local/reports/z', { countedCash: 0 });
    expect(z.status, JSON.stringify(z.body)).toBe(200);

    // The PC's clock goes back one day (a dead CMOS battery, a wrong manual change).
    const before = readJournal(rig).length;
    rig.clock.advance(-24 * 3_600_000);
    const refused = await sellCoffee();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('clock-behind-journal');
    expect(refused.body.error.sv).toContain('Kassan säljer inte förrän klockan är rätt');
    expect(refused.body.error.sv).toContain('Ställ in tiden automatiskt');
    // Asking again does not journal the same fault twice.
    expect((await sellCoffee()).body.error.code).toBe('clock-behind-journal');
    const afterFault = readJournal(rig);
    // The jump back while running, then the fault (journaled once).
    expect(kinds(afterFault.slice(before))).toEqual(['clock-jumped', 'clock-fault']);
    const fault = afterFault.at(-1)!;
    expect(fault.data).toMatchObject({
      reason: 'behind-journal',
      clock: new Date(rig.clock.epochMs).toISOString(),
    });
    // Dated in journal order, not by the wrong clock.
    expect(Date.parse(fault.at)).toBeGreaterThanOrEqual(Date.parse(afterFault.at(-2)!.at));
    // The POS sees it in the status at once.
    const status = await rig.call<{ problem: { code: string } | null }>('GET', '/local/status');
    expect(status.body.problem?.code).toBe('clock-behind-journal');
    // The backoffice sees it once the journal is uploaded, with what to do.
    await rig.app.kassa.uploadNow();
    const register = JSON.parse(
      await readFile(path.join(rig.pc.home, 'register.json'), 'utf8'),
    ) as {
      terminal: { id: string };
    };
    const view = await rig.server.admin.call<{
      terminal: { warnings: string[]; sync: { problem: { code: string; sv: string } | null } };
    }>('GET', `/api/terminals/${register.terminal.id}`);
    expect(view.body.terminal.warnings).toContain('sync-problem');
    expect(view.body.terminal.sync.problem?.code).toBe('register-clock-fault');
    expect(view.body.terminal.sync.problem?.sv).toContain('Ställ in tiden automatiskt');

    // The clock right again: selling goes on, on the current day, and that day can be closed.
    rig.clock.advance(24 * 3_600_000 + 120_000);
    const sold = await sellCoffee();
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
    expect(sold.body.receipt.receiptNumber).toBe(first.body.receipt.receiptNumber + 1);
    const entries = readJournal(rig);
    expect(kinds(entries)).toContain('clock-restored');
    expect((await rig.call('GET', '/local/status')).body).toMatchObject({ problem: null });
    pass(60_000);
    const closed = await rig.call('POST', '/local/reports/z', { countedCash: 0 });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    // Every entry is dated at or after the one before it.
    const times = readJournal(rig).map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reads a clock a few seconds behind (a time-sync step) as the last entry’s time', async () => {
    pass(60_000);
    expect((await sellCoffee()).status).toBe(200);
    const last = readJournal(rig).at(-1)!;
    rig.clock.advance(-20_000);
    const sold = await sellCoffee();
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
    expect(Date.parse(sold.body.receipt.issuedAt)).toBeGreaterThanOrEqual(Date.parse(last.at));
  });
});

describe('the clock jumping while the register runs', () => {
  it('journals a forward jump of two hours and sells on', async () => {
    pass(60_000);
    expect((await sellCoffee()).status).toBe(200);
    rig.clock.advance(2 * 3_600_000); // the wall clock alone moves
    monotonic.ms += 1000;
    const sold = await sellCoffee();
    expect(sold.status).toBe(200);
    const jump = readJournal(rig).findLast((e) => e.kind === 'clock-jumped');
    expect(jump?.data).toMatchObject({ jumpMs: 2 * 3_600_000 - 1000 });
  });
});

describe('the clock years off (a BIOS reset, a jump while offline)', () => {
  it('does not sell in a year a receipt cannot be exported in', async () => {
    pass(60_000);
    const now = rig.clock.epochMs;
    rig.clock.set('2100-01-01T10:00:00Z');
    const refused = await sellCoffee();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('clock-out-of-range');
    expect(refused.body.error.sv).toContain('utanför åren 2010–2099');
    const fault = readJournal(rig).findLast((e) => e.kind === 'clock-fault');
    expect(fault?.data).toMatchObject({
      reason: 'out-of-range',
      clock: '2100-01-01T10:00:00.000Z',
    });
    expect(Date.parse(fault!.at)).toBeLessThan(Date.parse('2030-01-01T00:00:00Z'));
    rig.clock.epochMs = now + 120_000;
    const sold = await sellCoffee();
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
    expect(sold.body.receipt.issuedAt.startsWith('2026-')).toBe(true);
  });
});

describe('the clock against the server’s', () => {
  it('stops selling while the PC is more than 5 minutes off the server, and says how much', async () => {
    pass(60_000);
    rig.server.clock.offsetMs = 12 * 60_000;
    await rig.app.kassa.syncNow();
    const refused = await sellCoffee();
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('clock-differs-from-server');
    expect(refused.body.error.sv).toContain('12 minuter efter serverns');
    const fault = readJournal(rig).at(-1)!;
    expect(fault).toMatchObject({ kind: 'clock-fault', data: { reason: 'differs-from-server' } });

    rig.server.clock.offsetMs = 0;
    await rig.app.kassa.syncNow();
    const sold = await sellCoffee();
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
  });
});
