import { createHash } from 'node:crypto';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { negate, ore, sum } from '../money.js';
import type { ZReport } from '../sale/day-figures.js';
import { buildZReport } from '../sale/day-report.js';
import { type JournalEntry, type JournalEvent, receiptEvent } from '../sale/journal.js';
import { appendEntry } from '../sale/journal-chain.js';
import { nextReceiptNumber } from '../sale/receipt-numbering.js';
import { type Receipt, buildReturnReceipt, buildSaleReceipt } from '../sale/receipt.js';
import { PAYMENT_METHODS, type Tender, addLine, createSale, priceSale } from '../sale/sale.js';
import type { VatCategory } from '../vat-category.js';
import { VAT_RATES, splitVatByRate } from '../vat.js';
import { DEFAULT_SIE_ACCOUNT_PLAN, type SieAccountPlan } from './account-plan.js';
import {
  type SieExportInput,
  type SieZReport,
  buildSie4i,
  buildSieFile,
  buildSieVerification,
  sieAmount,
} from './sie-file.js';
import { value } from '../sale/test-shop.js';

// ---------------------------------------------------------------------------------------------
// parseSie: a small SIE 4 reader written for this test, independent of the builder. It decodes
// the bytes as CP437 with iconv-lite, checks the record syntax (labels, fields, quoting, object
// lists, { } blocks), the mandatory records, dates and amounts, that every account used has a
// #KONTO, and that the #TRANS amounts of every #VER sum to exactly 0.00. It throws on any defect.
// ---------------------------------------------------------------------------------------------

interface ParsedTransaction {
  account: string;
  objects: string;
  /** In öre, parsed from the decimal text without floating point. */
  amount: number;
  date?: string;
  text?: string;
}

interface ParsedVerification {
  series: string;
  number: string;
  date: string;
  text: string;
  transactions: ParsedTransaction[];
}

interface ParsedSie {
  flag: string;
  program: { name: string; version: string };
  format: string;
  generated: { date: string; sign?: string };
  sieType: string;
  prosa?: string;
  companyName: string;
  organisationNumber?: string;
  financialYear?: { first: string; last: string };
  accounts: Map<string, string>;
  verifications: ParsedVerification[];
}

type Token = { kind: 'word' | 'quoted' | 'objects'; value: string };

function tokenize(line: string, lineNo: number): Token[] {
  const tokens: Token[] = [];
  const fault = (what: string): Error => new Error(`line ${lineNo}: ${what}: ${line}`);
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      i += 1;
      continue;
    }
    if (c === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const d = line[i];
        if (d === undefined) {
          throw fault('unterminated quoted field');
        }
        if (d === '\\') {
          const escaped = line[i + 1];
          if (escaped !== '"' && escaped !== '\\') {
            throw fault('unknown escape');
          }
          value += escaped;
          i += 2;
          continue;
        }
        i += 1;
        if (d === '"') {
          break;
        }
        value += d;
      }
      if (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
        throw fault('text directly after a quoted field');
      }
      tokens.push({ kind: 'quoted', value });
      continue;
    }
    if (c === '{') {
      const end = line.indexOf('}', i);
      if (end === -1) {
        throw fault('unterminated object list');
      }
      tokens.push({ kind: 'objects', value: line.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    let value = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') {
      const d = line[i] ?? '';
      if (d === '"' || d === '{' || d === '}') {
        throw fault(`stray ${d} in a field`);
      }
      value += d;
      i += 1;
    }
    tokens.push({ kind: 'word', value });
  }
  return tokens;
}

