import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { type Receipt, type ZReport, ore } from '@kassa/core';
import { SIE_EXPORT_HEADERS } from '@kassa/contracts';
import { setLicence } from '../src/commands/terminals.js';
import { accountingSettings } from '../src/db/schema.js';
import { describeDb, type TestDatabase } from './support/test-db.js';
import { FakeClock, as, createUserAs, signInAs, type Session } from './support/test-app.js';
import { connectedTerminal, type ConnectedTerminal } from './support/connected-terminal.js';
import { type ArticleSpec, JournalBuilder, headerFor } from './support/journal-fixture.js';
import { BOOK, CHEESE, COFFEE, MUG, STAMP } from './support/sample-articles.js';
import {
  type SalesReportRow as ReportRow,
  type ShopWithBranch,
  openShopWithBranch,
  uploadJournal,
} from './support/report-shop.js';

// ---- A small SIE 4I reader, written for this test (independent of @kassa/core) ----

/** The CP437 bytes (IBM code page 437, as published) of the letters this test's texts use. */
const CP437_LETTERS: Record<number, string> = {
  0x84: 'ä',
  0x86: 'å',
  0x8e: 'Ä',
  0x8f: 'Å',
  0x94: 'ö',
  0x99: 'Ö',
  0x82: 'é',
};

/** Decodes CP437 bytes; any other byte above 0x7F, or a control byte but CR LF, is refused. */
function decodeCp437(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x0d || byte === 0x0a || (byte >= 0x20 && byte < 0x7f)) {
      out += String.fromCharCode(byte);
    } else if (CP437_LETTERS[byte] !== undefined) {
      out += CP437_LETTERS[byte];
    } else {
      throw new Error(`unexpected byte 0x${byte.toString(16)}`);
    }
  }
  return out;
}

/** "-199.60" → -19960 öre, without floating point. */
function sieOre(amount: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new Error(`bad amount ${amount}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -value : value;
}

type Token = { quoted: string } | { bare: string } | { list: string[] };

/** Splits a record line into its label and fields: "quoted \" text", bare words, {} lists. */
function tokenize(line: string): { label: string; fields: Token[] } {
  const fields: Token[] = [];
  let i = 0;
  const label = /^#[A-Z]+/.exec(line)?.[0];
  if (!label) throw new Error(`no label: ${line}`);
  i = label.length;
  while (i < line.length) {
    if (line[i] !== ' ') throw new Error(`expected one space at ${i}: ${line}`);
    i += 1;
    if (line[i] === '"') {
      let text = '';
      i += 1;
      for (;;) {
        const c = line[i];
        if (c === undefined) throw new Error(`unterminated text: ${line}`);
        if (c === '\\') {
          const next = line[i + 1];
          if (next !== '"' && next !== '\\') throw new Error(`bad escape: ${line}`);
          text += next;
          i += 2;
        } else if (c === '"') {
          i += 1;
          break;
        } else {
          text += c;
          i += 1;
        }
      }
      fields.push({ quoted: text });
    } else if (line[i] === '{') {
      const end = line.indexOf('}', i);
      if (end < 0) throw new Error(`unterminated list: ${line}`);
      const inner = line.slice(i + 1, end).trim();
      fields.push({ list: inner === '' ? [] : inner.split(' ') });
      i = end + 1;
    } else {
      const end = line.indexOf(' ', i);
      const word = line.slice(i, end < 0 ? line.length : end);
      if (word === '' || /["{}]/.test(word)) throw new Error(`bad field at ${i}: ${line}`);
      fields.push({ bare: word });
      i += word.length;
    }
  }
  return { label, fields };
}

const quoted = (t: Token | undefined): string => {
  if (t === undefined || !('quoted' in t)) throw new Error('expected a quoted field');
  return t.quoted;
};
const bare = (t: Token | undefined): string => {
  if (t === undefined || !('bare' in t)) throw new Error('expected a bare field');
  return t.bare;
};

interface SieVer {
  date: string;
  text: string;
  /** Net amount per account in öre (rows on one account added). */
  amounts: Map<string, number>;
  rows: number;
}
interface SieDoc {
  heads: Map<string, Token[][]>;
  accounts: Map<string, string>;
  vers: SieVer[];
}

/**
 * Reads a SIE 4I file: CP437, CR LF lines, records with quoted/bare/list fields, the mandatory
 * heads, #KONTO for every account used, #VER blocks whose #TRANS carry the #VER's date; checks
 * that every verification sums to exactly 0.00.
 */
function parseSie(bytes: Uint8Array): SieDoc {
  expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]); // no UTF-8 byte order mark
  const text = decodeCp437(bytes);
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) expect(line, 'a bare CR or LF').not.toMatch(/[\r\n]/);
  const heads = new Map<string, Token[][]>();
  const accounts = new Map<string, string>();
  const vers: SieVer[] = [];
  let current: SieVer | null = null;
  let inBlock = false;
  for (const line of lines) {
    if (line === '') {
      expect(inBlock).toBe(false);
      continue;
    }
    if (line === '{') {
      expect(current !== null && !inBlock).toBe(true);
      inBlock = true;
      continue;
    }
    if (line === '}') {
      expect(inBlock).toBe(true);
      inBlock = false;
      if (current) {
        const total = [...current.amounts.values()].reduce((a, b) => a + b, 0);
        expect(total, `${current.text} balances`).toBe(0);
        vers.push(current);
      }
      current = null;
      continue;
    }
    const { label, fields } = tokenize(line);
    if (label === '#TRANS') {
      expect(inBlock, line).toBe(true);
      const account = bare(fields[0]);
      expect(fields[1]).toEqual({ list: [] });
      const amount = sieOre(bare(fields[2]));
      expect(bare(fields[3])).toBe(current?.date);
      quoted(fields[4]);
      if (!current) throw new Error('#TRANS outside #VER');
      current.amounts.set(account, (current.amounts.get(account) ?? 0) + amount);
      current.rows += 1;
      continue;
    }
    expect(inBlock, `${label} inside a #VER block`).toBe(false);
    if (label === '#VER') {
      quoted(fields[0]);
      quoted(fields[1]);
      const date = bare(fields[2]);
      expect(date).toMatch(/^\d{8}$/);
      current = { date, text: quoted(fields[3]), amounts: new Map(), rows: 0 };
    } else if (label === '#KONTO') {
      const number = bare(fields[0]);
      expect(number).toMatch(/^[1-9]\d{3,5}$/);
      expect(accounts.has(number)).toBe(false);
      accounts.set(number, quoted(fields[1]));
    } else {
      heads.set(label, [...(heads.get(label) ?? []), fields]);
    }
  }
  expect(inBlock).toBe(false);
  for (const head of ['#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP', '#FNAMN', '#ORGNR']) {
    expect(heads.get(head), head).toHaveLength(1);
  }
  expect(heads.get('#FORMAT')?.[0]).toEqual([{ bare: 'PC8' }]);
  expect(heads.get('#SIETYP')?.[0]).toEqual([{ bare: '4' }]);
  for (const ver of vers) {
    for (const account of ver.amounts.keys()) expect(accounts.has(account), account).toBe(true);
  }
  return { heads, accounts, vers };
}