function isSieDate(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (match === null) {
    return false;
  }
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseAmount(text: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (match === null) {
    throw new Error(`not a SIE amount: ${text}`);
  }
  const magnitude = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] === '-' ? -magnitude : magnitude;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function parseSie(bytes: Uint8Array): ParsedSie {
  // Encoding: only CR and LF below 0x20, no DEL; CP437 round-trips byte for byte.
  for (const byte of bytes) {
    if ((byte < 0x20 && byte !== 0x0d && byte !== 0x0a) || byte === 0x7f) {
      throw new Error(`control byte ${byte} in the file`);
    }
  }
  // Every byte is some CP437 character, so UTF-8 cannot be told by decoding alone: a file whose
  // high bytes also form valid UTF-8 (é as C3 A9) was written in the wrong encoding.
  if (bytes.some((byte) => byte >= 0x80) && isValidUtf8(bytes)) {
    throw new Error('the file is UTF-8, not PC8');
  }
  const text = iconv.decode(Buffer.from(bytes), 'cp437');
  if (!Buffer.from(bytes).equals(iconv.encode(text, 'cp437'))) {
    throw new Error('the bytes do not round-trip through CP437');
  }
  if (!text.endsWith('\r\n')) {
    throw new Error('the last line does not end in CR LF');
  }
  const lines = text.slice(0, -2).split('\r\n');
  if (lines.some((line) => line.includes('\r') || line.includes('\n'))) {
    throw new Error('a line break other than CR LF');
  }

  const seen = new Map<string, string[]>();
  const accounts = new Map<string, string>();
  const verifications: ParsedVerification[] = [];
  let open: ParsedVerification | undefined;
  let state: 'header' | 'after-ver' | 'in-ver' | 'between' = 'header';
  let financialYear: ParsedSie['financialYear'];

  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    const fault = (what: string): Error => new Error(`line ${lineNo}: ${what}: ${line}`);
    if (line.trim() === '') {
      if (state === 'after-ver' || state === 'in-ver') {
        throw fault('blank line inside a verification');
      }
      continue;
    }
    if (line === '{') {
      if (state !== 'after-ver') {
        throw fault('{ without #VER');
      }
      state = 'in-ver';
      continue;
    }
    if (line === '}') {
      if (state !== 'in-ver' || open === undefined) {
        throw fault('} without {');
      }
      const total = open.transactions.reduce((acc, t) => acc + t.amount, 0);
      if (total !== 0) {
        throw fault(`verification sums to ${total} öre, not 0.00`);
      }
      if (open.transactions.length === 0) {
        throw fault('verification without #TRANS');
      }
      verifications.push(open);
      open = undefined;
      state = 'between';
      continue;
    }
    const [label, ...fields] = tokenize(line, lineNo);
    if (label === undefined || label.kind !== 'word' || !/^#[A-Z]+$/.test(label.value)) {
      throw fault('a record must start with #LABEL');
    }
    const values = fields.map((f) => f.value);
    const arity = (min: number, max = min): void => {
      if (fields.length < min || fields.length > max) {
        throw fault(`expected ${min}–${max} fields, got ${fields.length}`);
      }
    };
    if (lineNo === 1 && label.value !== '#FLAGGA') {
      throw fault('#FLAGGA must come first');
    }
    if (label.value === '#TRANS') {
      if (state !== 'in-ver' || open === undefined) {
        throw fault('#TRANS outside a verification');
      }
      arity(3, 5);
      const [account, objects, amount, date, transText] = fields;
      if (account?.kind !== 'word' || !/^\d+$/.test(account.value)) {
        throw fault('account number');
      }
      if (objects?.kind !== 'objects') {
        throw fault('object list');
      }
      if (amount?.kind !== 'word') {
        throw fault('amount');
      }
      if (date !== undefined && !isSieDate(date.value)) {
        throw fault('transaction date');
      }
      open.transactions.push({
        account: account.value,
        objects: objects.value,
        amount: parseAmount(amount.value),
        ...(date === undefined ? {} : { date: date.value }),
        ...(transText === undefined ? {} : { text: transText.value }),
      });
      continue;
    }
    if (state === 'after-ver' || state === 'in-ver') {
      throw fault('only #TRANS inside a verification');
    }
    if (label.value === '#VER') {
      arity(4, 6);
      const [series = '', number = '', date = '', verText = ''] = values;
      if (!isSieDate(date)) {
        throw fault('verification date');
      }
      open = { series, number, date, text: verText, transactions: [] };
      state = 'after-ver';
      continue;
    }
    if (state === 'between') {
      throw fault('identification records after the first #VER');
    }
    if (label.value !== '#KONTO' && seen.has(label.value)) {
      throw fault('record repeated');
    }
    seen.set(label.value, values);
    switch (label.value) {
      case '#FLAGGA':
        arity(1);
        break;
      case '#PROGRAM':
        arity(2);
        break;
      case '#FORMAT':
        arity(1);
        if (values[0] !== 'PC8') {
          throw fault('format must be PC8');
        }
        break;
      case '#GEN':
        arity(1, 2);
        if (!isSieDate(values[0] ?? '')) {
          throw fault('generation date');
        }
        break;
      case '#SIETYP':
        arity(1);
        break;
      case '#PROSA':
      case '#FNAMN':
        arity(1);
        break;
      case '#ORGNR':
        arity(1, 3);
        if (!/^\d{6}-\d{4}$/.test(values[0] ?? '')) {
          throw fault('organisation number');
        }
        break;
      case '#RAR': {
        arity(3);
        const [year, first = '', last = ''] = values;
        if (year !== '0' || !isSieDate(first) || !isSieDate(last) || first > last) {
          throw fault('financial year');
        }
        financialYear = { first, last };
        break;
      }
      case '#KONTO': {
        arity(2);
        const [number = '', name = ''] = values;
        if (!/^\d+$/.test(number) || accounts.has(number)) {
          throw fault('account number missing or declared twice');
        }
        accounts.set(number, name);
        break;
      }
      default:
        throw fault('a record this export never writes');
    }
  }
  if (state === 'after-ver' || state === 'in-ver') {
    throw new Error('the file ends inside a verification');
  }
  for (const required of ['#FLAGGA', '#PROGRAM', '#FORMAT', '#GEN', '#SIETYP', '#FNAMN']) {
    if (!seen.has(required)) {
      throw new Error(`${required} is missing`);
    }
  }
  for (const verification of verifications) {
    for (const t of verification.transactions) {
      if (!accounts.has(t.account)) {
        throw new Error(`account ${t.account} has no #KONTO`);
      }
    }
    if (
      financialYear !== undefined &&
      (verification.date < financialYear.first || verification.date > financialYear.last)
    ) {
      throw new Error(`verification dated ${verification.date} outside #RAR`);
    }
  }
  const field = (label: string, index: number): string => seen.get(label)?.[index] ?? '';
  const sign = seen.get('#GEN')?.[1];
  const prosa = seen.get('#PROSA')?.[0];
  const organisationNumber = seen.get('#ORGNR')?.[0];
  return {
    flag: field('#FLAGGA', 0),
    program: { name: field('#PROGRAM', 0), version: field('#PROGRAM', 1) },
    format: field('#FORMAT', 0),
    generated: { date: field('#GEN', 0), ...(sign === undefined ? {} : { sign }) },
    sieType: field('#SIETYP', 0),
    ...(prosa === undefined ? {} : { prosa }),
    companyName: field('#FNAMN', 0),
    ...(organisationNumber === undefined ? {} : { organisationNumber }),
    ...(financialYear === undefined ? {} : { financialYear }),
    accounts,
    verifications,
  };
}

/** Amount per account over a verification's rows, in öre. */
function totalsByAccount(transactions: readonly { account: string; amount: number }[]) {
  const totals: Record<string, number> = {};
  for (const t of transactions) {
    totals[t.account] = (totals[t.account] ?? 0) + t.amount;
  }
  return totals;
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const baseInput = {
  company: { name: 'Kafé Exempel AB', organisationNumber: '5566778899' },
  accountPlan: DEFAULT_SIE_ACCOUNT_PLAN,
  period: { first: '2026-04-01', last: '2026-04-30' },
  program: { name: 'Kassa', version: '0.1.0' },
  generatedOn: '2026-05-02',
} satisfies Omit<SieExportInput, 'zReports'>;

function fileOf(zReports: readonly SieZReport[], change: Partial<SieExportInput> = {}) {
  return value(buildSieFile({ ...baseInput, ...change, zReports }));
}

const CRLF = '\r\n';

/** The worked example: 25 % and 12 %, cash + card + Swish, cash rounded up 0,50. */
const workedZ: SieZReport = {
  registerId: 'K1',
  zNumber: 7,
  businessDay: '2026-04-11',
  // 249,50 at 25 % → VAT 49,90; 112,00 at 12 % → VAT 12,00. Sum 361,50.
  vatPerRate: splitVatByRate([
    { gross: ore(24_950), rate: 2500 },
    { gross: ore(11_200), rate: 1200 },
  ]),
  // Card 200,00 and Swish 61,00; the cash part 100,50 is paid as 101,00.
  payments: [
    { method: 'cash', sales: ore(10_100), returns: ore(0), net: ore(10_100) },
    { method: 'card', sales: ore(20_000), returns: ore(0), net: ore(20_000) },
    { method: 'swish', sales: ore(6100), returns: ore(0), net: ore(6100) },
  ],
  rounding: ore(50),
};

// A tiny register, as in day-report.test.ts: real receipts through the real journal.
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const ZONE = 'Europe/Stockholm';

class Till {
  readonly entries: JournalEntry[] = [];
  constructor(readonly registerId: string) {}
  get identity() {
    return {
      companyName: 'Kafé Exempel AB',
      organisationNumber: '556677-8899',
      registerId: this.registerId,
    };
  }
  append(event: JournalEvent, at: string): void {
    this.entries.push(appendEntry(this.entries.at(-1) ?? null, event, at, sha256));
  }
  sell(
    at: string,
    lines: readonly { price: number; category: VatCategory }[],
    tenders: Tender[],
    training = false,
  ): Receipt {
    const businessDay = at.slice(0, 10);
    let sale = createSale(businessDay, 'eat-in');
    lines.forEach((line, index) => {
      sale = value(
        addLine(sale, {
          lineId: String(index + 1),
          articleNumber: String(index + 1),
          text: `Vara ${index + 1}`,
          itemType: 'good',
          vatCategory: line.category,
          pricing: { unit: 'piece', unitPrice: ore(line.price), quantity: 1 },
        }),
      );
    });
    const header = {
      ...this.identity,
      placeOfSaleAddress: 'Storgatan 1',
      delivery: 'paper' as const,
    };
    const series = training ? 'training' : 'receipt';
    const receipt = value(
      buildSaleReceipt(
        { header, receiptNumber: nextReceiptNumber(this.entries, series), issuedAt: at },
        value(priceSale(sale)),
        tenders,
        { training },
      ),
    );
    this.append(receiptEvent(receipt), at);
    return receipt;
  }
  giveBack(at: string, original: Receipt, lineNos: number[], refunds: Tender[]): Receipt {
    const header = {
      ...this.identity,
      placeOfSaleAddress: 'Storgatan 1',
      delivery: 'paper' as const,
    };
    const receipt = value(
      buildReturnReceipt(
        {
          header,
          receiptNumber: nextReceiptNumber(this.entries, 'receipt'),
          issuedAt: at,
          businessDay: at.slice(0, 10),
        },
        original,
        [],
        lineNos.map((lineNo) => ({ lineNo, quantity: 1 })),
        refunds,
      ),
    );
    this.append(receiptEvent(receipt), at);
    return receipt;
  }
  z(businessDay: string, producedAt: string): ZReport {
    const report = value(
      buildZReport(this.entries, businessDay, ZONE, { identity: this.identity, producedAt }),
    );
    this.append({ kind: 'z-report', data: { report } }, producedAt);
    return report;
  }
}

/**
 * Two registers, three Z-reports: K1 on 11 April (two VAT rates and a third, split tender, cash
 * rounded up and down, a return, a training receipt, float and cash out), K2 the same day, and K1
 * on 12 April with only a return (refunded by card).
 */
function realDays(): { zReports: ZReport[]; training: Receipt } {
  const k1 = new Till('K1');
  k1.append({ kind: 'cash-float', data: { amount: ore(50_000) } }, '2026-04-11T06:00:00Z');
  // 35,00 (25 %) + 89,50 (restaurant, 12 %) = 124,50 in cash → 125,00 (+0,50).
  const first = k1.sell(
    '2026-04-11T08:00:00Z',
    [
      { price: 3500, category: 'standard' },
      { price: 8950, category: 'restaurant' },
    ],
    [{ method: 'cash', tendered: ore(20_000) }],
  );
  // 45,90 (25 %) + 30,00 (food eaten in → 12 %) = 75,90: card 50,00, cash 25,90 → 26,00 (+0,10).
  const second = k1.sell(
    '2026-04-11T09:00:00Z',
    [
      { price: 4590, category: 'standard' },
      { price: 3000, category: 'food' },
    ],
    [
      { method: 'card', amount: ore(5000) },
      { method: 'cash', tendered: ore(3000) },
    ],
  );
  // 19,20 (6 %) in cash → 19,00 (−0,20).
  k1.sell('2026-04-11T10:00:00Z', [{ price: 1920, category: 'reduced' }], [{ method: 'cash' }]);
  // 55,00 (0 %) by Swish.
  k1.sell(
    '2026-04-11T11:00:00Z',
    [{ price: 5500, category: 'exempt' }],
    [{ method: 'swish', amount: ore(5500) }],
  );
  const training = k1.sell(
    '2026-04-11T12:00:00Z',
    [{ price: 99_900, category: 'standard' }],
    [{ method: 'card', amount: ore(99_900) }],
    true,
  );
  // The 89,50 line of the first sale back in cash: 90,00 paid out (−0,50 on the return).
  k1.giveBack('2026-04-11T13:00:00Z', first, [2], [{ method: 'cash' }]);
  k1.append(
    { kind: 'cash-out', data: { amount: ore(20_000), reason: 'bank' } },
    '2026-04-11T14:00:00Z',
  );
  const z1 = k1.z('2026-04-11', '2026-04-11T18:00:00Z');

  const k2 = new Till('K2');
  k2.sell(
    '2026-04-11T09:30:00Z',
    [{ price: 12_345, category: 'standard' }],
    [{ method: 'cash', tendered: ore(15_000) }],
  );
  const z2 = k2.z('2026-04-11', '2026-04-11T18:30:00Z');

  // 12 April: only the 30,00 food line of the second sale back, refunded by card.
  k1.giveBack('2026-04-12T10:00:00Z', second, [2], [{ method: 'card', amount: ore(3000) }]);
  const z3 = k1.z('2026-04-12', '2026-04-12T18:00:00Z');
  return { zReports: [z3, z2, z1], training };
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

describe('buildSie4i', () => {
  it('writes the worked example exactly', () => {
    const built = value(buildSie4i({ ...baseInput, zReports: [workedZ] }));
    expect(built.text).toBe(
      [
        '#FLAGGA 0',
        '#PROGRAM "Kassa" "0.1.0"',
        '#FORMAT PC8',
        '#GEN 20260502',
        '#SIETYP 4',
        '#PROSA "Dagskassor från Kassa 2026-04-01 till 2026-04-30"',
        '#FNAMN "Kafé Exempel AB"',
        '#ORGNR 556677-8899',
        '#KONTO 1580 "Fordringar för kontokort och kuponger"',
        '#KONTO 1910 "Kassa"',
        '#KONTO 1930 "Företagskonto/checkkonto/affärskonto"',
        '#KONTO 2611 "Utgående moms på försäljning inom Sverige, 25 %"',
        '#KONTO 2621 "Utgående moms på försäljning inom Sverige, 12 %"',
        '#KONTO 3001 "Försäljning inom Sverige, 25 % moms"',
        '#KONTO 3002 "Försäljning inom Sverige, 12 % moms"',
        '#KONTO 3740 "Öres- och kronutjämning"',
        '',
        '#VER "" "" 20260411 "Dagskassa 2026-04-11 kassa K1 Z-rapport 7"',
        '{',
        '#TRANS 1910 {} 101.00 20260411 "Kontant"',
        '#TRANS 1580 {} 200.00 20260411 "Kort"',
        '#TRANS 1930 {} 61.00 20260411 "Swish"',
        '#TRANS 3001 {} -199.60 20260411 "Försäljning 25 % moms"',
        '#TRANS 3002 {} -100.00 20260411 "Försäljning 12 % moms"',
        '#TRANS 2611 {} -49.90 20260411 "Utgående moms 25 %"',
        '#TRANS 2621 {} -12.00 20260411 "Utgående moms 12 %"',
        '#TRANS 3740 {} -0.50 20260411 "Öresavrundning"',
        '}',
      ]
        .map((line) => line + CRLF)
        .join(''),
    );
    expect(built.verifications).toHaveLength(1);
    expect(built.emptyZReports).toEqual([]);
  });

  it('writes #RAR, the #GEN sign and the series when given', () => {
    const file = fileOf([workedZ], {
      financialYear: { first: '2026-01-01', last: '2026-12-31' },
      generatedBy: 'Anna Ek',
      series: 'K',
    });
    const parsed = parseSie(file.bytes);
    expect(parsed.financialYear).toEqual({ first: '20260101', last: '20261231' });
    expect(parsed.generated).toEqual({ date: '20260502', sign: 'Anna Ek' });
    expect(parsed.verifications.map((v) => [v.series, v.number])).toEqual([['K', '']]);
  });

  it('books real Z-reports so that the test parser reads every verification back at 0.00', () => {
    const { zReports } = realDays();
    const file = fileOf(zReports);
    const parsed = parseSie(file.bytes);

    expect(parsed).toMatchObject({
      flag: '0',
      format: 'PC8',
      sieType: '4',
      program: { name: 'Kassa', version: '0.1.0' },
      generated: { date: '20260502' },
      companyName: 'Kafé Exempel AB',
      organisationNumber: '556677-8899',
    });
    // Encoding: "Kafé" is 0x82 for é in CP437, and no UTF-8 sequence is in the file.
    expect([...file.bytes.subarray(0, 200)]).toContain(0x82);
    expect(Buffer.from(file.bytes).includes(Buffer.from('é', 'utf8'))).toBe(false);

    // Ordered by day, register, Z number: K1 Z1 and K2 Z1 on the 11th, K1 Z2 on the 12th.
    expect(parsed.verifications.map((v) => [v.date, v.text])).toEqual([
      ['20260411', 'Dagskassa 2026-04-11 kassa K1 Z-rapport 1'],
      ['20260411', 'Dagskassa 2026-04-11 kassa K2 Z-rapport 1'],
      ['20260412', 'Dagskassa 2026-04-12 kassa K1 Z-rapport 2'],
    ]);
    const [k1, k2, k1Returns] = parsed.verifications.map((v) => totalsByAccount(v.transactions));

    // K1 on the 11th. Cash: 125,00 + 26,00 + 19,00 − 90,00 = 80,00; card 50,00; Swish 55,00.
    // 25 %: 35,00 + 45,90 = 80,90 → VAT 16,18; 12 %: 89,50 + 30,00 − 89,50 = 30,00 → VAT 3,21;
    // 6 %: 19,20 → VAT 1,09; 0 %: 55,00. Rounding +0,50 +0,10 −0,20 −0,50 = −0,10.
    // Not booked: the float, the 200,00 cash out and the 999,00 training receipt.
    expect(k1).toEqual({
      '1910': 8000,
      '1580': 5000,
      '1930': 5500,
      '3001': -(8090 - 1618),
      '3002': -(3000 - 321),
      '3003': -(1920 - 109),
      '3004': -5500,
      '2611': -1618,
      '2621': -321,
      '2631': -109,
      '3740': 10,
    });
    // K2: 123,45 in cash → 123,00 (−0,45).
    expect(k2).toEqual({ '1910': 12_300, '3001': -(12_345 - 2469), '2611': -2469, '3740': 45 });
    // K1 on the 12th: only a 30,00 return at 12 % refunded by card: every sign turns.
    expect(k1Returns).toEqual({ '1580': -3000, '3002': 3000 - 321, '2621': 321 });

    // Every account used is declared once, with the plan's name.
    expect([...parsed.accounts.keys()]).toEqual([
      '1580',
      '1910',
      '1930',
      '2611',
      '2621',
      '2631',
      '3001',
      '3002',
      '3003',
      '3004',
      '3740',
    ]);
    expect(parsed.accounts.get('3740')).toBe('Öres- och kronutjämning');
  });

  it('agrees with the Z figures it was given, account by account', () => {
    const { zReports } = realDays();
    const built = fileOf(zReports);
    for (const verification of built.verifications) {
      const z = zReports.find(
        (r) => r.registerId === verification.registerId && r.zNumber === verification.zNumber,
      );
      if (z === undefined) {
        throw new Error('verification without its Z');
      }
      const totals = totalsByAccount(verification.transactions);
      for (const p of z.payments) {
        expect(totals[DEFAULT_SIE_ACCOUNT_PLAN[p.method].number] ?? 0).toBe(p.net);
      }
      expect(totals['3740'] ?? 0).toBe(negate(z.rounding));
      expect(sum(verification.transactions.map((t) => t.amount))).toBe(0);
    }
  });

  it('never books a training receipt', () => {
    const { zReports, training } = realDays();
    const z1 = zReports.find((z) => z.registerId === 'K1' && z.zNumber === 1);
    expect(z1?.training).toEqual({ count: 1, amount: training.total });
    const withTraining = value(buildSieVerification(z1 as ZReport, DEFAULT_SIE_ACCOUNT_PLAN));
    const amounts = withTraining.transactions.map((t) => Math.abs(t.amount));
    expect(amounts).not.toContain(training.total);
    expect(sum(withTraining.transactions.filter((t) => t.amount > 0).map((t) => t.amount))).toBe(
      8000 + 5000 + 5500 + 10, // cash, card, Swish, and the rounding debit: no 999,00
    );
  });

  it('leaves out a Z-report without money and says so', () => {
    const empty: SieZReport = {
      registerId: 'K3',
      zNumber: 4,
      businessDay: '2026-04-11',
      vatPerRate: [],
      payments: [],
      rounding: ore(0),
    };
    const file = fileOf([empty]);
    expect(file.verifications).toEqual([]);
    expect(file.emptyZReports).toEqual([{ registerId: 'K3', zNumber: 4 }]);
    const parsed = parseSie(file.bytes);
    expect(parsed.verifications).toEqual([]);
    expect(parsed.accounts.size).toBe(0);
  });

  it('quotes and escapes texts so they read back exactly', () => {
    const name = 'Kafé "Hörnan" AB \\ filial';
    const plan: SieAccountPlan = {
      ...DEFAULT_SIE_ACCOUNT_PLAN,
      cash: { number: '19101', name: 'Kassa "disk 1"' },
    };
    const file = fileOf([{ ...workedZ, registerId: 'Bar "Norr"' }], {
      company: { name, organisationNumber: '556677-8899' },
      accountPlan: plan,
    });
    const parsed = parseSie(file.bytes);
    expect(parsed.companyName).toBe(name);
    expect(parsed.accounts.get('19101')).toBe('Kassa "disk 1"');
    expect(parsed.verifications[0]?.text).toBe('Dagskassa 2026-04-11 kassa Bar "Norr" Z-rapport 7');
  });

  it('books to the environment’s own accounts', () => {
    const sales = { number: '3000', name: 'Försäljning' };
    const plan: SieAccountPlan = {
      ...DEFAULT_SIE_ACCOUNT_PLAN,
      card: { number: '1581', name: 'Kortinlösen' },
      swish: { number: '1581', name: 'Kortinlösen' },
      sales: { 2500: sales, 1200: sales, 600: sales, 0: sales },
    };
    const parsed = parseSie(fileOf([workedZ], { accountPlan: plan }).bytes);
    expect(parsed.accounts).toEqual(
      new Map([
        ['1581', 'Kortinlösen'],
        ['1910', 'Kassa'],
        ['2611', 'Utgående moms på försäljning inom Sverige, 25 %'],
        ['2621', 'Utgående moms på försäljning inom Sverige, 12 %'],
        ['3000', 'Försäljning'],
        ['3740', 'Öres- och kronutjämning'],
      ]),
    );
    expect(totalsByAccount(parsed.verifications[0]?.transactions ?? [])).toEqual({
      '1910': 10_100,
      '1581': 26_100,
      '3000': -29_960,
      '2611': -4990,
      '2621': -1200,
      '3740': -50,
    });
  });

  describe('refusals', () => {
    const refusal = (change: Partial<SieExportInput>) =>
      buildSieFile({ ...baseInput, zReports: [workedZ], ...change });

    it('refuses a text CP437 cannot hold, rather than writing "?"', () => {
      expect(
        refusal({ company: { name: 'Café € AB', organisationNumber: '556677-8899' } }),
      ).toEqual({
        ok: false,
        code: 'sie-character-not-in-cp437',
        character: '€',
        codePoint: 'U+20AC',
        line: 7,
        column: 14,
      });
      expect(refusal({ zReports: [{ ...workedZ, registerId: 'Kassa–1' }] })).toMatchObject({
        ok: false,
        code: 'sie-character-not-in-cp437',
        character: '–',
      });
    });

    it('refuses a Z-report that does not balance, naming it and the difference', () => {
      const broken = { ...workedZ, rounding: ore(40) };
      expect(refusal({ zReports: [broken] })).toEqual({
        ok: false,
        code: 'sie-verification-unbalanced',
        registerId: 'K1',
        zNumber: 7,
        difference: 10,
      });
      // VAT at 0 % cannot be booked: it shows as an unbalanced Z, never as a silent loss.
      const zeroRateVat = {
        ...workedZ,
        vatPerRate: [
          ...workedZ.vatPerRate,
          { rate: 0 as const, gross: ore(0), vat: ore(5), net: ore(-5) },
        ],
      };
      expect(refusal({ zReports: [zeroRateVat] })).toMatchObject({
        code: 'sie-verification-unbalanced',
        difference: 5,
      });
    });

    it.each<[string, Partial<SieExportInput>, Record<string, unknown>]>([
      [
        'a Z-report outside the period',
        { period: { first: '2026-04-12', last: '2026-04-30' } },
        {
          code: 'sie-z-report-outside-period',
          registerId: 'K1',
          zNumber: 7,
          businessDay: '2026-04-11',
        },
      ],
      [
        'the same Z-report twice',
        { zReports: [workedZ, { ...workedZ }] },
        { code: 'sie-z-report-duplicate', registerId: 'K1', zNumber: 7 },
      ],
      [
        'a period that ends before it starts',
        { period: { first: '2026-04-30', last: '2026-04-01' } },
        { code: 'sie-period-invalid' },
      ],
      [
        'a period with an impossible date',
        { period: { first: '2026-02-30', last: '2026-03-01' } },
        { code: 'sie-period-invalid' },
      ],
      [
        'a financial year that does not hold the period',
        { financialYear: { first: '2026-04-05', last: '2027-04-04' } },
        { code: 'sie-financial-year-invalid' },
      ],
      ['a bad generation date', { generatedOn: '2026-5-2' }, { code: 'sie-generated-on-invalid' }],
      [
        'a wrong organisation number',
        { company: { name: 'Kafé Exempel AB', organisationNumber: '556677-8898' } },
        { code: 'sie-organisation-number-invalid', input: '556677-8898' },
      ],
      [
        'a line break in the company name',
        { company: { name: 'Kafé\r\n#FNAMN "X"', organisationNumber: '556677-8899' } },
        { code: 'sie-text-invalid', field: 'company-name' },
      ],
      [
        'a blank company name',
        { company: { name: '  ', organisationNumber: '556677-8899' } },
        { code: 'sie-text-invalid', field: 'company-name' },
      ],
      ['a tab in the series', { series: 'A\tB' }, { code: 'sie-text-invalid', field: 'series' }],
      [
        'a blank register id',
        { zReports: [{ ...workedZ, registerId: '' }] },
        { code: 'sie-register-id-invalid' },
      ],
      [
        'an invalid account plan',
        { accountPlan: { ...DEFAULT_SIE_ACCOUNT_PLAN, rounding: { number: '37', name: 'Ö' } } },
        { code: 'sie-account-number-invalid', role: 'rounding' },
      ],
    ])('refuses %s', (_name, change, expected) => {
      expect(refusal(change)).toMatchObject({ ok: false, ...expected });
    });
  });
});

describe('the test parser', () => {
  // The parser must be able to fail, or the tests above prove nothing.
  const good = fileOf([workedZ]).text;
  const bytes = (text: string): Uint8Array => iconv.encode(text, 'cp437');

  it.each<[string, string]>([
    ['an unbalanced verification', good.replace('#TRANS 3740 {} -0.50', '#TRANS 3740 {} -0.40')],
    ['an amount with a comma', good.replace('101.00', '101,00')],
    ['an unterminated quote', good.replace('"Kassa"', '"Kassa')],
    ['a stray quote', good.replace('#FORMAT PC8', '#FORMAT PC"8')],
    ['an account without #KONTO', good.replace('#KONTO 3740 "Öres- och kronutjämning"\r\n', '')],
    ['a missing #FNAMN', good.replace(/#FNAMN [^\r]*\r\n/, '')],
    ['LF line ends', good.replaceAll('\r\n', '\n')],
    ['an impossible date', good.replace('#GEN 20260502', '#GEN 20260230')],
    ['a missing brace', good.replace('}\r\n', '')],
  ])('rejects %s', (_name, text) => {
    expect(() => parseSie(bytes(text))).toThrow();
  });

  it('rejects UTF-8 bytes', () => {
    expect(() => parseSie(new TextEncoder().encode(good))).toThrow('UTF-8');
    expect(() => parseSie(Uint8Array.from([...bytes(good), 0x00]))).toThrow();
  });
});

describe('sieAmount', () => {
  it('writes kronor with a decimal point and two decimals', () => {
    expect([0, 5, -5, 50, 100, -199_60, 123_456_789].map((n) => sieAmount(ore(n)))).toEqual([
      '0.00',
      '0.05',
      '-0.05',
      '0.50',
      '1.00',
      '-199.60',
      '1234567.89',
    ]);
  });

  it('reads back to the same öre for any amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.boolean(), (n, negative) => {
        const amount = ore(negative ? -n : n);
        expect(parseAmount(sieAmount(amount))).toBe(amount);
      }),
    );
  });
});