// ---- A small CSV reader for Swedish Excel files, written for this test ----

/** Reads `;`-separated UTF-8 with a BOM and CR LF lines; "" inside quotes is one quote. */
function parseCsv(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quotedField = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quotedField) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quotedField = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"' && field === '') {
      quotedField = true;
      i += 1;
    } else if (c === ';') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      expect(c, 'a bare CR, LF or quote').not.toMatch(/[\r\n"]/);
      field += c;
      i += 1;
    }
  }
  for (const r of rows) expect(r.length).toBe(rows[0]?.length);
  return rows;
}

/** "1234,50" / "-35,00" → öre; "" → null. */
function csvOre(text: string): number | null {
  if (text === '') return null;
  const match = /^(-?)(\d+),(\d{2})$/.exec(text);
  if (!match) throw new Error(`bad kronor ${text}`);
  const value = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -value : value;
}

function records(rows: string[][]): Record<string, string>[] {
  const [header = [], ...data] = rows;
  return data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

// ---- The scenario ----

// A text a spreadsheet would take for a formula, with the separator and quotes in it.
const LATTE: ArticleSpec = {
  articleNumber: 'K2',
  text: '=Latte; "stor"',
  vatCategory: 'food',
  price: 4550,
};

const COMPANY = 'Åkes Bokföringsbutik AB';
const PERIOD = { from: '2026-03-01', to: '2026-03-05' };

interface ErrorView {
  error: { code: string; sv: string; en: string; details?: Record<string, unknown> };
}
interface SettingsView {
  accounts: Record<string, { number: string; name: string }>;
  defaults: Record<string, { number: string; name: string }>;
  updatedAt: string | null;
}

describeDb('SIE 4I and CSV exports, and the account plan', () => {
  let shop: ShopWithBranch;
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let manager: Session;
  let host: string;
  let slug: string;
  let tenantId: string;
  let mainPlace: string;
  let branchPlace: string;
  let t1: ConnectedTerminal;
  let t2: ConnectedTerminal;
  /** Every Z taken, with its terminal. */
  const zTaken: { terminalId: string; z: ZReport }[] = [];
  /** Sale and return receipts, by terminal. */
  const receipts: { terminalId: string; receipt: Receipt }[] = [];
  const clock = new FakeClock(new Date('2026-04-02T10:00:00.000Z'));

  const upload = (t: ConnectedTerminal, j: JournalBuilder) =>
    uploadJournal(app, host, t, j.entries, clock.now().getTime());

  beforeAll(async () => {
    shop = await openShopWithBranch(clock, 'bokfor', COMPANY, 3);
    ({ tdb, app, host, slug, tenantId, admin, mainPlace, branchPlace } = shop);
    await createUserAs(app, admin, 'chef', 'manager');
    manager = await signInAs(app, host, 'chef', 'ett-bra-losenord-42');
    t1 = await connectedTerminal(app, admin, mainPlace, 'K1');
    t2 = await connectedTerminal(app, admin, branchPlace, 'K2');

    const keep = (terminalId: string, receipt: Receipt) => {
      receipts.push({ terminalId, receipt });
      return receipt;
    };
    const close = (terminalId: string, j: JournalBuilder, day: string, at: string) => {
      zTaken.push({ terminalId, z: j.closeDay(day, at, 'kim') });
    };

    // K1: a day before the period, two days with money, a day with only a training receipt.
    const j1 = new JournalBuilder(headerFor('K1', COMPANY));
    keep(
      t1.terminalId,
      j1.sell('2026-02-27T10:00:00.000Z', 'kim', [MUG], [{ method: 'card', amount: ore(12900) }]),
    );
    close(t1.terminalId, j1, '2026-02-27', '2026-02-27T18:00:00.000Z');
    // Cash 105,00 + 347 g cheese: 170,90 paid as 171,00 (rounding +0,10).
    const big = keep(
      t1.terminalId,
      j1.sell(
        '2026-03-02T08:00:00.000Z',
        'kim',
        [
          { ...COFFEE, quantity: 3 },
          { ...CHEESE, grams: 347 },
        ],
        [{ method: 'cash', tendered: ore(20_000) }],
      ),
    );
    keep(
      t1.terminalId,
      j1.sell(
        '2026-03-02T09:00:00.000Z',
        'kim',
        [BOOK, STAMP],
        [{ method: 'swish', amount: ore(26_700) }],
      ),
    );
    // Split tender: 164,00 as card 100,00 and cash 64,00.
    keep(
      t1.terminalId,
      j1.sell(
        '2026-03-02T10:00:00.000Z',
        'kim',
        [MUG, COFFEE],
        [
          { method: 'card', amount: ore(10_000) },
          { method: 'cash', tendered: ore(10_000) },
        ],
      ),
    );
    j1.sell('2026-03-02T11:00:00.000Z', 'kim', [BOOK], [{ method: 'card', amount: ore(24_900) }], {
      training: true,
    });
    // Return of two coffees and the cheese in cash: 135,90 refunded as 136,00.
    keep(
      t1.terminalId,
      j1.returnItems(
        '2026-03-02T14:00:00.000Z',
        'kim',
        big,
        [
          { lineNo: 1, quantity: 2 },
          { lineNo: 2, quantity: 347 },
        ],
        [{ method: 'cash' }],
      ),
    );
    close(t1.terminalId, j1, '2026-03-02', '2026-03-02T18:00:00.000Z');
    keep(
      t1.terminalId,
      j1.sell(
        '2026-03-03T12:00:00.000Z',
        'kim',
        [{ ...CHEESE, grams: 1250 }],
        [{ method: 'cash', tendered: ore(30_000) }],
      ),
    );
    close(t1.terminalId, j1, '2026-03-03', '2026-03-03T18:00:00.000Z');
    j1.sell('2026-03-05T09:00:00.000Z', 'kim', [MUG], [{ method: 'card', amount: ore(12_900) }], {
      training: true,
    });
    close(t1.terminalId, j1, '2026-03-05', '2026-03-05T18:00:00.000Z');
    await upload(t1, j1);

    // K2 (the branch): a split of card and Swish, a day with only a card refund, an open day.
    const j2 = new JournalBuilder(headerFor('K2', COMPANY));
    const lattes = keep(
      t2.terminalId,
      j2.sell(
        '2026-03-02T09:30:00.000Z',
        'ola',
        [{ ...LATTE, quantity: 2 }, STAMP],
        [
          { method: 'card', amount: ore(5000) },
          { method: 'swish', amount: ore(5900) },
        ],
      ),
    );
    j2.sell('2026-03-02T09:40:00.000Z', 'ola', [MUG], [{ method: 'card', amount: ore(12_900) }], {
      training: true,
    });
    close(t2.terminalId, j2, '2026-03-02', '2026-03-02T17:00:00.000Z');
    keep(
      t2.terminalId,
      j2.returnItems(
        '2026-03-03T10:00:00.000Z',
        'ola',
        lattes,
        [{ lineNo: 1, quantity: 1 }],
        [{ method: 'card', amount: ore(4550) }],
      ),
    );
    close(t2.terminalId, j2, '2026-03-03', '2026-03-03T17:00:00.000Z');
    keep(t2.terminalId, j2.sell('2026-03-04T10:00:00.000Z', 'ola', [COFFEE], [{ method: 'cash' }]));
    await upload(t2, j2);
  });
  afterAll(() => shop.close());

  async function get(url: string, session: Session = admin): Promise<LightMyRequestResponse> {
    return app.inject({ url, headers: as(session) });
  }
  const sieUrl = (query: Record<string, string>) =>
    `/api/exports/sie?${new URLSearchParams(query).toString()}`;

  async function sie(query: Record<string, string> = PERIOD): Promise<SieDoc> {
    const r = await get(sieUrl(query));
    expect(r.statusCode, r.body).toBe(200);
    return parseSie(r.rawPayload);
  }

  /** The Z-reports a test expects in an export: business day in the period. */
  const zInPeriod = (terminalId?: string) =>
    zTaken.filter(
      ({ z, terminalId: id }) =>
        z.businessDay >= PERIOD.from &&
        z.businessDay <= PERIOD.to &&
        (terminalId === undefined || id === terminalId),
    );

  type Roles = Record<string, string>;
  const DEFAULT_ROLES: Roles = {
    cash: '1910',
    card: '1580',
    swish: '1930',
    'sales-25': '3001',
    'sales-12': '3002',
    'sales-6': '3003',
    'sales-0': '3004',
    'output-vat-25': '2611',
    'output-vat-12': '2621',
    'output-vat-6': '2631',
    rounding: '3740',
  };

  /** What a Z books, account by account, computed here from the Z's own figures. */
  function expectedBooking(z: ZReport, roles: Roles): Map<string, number> {
    const out = new Map<string, number>();
    const add = (role: string, amount: number) => {
      const account = roles[role] ?? '';
      if (amount !== 0) out.set(account, (out.get(account) ?? 0) + amount);
    };
    for (const p of z.payments) add(p.method, p.net);
    for (const v of z.vatPerRate) {
      const pct = String(v.rate / 100);
      add(`sales-${pct}`, 0 - v.net);
      if (v.rate !== 0) add(`output-vat-${pct}`, 0 - v.vat);
    }
    add('rounding', 0 - z.rounding);
    for (const [account, amount] of out) if (amount === 0) out.delete(account);
    return out;
  }

  function verOf(doc: SieDoc, registerId: string, z: ZReport): SieVer | undefined {
    return doc.vers.find(
      (v) => v.text === `Dagskassa ${z.businessDay} kassa ${registerId} Z-rapport ${z.zNumber}`,
    );
  }

  function checkBookings(doc: SieDoc, roles: Roles, terminalId?: string) {
    const withMoney = zInPeriod(terminalId).filter(({ z }) => expectedBooking(z, roles).size > 0);
    expect(doc.vers).toHaveLength(withMoney.length);
    for (const { terminalId: id, z } of withMoney) {
      const registerId = id === t1.terminalId ? 'K1' : 'K2';
      const ver = verOf(doc, registerId, z);
      expect(ver, `${registerId} Z ${z.zNumber}`).toBeDefined();
      expect(ver?.date).toBe(z.businessDay.replaceAll('-', ''));
      // Accounts whose rows cancel out within the verification net to 0 in both.
      const actual = new Map([...(ver?.amounts ?? [])].filter(([, amount]) => amount !== 0));
      expect(actual).toEqual(expectedBooking(z, roles));
    }
  }

  it('exports the period as SIE 4I in CP437: one balanced #VER per Z with money, BAS accounts', async () => {
    const r = await get(sieUrl(PERIOD));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/plain; charset=IBM437');
    expect(r.headers['content-disposition']).toBe(
      'attachment; filename="kassa-bokfor-2026-03-01-2026-03-05.si"',
    );
    expect(r.headers['cache-control']).toBe('no-store');
    // "Åkes Bokföringsbutik AB": Å and ö as CP437 bytes, not UTF-8.
    const bytes = r.rawPayload;
    expect(bytes.includes(Buffer.from([0x22, 0x8f, 0x6b, 0x65, 0x73]))).toBe(true);
    expect(bytes.includes(Buffer.from('ö', 'utf8'))).toBe(false);
    const doc = parseSie(bytes);
    expect(doc.heads.get('#FNAMN')?.[0]).toEqual([{ quoted: COMPANY }]);
    expect(doc.heads.get('#ORGNR')?.[0]).toEqual([{ bare: '559999-0008' }]);
    expect(doc.heads.get('#GEN')?.[0]).toEqual([{ bare: '20260402' }, { quoted: 'Admin bokfor' }]);
    expect(doc.heads.get('#PROGRAM')?.[0]).toEqual([{ quoted: 'Kassa' }, { quoted: '0.0.0-test' }]);

    // K1: 2026-03-02 and 03-03; K2: 03-02 and 03-03 (a refund only); K1's 03-05 (training only)
    // has no #VER; the day before the period and K2's open 03-04 are not in it.
    expect(zInPeriod()).toHaveLength(5);
    expect(doc.vers.map((v) => v.text)).toEqual([
      'Dagskassa 2026-03-02 kassa K1 Z-rapport 2',
      'Dagskassa 2026-03-02 kassa K2 Z-rapport 1',
      'Dagskassa 2026-03-03 kassa K1 Z-rapport 3',
      'Dagskassa 2026-03-03 kassa K2 Z-rapport 2',
    ]);
    expect(r.headers['x-kassa-verifications']).toBe('4');
    expect(r.headers['x-kassa-empty-z-reports']).toBe('1');
    checkBookings(doc, DEFAULT_ROLES);
    expect(doc.accounts.get('1910')).toBe('Kassa');
    expect(doc.accounts.get('3740')).toBe('Öres- och kronutjämning');
    expect([...doc.accounts.keys()].sort()).toEqual(
      [...new Set(doc.vers.flatMap((v) => [...v.amounts.keys()]))].sort(),
    );

    // The refund-only day credits card and debits sales and VAT.
    const refund = doc.vers[3];
    expect(refund?.amounts.get('1580')).toBe(-4550);
    expect(refund?.amounts.get('3002')).toBeGreaterThan(0);
    expect(refund?.amounts.get('2621')).toBeGreaterThan(0);
    expect(refund?.amounts.size).toBe(3);
    // The day with rounding on a sale and on a return: +0,10 and −0,10 cancel; K1 03-03 keeps it.
    const cheeseDay = doc.vers[2];
    expect(cheeseDay?.amounts.get('3740')).toBe(0 - zTaken[2]!.z.rounding);
    expect(zTaken[2]!.z.rounding).not.toBe(0);

    // Totals match the receipts of the closed days, computed from the receipts themselves.
    const closed = new Set(
      zInPeriod().map(({ terminalId, z }) => `${terminalId} ${z.businessDay}`),
    );
    const inZ = receipts.filter(({ terminalId, receipt }) =>
      closed.has(`${terminalId} ${receipt.businessDay}`),
    );
    const sum = (accounts: string[]) =>
      doc.vers.reduce(
        (acc, v) => acc + accounts.reduce((a, account) => a + (v.amounts.get(account) ?? 0), 0),
        0,
      );
    const netOfVat = inZ.reduce(
      (a, { receipt }) => a + receipt.vat.reduce((b, v) => b + v.net, 0),
      0,
    );
    const vat = inZ.reduce((a, { receipt }) => a + receipt.vat.reduce((b, v) => b + v.vat, 0), 0);
    const paid = inZ.reduce(
      (a, { receipt }) => a + receipt.payments.reduce((b, p) => b + p.amount, 0),
      0,
    );
    const rounding = inZ.reduce((a, { receipt }) => a + receipt.rounding, 0);
    expect(sum(['3001', '3002', '3003', '3004'])).toBe(-netOfVat);
    expect(sum(['2611', '2621', '2631'])).toBe(-vat);
    expect(sum(['1910', '1580', '1930'])).toBe(paid);
    expect(sum(['3740'])).toBe(-rounding);

    // And the Z archive's figures (as the API serves them) are what was booked.
    for (const { terminalId, z } of zInPeriod()) {
      const archived = await get(`/api/reports/z/${terminalId}/${z.zNumber}`);
      expect(archived.json<{ report: ZReport }>().report.netTotal).toBe(z.netTotal);
    }
  });

  it('filters by terminal and by place (the terminal’s place)', async () => {
    const k2 = await sie({ ...PERIOD, terminalId: t2.terminalId });
    checkBookings(k2, DEFAULT_ROLES, t2.terminalId);
    expect(k2.vers.every((v) => v.text.includes('kassa K2 '))).toBe(true);
    const branch = await sie({ ...PERIOD, placeId: branchPlace });
    expect(branch.vers.map((v) => v.text)).toEqual(k2.vers.map((v) => v.text));
    const main = await sie({ ...PERIOD, placeId: mainPlace });
    checkBookings(main, DEFAULT_ROLES, t1.terminalId);
    const oneDay = await sie({ from: '2026-03-03', to: '2026-03-03' });
    expect(oneDay.vers.map((v) => v.date)).toEqual(['20260303', '20260303']);
  });

  it('refuses a bad period, an unknown terminal or place, and a period with nothing to book', async () => {
    const refusals: [Record<string, string>, number, string][] = [
      [{ from: '2026-03-05', to: '2026-03-01' }, 400, 'report-period-invalid'],
      [{ from: '2023-01-01', to: '2026-03-01' }, 400, 'report-period-invalid'],
      [{ from: '2026-03-01', to: 'imorgon' }, 400, 'validation-failed'],
      [{ from: '2026-03-01' }, 400, 'validation-failed'],
      [{ ...PERIOD, terminalId: randomUUID() }, 404, 'terminal-not-found'],
      [{ ...PERIOD, terminalId: 'inte-ett-id' }, 404, 'terminal-not-found'],
      [{ ...PERIOD, placeId: randomUUID() }, 404, 'place-of-business-not-found'],
      [{ from: '2026-01-01', to: '2026-01-31' }, 422, 'sie-no-z-reports'],
      [{ from: '2026-03-04', to: '2026-03-04' }, 422, 'sie-no-z-reports'],
      [{ from: '2026-03-05', to: '2026-03-05' }, 422, 'sie-nothing-to-book'],
    ];
    for (const [query, status, code] of refusals) {
      const r = await get(sieUrl(query));
      expect(r.statusCode, JSON.stringify(query)).toBe(status);
      const { error } = r.json<ErrorView>();
      expect(error.code).toBe(code);
      expect(error.sv).not.toMatch(/\{\w+\}/);
      expect(error.en).not.toMatch(/\{\w+\}/);
    }
    const none = await get(sieUrl({ from: '2026-01-01', to: '2026-01-31' }));
    expect(none.json<ErrorView>().error.sv).toContain('2026-01-01–2026-01-31');
    const training = await get(sieUrl({ from: '2026-03-05', to: '2026-03-05' }));
    expect(training.json<ErrorView>().error.sv).toContain('(1 st)');
  });

  it('refuses a company name a SIE file cannot hold, naming the character and the text', async () => {
    const rename = (companyName: string) =>
      app.inject({
        method: 'PATCH',
        url: '/api/environment',
        headers: as(admin),
        payload: { companyName },
      });
    expect((await rename('Åkes Bokföring – €-butiken AB')).statusCode).toBe(200);
    try {
      const r = await get(sieUrl(PERIOD));
      expect(r.statusCode).toBe(422);
      const { error } = r.json<ErrorView>();
      expect(error.code).toBe('sie-character-not-in-cp437');
      expect(error.details).toMatchObject({
        character: '–',
        codePoint: 'U+2013',
        field: 'company-name',
        text: 'Åkes Bokföring – €-butiken AB',
      });
      expect(error.sv).toBe(
        'Tecknet "–" (U+2013) i företagsnamnet "Åkes Bokföring – €-butiken AB" kan inte skrivas i en SIE-fil (teckenuppsättningen PC8, som bokföringsprogrammen läser). Ändra företagsnamnet under Inställningar och exportera igen.',
      );
    } finally {
      expect((await rename(COMPANY)).statusCode).toBe(200);
    }
    expect((await get(sieUrl(PERIOD))).statusCode).toBe(200);
  });

  describe('the account plan', () => {
    const settingsUrl = '/api/settings/accounting';
    const put = (session: Session, payload: object) =>
      app.inject({ method: 'PUT', url: settingsUrl, headers: as(session), payload });

    async function auditCount(): Promise<number> {
      const r = await get('/api/audit-log');
      return r
        .json<{ entries: { action: string }[] }>()
        .entries.filter((e) => e.action === 'accounting.accounts-updated').length;
    }
    async function storedRows(): Promise<number> {
      const [row] = await tdb.database.db
        .select({ n: count() })
        .from(accountingSettings)
        .where(eq(accountingSettings.tenantId, tenantId));
      return row?.n ?? 0;
    }

    it('is the BAS defaults until changed, readable by managers', async () => {
      for (const session of [admin, manager]) {
        const r = await get(settingsUrl, session);
        expect(r.statusCode).toBe(200);
        const body = r.json<SettingsView>();
        expect(body.updatedAt).toBeNull();
        expect(body.accounts).toEqual(body.defaults);
        expect(
          Object.fromEntries(Object.entries(body.accounts).map(([k, a]) => [k, a.number])),
        ).toEqual(DEFAULT_ROLES);
        expect(body.accounts['card']).toEqual({
          number: '1580',
          name: 'Fordringar för kontokort och kuponger',
        });
      }
    });

    it('refuses an invalid plan, a manager and a cashier, and writes nothing', async () => {
      const defaults = (await get(settingsUrl)).json<SettingsView>().defaults;
      const withAccount = (role: string, account: { number: string; name: string }) => ({
        accounts: { ...defaults, [role]: account },
      });
      const cases: [object, number, string, string?][] = [
        [
          withAccount('cash', { number: '0191', name: 'Kassa' }),
          400,
          'sie-account-number-invalid',
          'Kontant betalning',
        ],
        [
          withAccount('card', { number: '15800000', name: 'Kort' }),
          400,
          'sie-account-number-invalid',
          'Kortbetalning',
        ],
        [
          withAccount('sales-25', { number: '3001', name: 'Försäljning €' }),
          400,
          'sie-account-name-invalid',
          'Försäljning 25 % moms',
        ],
        [
          withAccount('rounding', { number: '3740', name: '   ' }),
          400,
          'sie-account-name-invalid',
          'Öresavrundning',
        ],
        [
          withAccount('rounding', { number: '3740', name: 'x'.repeat(101) }),
          400,
          'sie-account-name-invalid',
        ],
        [withAccount('swish', { number: '1910', name: 'Swish' }), 400, 'sie-account-name-conflict'],
        [{ accounts: { ...defaults, cash: undefined } }, 400, 'validation-failed'],
        [
          { accounts: { ...defaults, extra: { number: '1234', name: 'X' } } },
          400,
          'validation-failed',
        ],
        [{ accounts: defaults, more: 1 }, 400, 'validation-failed'],
      ];
      const before = { audit: await auditCount(), rows: await storedRows() };
      for (const [payload, status, code, roleSv] of cases) {
        const r = await put(admin, payload);
        expect(r.statusCode, JSON.stringify(payload)).toBe(status);
        const { error } = r.json<ErrorView>();
        expect(error.code).toBe(code);
        expect(error.sv).not.toMatch(/\{\w+\}/);
        if (roleSv !== undefined) expect(error.sv).toContain(roleSv);
      }
      const refusedManager = await put(manager, { accounts: defaults });
      expect(refusedManager.statusCode).toBe(403);
      expect(refusedManager.json<ErrorView>().error.code).toBe('forbidden-admin-only');
      await createUserAs(app, admin, 'kassor', 'cashier');
      const cashier = await signInAs(app, host, 'kassor', 'ett-bra-losenord-42');
      expect((await get(settingsUrl, cashier)).statusCode).toBe(403);
      expect((await put(cashier, { accounts: defaults })).statusCode).toBe(403);
      expect((await get(sieUrl(PERIOD), cashier)).statusCode).toBe(403);
      expect({ audit: await auditCount(), rows: await storedRows() }).toEqual(before);
      expect((await get(settingsUrl)).json<SettingsView>().updatedAt).toBeNull();
    });

    it('saves a plan (audited), and the SIE file books to it', async () => {
      const defaults = (await get(settingsUrl)).json<SettingsView>().defaults;
      const accounts = {
        ...defaults,
        cash: { number: '1911', name: 'Kassa butiken' },
        swish: { number: '1940', name: 'Swish-konto' },
        'sales-25': { number: '3000', name: 'Försäljning' },
        'sales-12': { number: '3000', name: 'Försäljning' },
        'sales-6': { number: '3000', name: 'Försäljning' },
        'sales-0': { number: '3000', name: 'Försäljning' },
        rounding: { number: '374000', name: 'Öresutjämning "kassa"' },
      };
      const auditBefore = await auditCount();
      const saved = await put(admin, { accounts });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json<SettingsView>()).toEqual({
        accounts,
        defaults,
        updatedAt: clock.now().toISOString(),
      });
      expect((await get(settingsUrl, manager)).json<SettingsView>().accounts).toEqual(accounts);
      expect(await auditCount()).toBe(auditBefore + 1);
      const entry = (await get('/api/audit-log'))
        .json<{ entries: { action: string; details: { changes: { role: string }[] } }[] }>()
        .entries.find((e) => e.action === 'accounting.accounts-updated');
      expect(entry?.details.changes.map((c) => c.role)).toEqual([
        'cash',
        'swish',
        'sales-25',
        'sales-12',
        'sales-6',
        'sales-0',
        'rounding',
      ]);
      // Saving the same plan again changes and logs nothing.
      expect((await put(admin, { accounts })).statusCode).toBe(200);
      expect(await auditCount()).toBe(auditBefore + 1);

      const doc = await sie(PERIOD);
      const roles: Roles = {
        ...DEFAULT_ROLES,
        cash: '1911',
        swish: '1940',
        'sales-25': '3000',
        'sales-12': '3000',
        'sales-6': '3000',
        'sales-0': '3000',
        rounding: '374000',
      };
      checkBookings(doc, roles);
      expect(doc.accounts.get('3000')).toBe('Försäljning');
      expect(doc.accounts.get('374000')).toBe('Öresutjämning "kassa"');
      expect(doc.accounts.has('1910')).toBe(false);
      expect(doc.accounts.has('3001')).toBe(false);

      // Back to the defaults (a plan like any other).
      expect((await put(admin, { accounts: defaults })).statusCode).toBe(200);
      checkBookings(await sie(PERIOD), DEFAULT_ROLES);
    });
  });

  it('exports the sales report as CSV with exactly the rows of the JSON report', async () => {
    for (const groupBy of [
      'day',
      'hour',
      'place',
      'terminal',
      'payment',
      'vat',
      'product',
      'cashier',
    ]) {
      const filters: Record<string, string>[] = [
        {},
        { terminalId: t1.terminalId },
        { placeId: branchPlace },
      ];
      for (const filter of filters) {
        const query = new URLSearchParams({ ...PERIOD, groupBy, ...filter }).toString();
        const json = await get(`/api/reports/sales?${query}`);
        expect(json.statusCode).toBe(200);
        const expected = json.json<{ rows: ReportRow[] }>().rows;
        const r = await get(`/api/exports/sales.csv?${query}`);
        expect(r.statusCode, r.body).toBe(200);
        expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
        expect(r.headers['content-disposition']).toMatch(
          /^attachment; filename="kassa-bokfor-forsaljning-per-[a-z]+-2026-03-01-2026-03-05\.csv"$/,
        );
        const rows = parseCsv(r.rawPayload);
        const header = rows[0] ?? [];
        expect(header.slice(-3 - (groupBy === 'product' ? 2 : 0))).toEqual([
          'Belopp inkl. moms (kr)',
          'Moms (kr)',
          'Belopp exkl. moms (kr)',
          ...(groupBy === 'product' ? ['Kvantitet', 'Enhet'] : []),
        ]);
        const data = rows.slice(1);
        expect(data).toHaveLength(expected.length);
        data.forEach((row, i) => {
          const want = expected[i] as ReportRow;
          const n = row.length - (groupBy === 'product' ? 2 : 0);
          expect(row.slice(n - 5, n - 3).map(Number), `${groupBy} ${want.key}`).toEqual([
            want.count,
            want.returnCount,
          ]);
          expect(row.slice(n - 3, n).map(csvOre)).toEqual([want.gross, want.vat, want.net]);
          const keyCells = row.slice(0, n - 5);
          const shown = (text: string) => (/^[=+\-@]/.test(text) ? `'${text}` : text);
          if (groupBy === 'day') expect(keyCells).toEqual([want.key]);
          if (groupBy === 'hour' || groupBy === 'payment' || groupBy === 'vat')
            expect(keyCells).toEqual([want.label]);
          if (groupBy === 'product') {
            expect(keyCells).toEqual([shown(want.key), shown(want.label)]);
            const [quantity, unit] = row.slice(n);
            expect(unit).toBe(want.unit === 'gram' ? 'kg' : 'st');
            expect(
              want.unit === 'gram'
                ? Number(quantity?.replace(',', '')) // grams as kg with three decimals
                : Number(quantity),
            ).toBe(want.quantity);
          }
          if (groupBy === 'place' || groupBy === 'terminal' || groupBy === 'cashier')
            expect(keyCells).toEqual([want.label, want.key]);
        });
      }
    }
    // The formula-like article text is quoted (it holds ; and ") and neutralised with '.
    const products = await get(
      `/api/exports/sales.csv?${new URLSearchParams({ ...PERIOD, groupBy: 'product' }).toString()}`,
    );
    expect(products.rawPayload.toString('utf8')).toContain('K2;"\'=Latte; ""stor"""');
    const cheese = parseCsv(products.rawPayload).find((row) => row[0] === 'O1');
    expect(cheese?.slice(-2)).toEqual(['1,250', 'kg']); // 347 − 347 + 1250 g
  });

  it('exports the Z-reports of a period as CSV, one row per Z with its key figures', async () => {
    const r = await get('/api/exports/z.csv?from=2026-03-01&to=2026-03-05');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-disposition']).toBe(
      'attachment; filename="kassa-bokfor-z-rapporter-2026-03-01-2026-03-05.csv"',
    );
    const rows = records(parseCsv(r.rawPayload));
    const expected = zInPeriod()
      .map(({ terminalId, z }) => ({ terminalId, z }))
      .sort(
        (a, b) =>
          a.z.businessDay.localeCompare(b.z.businessDay) ||
          a.z.registerId.localeCompare(b.z.registerId),
      );
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const { z } = expected[i]!;
      const rate = (r: number, part: 'net' | 'vat' | 'gross') =>
        z.vatPerRate.filter((v) => v.rate === r).reduce((a, v) => a + v[part], 0);
      const pay = (m: string) =>
        z.payments.filter((p) => p.method === m).reduce((a, p) => a + p.net, 0);
      expect(row['Affärsdag']).toBe(z.businessDay);
      expect(row['Kassa']).toBe(z.registerId);
      expect(row['Terminal']).toBe(`Kassa ${z.registerId}`);
      expect(Number(row['Z-nummer'])).toBe(z.zNumber);
      expect(Number(row['Kvitton'])).toBe(z.receiptCount);
      expect(Number(row['Returkvitton'])).toBe(z.returns.count);
      expect(Number(row['Övningskvitton'])).toBe(z.training.count);
      const money = {
        'Försäljning (kr)': z.salesTotal,
        'Returer (kr)': z.returns.amount,
        'Netto inkl. moms (kr)': z.netTotal,
        'Rabatter (kr)': z.discounts,
        'Försäljning exkl. moms 25 % (kr)': rate(2500, 'net'),
        'Moms 25 % (kr)': rate(2500, 'vat'),
        'Försäljning exkl. moms 12 % (kr)': rate(1200, 'net'),
        'Moms 12 % (kr)': rate(1200, 'vat'),
        'Försäljning exkl. moms 6 % (kr)': rate(600, 'net'),
        'Moms 6 % (kr)': rate(600, 'vat'),
        'Momsfri försäljning (kr)': rate(0, 'gross'),
        'Kontant netto (kr)': pay('cash'),
        'Kort netto (kr)': pay('card'),
        'Swish netto (kr)': pay('swish'),
        'Öresavrundning (kr)': z.rounding,
        'Växelkassa (kr)': z.cashFloat,
        'Förväntad kontantkassa (kr)': z.expectedCash,
        'Övningskvitton (kr)': z.training.amount,
      };
      for (const [column, amount] of Object.entries(money)) {
        expect(csvOre(row[column] ?? 'missing'), `${column} of Z ${z.zNumber}`).toBe(amount);
      }
      expect(row['Räknad kontantkassa (kr)']).toBe('');
      expect(row['Skapad']).toBe(
        `${z.businessDay} ${String(Number(z.producedAt.slice(11, 13)) + 1).padStart(2, '0')}:00`,
      );
    });
    const ofK2 = records(
      parseCsv(
        (await get(`/api/exports/z.csv?from=2026-02-01&to=2026-03-31&terminalId=${t2.terminalId}`))
          .rawPayload,
      ),
    );
    expect(ofK2.map((row) => row['Z-nummer'])).toEqual(['1', '2']);
    const empty = parseCsv(
      (await get('/api/exports/z.csv?from=2026-01-01&to=2026-01-31')).rawPayload,
    );
    expect(empty).toHaveLength(1); // the header only
    expect((await get('/api/exports/z.csv?from=2026-03-05&to=2026-03-01')).statusCode).toBe(400);
    expect(
      (await get(`/api/exports/z.csv?from=2026-03-01&to=2026-03-05&terminalId=${randomUUID()}`))
        .statusCode,
    ).toBe(404);
  });

  it('belongs to the module exports, for admins and managers', async () => {
    const urls = [
      sieUrl(PERIOD),
      '/api/exports/sales.csv?from=2026-03-01&to=2026-03-05',
      '/api/exports/z.csv?from=2026-03-01&to=2026-03-05',
      '/api/settings/accounting',
    ];
    for (const url of urls) expect((await get(url, manager)).statusCode, url).toBe(200);
    const { accounts } = (await get('/api/settings/accounting')).json<SettingsView>();
    await setLicence(tdb.database.db, slug, { modules: ['products', 'reports'] }, clock.now());
    try {
      for (const url of urls) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(403);
        expect(r.json<ErrorView>().error.code).toBe('module-not-licensed');
      }
      const put = await app.inject({
        method: 'PUT',
        url: '/api/settings/accounting',
        headers: as(admin),
        payload: { accounts },
      });
      expect(put.statusCode).toBe(403);
    } finally {
      await setLicence(
        tdb.database.db,
        slug,
        { modules: ['products', 'reports', 'exports'] },
        clock.now(),
      );
    }
  });

  it('leaves the Z-reports of a simulated control unit out of SIE and the Z CSV unless includeSimulated=true', async () => {
    // Before: a simulator-signed day was booked like any other.
    const sieBefore = await get(sieUrl(PERIOD));
    expect(sieBefore.statusCode).toBe(200);
    const verificationsBefore = Number(sieBefore.headers[SIE_EXPORT_HEADERS.verifications]);
    const csvUrl = '/api/exports/z.csv?from=2026-03-01&to=2026-03-05';
    const csvRowsBefore = parseCsv((await get(csvUrl)).rawPayload).length;

    const t3 = await connectedTerminal(app, admin, mainPlace, 'K3');
    const j3 = new JournalBuilder(headerFor('K3', COMPANY), 'SIM-00000000042');
    j3.sell('2026-03-04T10:00:00.000Z', 'kim', [MUG], [{ method: 'card', amount: ore(12_900) }]);
    const z = j3.closeDay('2026-03-04', '2026-03-04T18:00:00.000Z', 'kim');
    expect(z.simulatedReceipts).toBe(1);
    await upload(t3, j3);

    const day = { from: '2026-03-04', to: '2026-03-04', terminalId: t3.terminalId };
    const only = await get(sieUrl(day));
    expect(only.statusCode, only.body).toBe(422);
    expect(only.json<ErrorView>().error).toMatchObject({
      code: 'sie-only-simulated',
      sv: expect.stringContaining('simulerad kontrollenhet') as unknown,
    });
    const asked = await get(sieUrl({ ...day, includeSimulated: 'true' }));
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.headers[SIE_EXPORT_HEADERS.simulatedIncluded]).toBe('1');
    expect(asked.headers[SIE_EXPORT_HEADERS.verifications]).toBe('1');

    const period = await get(sieUrl(PERIOD));
    expect(period.statusCode).toBe(200);
    expect(Number(period.headers[SIE_EXPORT_HEADERS.verifications])).toBe(verificationsBefore);
    expect(period.headers[SIE_EXPORT_HEADERS.simulatedLeftOut]).toBe('1');
    const periodAsked = await get(sieUrl({ ...PERIOD, includeSimulated: 'true' }));
    expect(Number(periodAsked.headers[SIE_EXPORT_HEADERS.verifications])).toBe(
      verificationsBefore + 1,
    );

    const csv = await get(csvUrl);
    expect(parseCsv(csv.rawPayload)).toHaveLength(csvRowsBefore);
    expect(csv.headers[SIE_EXPORT_HEADERS.simulatedLeftOut]).toBe('1');
    const csvAsked = await get(`${csvUrl}&includeSimulated=true`);
    expect(parseCsv(csvAsked.rawPayload)).toHaveLength(csvRowsBefore + 1);
    expect(csvAsked.headers[SIE_EXPORT_HEADERS.simulatedIncluded]).toBe('1');

    // The sales CSV leaves the simulated terminal-day out too, unless asked; the JSON report
    // (the page) includes it and says so.
    const salesCsvUrl = '/api/exports/sales.csv?from=2026-03-01&to=2026-03-31&groupBy=terminal';
    const salesCsvText = (r: LightMyRequestResponse) =>
      parseCsv(r.rawPayload)
        .map((row) => row.join(';'))
        .join('\n');
    const salesDefault = await get(salesCsvUrl);
    expect(salesDefault.statusCode, salesDefault.body).toBe(200);
    expect(salesCsvText(salesDefault)).not.toContain('K3');
    expect(salesCsvText(salesDefault)).toContain('K1');
    const salesAsked = await get(`${salesCsvUrl}&includeSimulated=true`);
    expect(salesCsvText(salesAsked)).toContain('K3');
    const salesJson = await get(
      salesCsvUrl.replace('/api/exports/sales.csv', '/api/reports/sales'),
    );
    expect(salesJson.json<{ rows: { label: string | null; key: string }[] }>().rows.length).toBe(
      parseCsv(salesAsked.rawPayload).length - 1,
    );

    // The backoffice's reports say so: the sales report, the Z list and the Z itself.
    const sales = await get('/api/reports/sales?from=2026-03-04&to=2026-03-04&groupBy=day');
    expect(sales.statusCode, sales.body).toBe(200);
    expect(sales.json<{ simulatedReceipts?: number }>().simulatedReceipts).toBe(1);
    const real = await get(
      `/api/reports/sales?from=2026-03-02&to=2026-03-02&groupBy=day&terminalId=${t1.terminalId}`,
    );
    expect(real.json<{ simulatedReceipts?: number }>().simulatedReceipts).toBeUndefined();
    const list = await get(`/api/reports/z?terminalId=${t3.terminalId}`);
    expect(
      list.json<{ reports: { simulatedReceipts?: number }[] }>().reports[0]?.simulatedReceipts,
    ).toBe(1);
    const one = await get(`/api/reports/z/${t3.terminalId}/${z.zNumber}`);
    expect(one.json<{ report: { simulatedReceipts?: number } }>().report.simulatedReceipts).toBe(1);
  });
});