describe('property: consistent Z figures always balance', () => {
  // Figures as a day produces them: gross per rate (net of returns, any sign), a total rounding,
  // and payments per method that settle Σ gross + rounding, each with sales and returns ≥ 0.
  const anyZ = fc
    .record({
      registerId: fc.constantFrom('K1', 'K2', 'Bar 3', 'Kassa "Väst"'),
      day: fc.integer({ min: 1, max: 30 }),
      grossByRate: fc
        .subarray([...VAT_RATES])
        .chain((rates) =>
          fc.tuple(
            ...rates.map((rate) =>
              fc
                .integer({ min: -5_000_000, max: 20_000_000 })
                .map((gross) => ({ rate, gross: ore(gross) })),
            ),
          ),
        ),
      rounding: fc.integer({ min: -5000, max: 5000 }),
      card: fc.integer({ min: -1_000_000, max: 10_000_000 }),
      swish: fc.integer({ min: -1_000_000, max: 10_000_000 }),
      returns: fc.tuple(
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
        fc.nat({ max: 1_000_000 }),
      ),
    })
    .map(({ registerId, day, grossByRate, rounding, card, swish, returns }) => {
      const total = sum(grossByRate.map((l) => l.gross)) + rounding;
      const nets = { cash: total - card - swish, card, swish };
      const payments = PAYMENT_METHODS.map((method, i) => {
        const net = nets[method];
        const back = Math.max(0, -net) + (returns[i] ?? 0);
        return { method, sales: ore(net + back), returns: ore(back), net: ore(net) };
      });
      return {
        registerId,
        businessDay: `2026-04-${String(day).padStart(2, '0')}`,
        vatPerRate: splitVatByRate(grossByRate),
        payments,
        rounding: ore(rounding),
      };
    });

  it('gives verifications that sum to 0.00 and carry the figures to the right accounts', () => {
    fc.assert(
      fc.property(fc.array(anyZ, { maxLength: 8 }), (figures) => {
        const zReports: SieZReport[] = figures.map((f, i) => ({ ...f, zNumber: i + 1 }));
        const file = fileOf(zReports);
        const parsed = parseSie(file.bytes);
        expect(parsed.verifications.length + file.emptyZReports.length).toBe(zReports.length);

        const expected: Record<string, number> = {};
        const book = (account: string, amount: number): void => {
          expected[account] = (expected[account] ?? 0) + amount;
        };
        for (const z of zReports) {
          for (const p of z.payments) {
            book(DEFAULT_SIE_ACCOUNT_PLAN[p.method].number, p.net);
          }
          for (const row of z.vatPerRate) {
            book(DEFAULT_SIE_ACCOUNT_PLAN.sales[row.rate].number, negate(row.net));
            if (row.rate !== 0) {
              book(DEFAULT_SIE_ACCOUNT_PLAN.outputVat[row.rate].number, negate(row.vat));
            }
          }
          book('3740', negate(z.rounding));
        }
        const booked = totalsByAccount(parsed.verifications.flatMap((v) => v.transactions));
        for (const [account, amount] of Object.entries(expected)) {
          expect(booked[account] ?? 0).toBe(amount);
        }
        for (const v of parsed.verifications) {
          expect(v.transactions.every((t) => t.amount !== 0)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });
});
